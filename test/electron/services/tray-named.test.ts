import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CredentialView, TokenEntry } from '../../../electron/ipc/contract';
import { NAMED_TRAY_STRINGS, buildNamedTrayItems, touchNotice } from '../../../electron/services/tray-named';
import { TRAY_STRINGS, buildTrayMenu } from '../../../electron/services/tray-model';

const entry: TokenEntry = {
  id: 'virtual-nk3:x',
  model: 'nk3',
  addressing: 'names',
  serial: null,
  isVirtual: true,
  isPrimary: false,
};
const cred = (name: string, extra: Partial<CredentialView> = {}): CredentialView => ({
  name,
  kind: 'totp',
  isTouchRequired: false,
  isPinProtected: false,
  hasPwsData: false,
  ...extra,
});
const LOCKED = { isUnlocked: false, hasKey: true, entries: [], capacity: 16 };

describe('the tray with a Nitrokey 3', () => {
  it('lists its code-making credentials by name, touch marked, PIN-protected and password-only left out', () => {
    const items = buildNamedTrayItems(
      [
        {
          entry,
          credentials: [
            cred('Mail'),
            cred('Bank', { isTouchRequired: true, kind: 'hotp' }),
            cred('Secret', { isPinProtected: true }),
            cred('Wifi', { kind: 'password' }),
          ],
        },
      ],
      NAMED_TRAY_STRINGS.en,
    );
    assert.deepEqual(
      items.map((i) => (i.kind === 'separator' ? '-' : i.label)),
      ['-', 'Nitrokey 3 (virtual)', 'Bank (HOTP) — touch', 'Mail (TOTP)'],
    );
    const bank = items[2];
    assert.deepEqual(bank.kind === 'action' && bank.action, { type: 'copy-named', token: entry.id, name: 'Bank' });
  });

  it('shows the Nitrokey 3 beside a Pro, and alone instead of "No token plugged in"', () => {
    const named = buildNamedTrayItems([{ entry, credentials: [cred('Mail')] }], NAMED_TRAY_STRINGS.en);
    const alone = buildTrayMenu(null, [], LOCKED, TRAY_STRINGS.en, { named });
    assert.equal(alone[0].kind === 'header' && alone[0].label, 'Nitrokey 3 (virtual)');
    assert.ok(!alone.some((i) => i.kind === 'header' && i.label === TRAY_STRINGS.en.noToken));
    const pro = {
      id: 'p',
      model: 'pro',
      serial: '00000001',
      isVirtual: false,
    } as unknown as Parameters<typeof buildTrayMenu>[0];
    const both = buildTrayMenu(pro, [], LOCKED, TRAY_STRINGS.en, { named });
    const labels = both.flatMap((i) => (i.kind === 'separator' ? [] : [i.label]));
    assert.ok(labels.indexOf('Nitrokey Pro') < labels.indexOf('Nitrokey 3 (virtual)'));
    assert.ok(labels.indexOf('Mail (TOTP)') < labels.indexOf('Quit keyslot'));
  });

  it('says "Touch your Nitrokey 3" in the notification, with the credential when known', () => {
    assert.equal(touchNotice('Bank', NAMED_TRAY_STRINGS.en), 'Touch your Nitrokey 3 for Bank');
    assert.equal(touchNotice(undefined, NAMED_TRAY_STRINGS.de), 'Berühren Sie Ihren Nitrokey 3');
  });
});
