import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PwsState, SlotSummary, TokenInfo } from '../../../electron/ipc/contract';
import {
  TRAY_STRINGS,
  buildTrayMenu,
  pinKey,
  trayCopyNotice,
  type TrayItem,
} from '../../../electron/services/tray-model';

const token = { model: 'pro', isVirtual: true, serial: '072b8aa5' } as TokenInfo;
const slots: SlotSummary[] = [
  { slot: { kind: 'hotp', index: 0 }, name: 'VPN', digits: 6, counter: '3' },
  { slot: { kind: 'totp', index: 4 }, name: 'Mail', digits: 6, period: 30 },
  { slot: { kind: 'totp', index: 1 }, name: 'GitHub', digits: 6, period: 30 },
];
const locked: PwsState = { isUnlocked: false, hasKey: true, entries: [], capacity: 16 };
const labels = (items: TrayItem[]) => items.map((i) => (i.kind === 'separator' ? '—' : i.label));

describe('tray menu model', () => {
  it('lists TOTP slots, then HOTP slots, then the window actions', () => {
    assert.deepEqual(labels(buildTrayMenu(token, slots, locked, TRAY_STRINGS.en)), [
      'Nitrokey Pro (virtual)',
      '—',
      'Copy code',
      'GitHub (TOTP)',
      'Mail (TOTP)',
      'VPN (HOTP)',
      '—',
      'Open window',
      'Lock token',
      'Quit keyslot',
    ]);
  });

  it('adds the entries of an unlocked password safe after the codes', () => {
    const pws: PwsState = {
      isUnlocked: true,
      hasKey: true,
      entries: [
        { index: 2, name: 'Bank' },
        { index: 0, name: 'Mail' },
      ],
      capacity: 16,
    };
    const items = buildTrayMenu(token, slots.slice(0, 1), pws, TRAY_STRINGS.en);
    assert.deepEqual(labels(items).slice(3, 8), ['VPN (HOTP)', '—', 'Copy password', 'Mail', 'Bank']);
    const bank = items.find((i) => i.kind === 'action' && i.label === 'Bank');
    assert.deepEqual(bank?.kind === 'action' && bank.action, { type: 'copy-pws', index: 2, field: 'password' });
  });

  it('links each slot item to its slot', () => {
    const item = buildTrayMenu(token, slots, locked, TRAY_STRINGS.en).find(
      (i) => i.kind === 'action' && i.label === 'VPN (HOTP)',
    );
    assert.deepEqual(item?.kind === 'action' && item.action, { type: 'copy-otp', slot: { kind: 'hotp', index: 0 } });
  });

  it('offers only the window actions without a token, with Lock disabled', () => {
    const items = buildTrayMenu(null, [], locked, TRAY_STRINGS.de);
    assert.deepEqual(labels(items), [
      'Kein Token eingesteckt',
      '—',
      'Fenster öffnen',
      'Token sperren',
      'keyslot beenden',
    ]);
    const lock = items.find((i) => i.kind === 'action' && i.action.type === 'lock');
    assert.equal(lock?.kind === 'action' && lock.isEnabled, false);
  });

  it('lists pinned slots first, under their own heading (issue 13)', () => {
    const pinned = [pinKey('072b8aa5', { kind: 'hotp', index: 0 }), pinKey('072b8aa5', { kind: 'totp', index: 4 })];
    assert.deepEqual(labels(buildTrayMenu(token, slots, locked, TRAY_STRINGS.en, { pinned })).slice(0, 8), [
      'Nitrokey Pro (virtual)',
      '—',
      'Pinned',
      'Mail (TOTP)',
      'VPN (HOTP)',
      '—',
      'Copy code',
      'GitHub (TOTP)',
    ]);
  });

  it('pins by token: another token’s pinned slot changes nothing', () => {
    const pinned = [pinKey('ffffffff', { kind: 'totp', index: 1 })];
    assert.deepEqual(
      labels(buildTrayMenu(token, slots, locked, TRAY_STRINGS.en, { pinned })),
      labels(buildTrayMenu(token, slots, locked, TRAY_STRINGS.en)),
    );
  });

  it('offers the quick picker while a token is there', () => {
    const items = buildTrayMenu(token, slots, locked, TRAY_STRINGS.en, { hasPicker: true });
    const picker = items.find((i) => i.kind === 'action' && i.label === 'Quick picker…');
    assert.deepEqual(picker?.kind === 'action' && picker.action, { type: 'open-picker' });
    assert.equal(
      buildTrayMenu(null, [], locked, TRAY_STRINGS.en, { hasPicker: true }).some(
        (i) => i.kind === 'action' && i.action.type === 'open-picker',
      ),
      false,
    );
  });

  it('words the notification after a tray copy', () => {
    assert.equal(trayCopyNotice('GitHub', 30_000, TRAY_STRINGS.en), 'Code for GitHub copied, clears in 30 s');
    assert.equal(trayCopyNotice('GitHub', 0, TRAY_STRINGS.en), 'Code for GitHub copied');
    assert.equal(trayCopyNotice('GitHub', 30_000, TRAY_STRINGS.de), 'Code für GitHub kopiert, wird in 30 s gelöscht');
  });
});
