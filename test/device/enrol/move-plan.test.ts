import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findBackupAccount, planMove, storedNameBytes } from '../../../device/enrol/move-plan';
import type { BackupAccount } from '../../../device/backup/contents';
import type { CredentialInfo, PwsEntryView, TokenCaps } from '../../../device/tokens/types';

// Capabilities as the two families state them (Pro: protocol reference §7.4, 15-byte names, 3 HOTP + 15 TOTP
// slots, 16 safe entries; Nitrokey 3: nitrokey3-secrets.md §8, 127-byte labels, 50 credentials).
const PRO: TokenCaps = {
  addressing: 'slots',
  algorithms: ['SHA1'],
  digits: [6, 8],
  kinds: ['totp', 'hotp'],
  pins: ['admin', 'user'],
  pinRetries: { admin: 3, user: 3 },
  touch: false,
  hasPinProtectedCredentials: false,
  maxNameBytes: 15,
  maxSecretBytes: 40,
  maxCredentials: 18,
  slots: { totp: 15, hotp: 3 },
  isPeriodStored: true,
  needsClock: true,
  pws: { entries: 16, fields: ['name', 'login', 'password'], maxFieldBytes: { name: 11, login: 32, password: 20 } },
  editable: ['name'],
};
const NK3: TokenCaps = {
  addressing: 'names',
  algorithms: ['SHA1', 'SHA256'],
  digits: [6, 7, 8],
  kinds: ['totp', 'hotp'],
  pins: ['pin'],
  pinRetries: { pin: 8 },
  touch: true,
  hasPinProtectedCredentials: true,
  maxNameBytes: 127,
  maxSecretBytes: 64,
  maxCredentials: 50,
  slots: null,
  isPeriodStored: false,
  needsClock: false,
  pws: { entries: null, fields: ['login', 'password', 'comment'], maxFieldBytes: { login: 128, password: 128 } },
  editable: ['name', 'touch', 'login', 'password', 'comment'],
};

const secret = (b: number) => new Uint8Array(20).fill(b);
const totp = (index: number, name: string, extra: Partial<CredentialInfo> = {}): CredentialInfo => ({
  ref: { slot: { kind: 'totp', index } },
  name,
  kind: 'totp',
  digits: 6,
  period: 30,
  isTouchRequired: false,
  isPinProtected: false,
  hasPwsData: false,
  ...extra,
});
const hotp = (index: number, name: string, counter: string): CredentialInfo => ({
  ref: { slot: { kind: 'hotp', index } },
  name,
  kind: 'hotp',
  digits: 6,
  counter,
  isTouchRequired: false,
  isPinProtected: false,
  hasPwsData: false,
});
const backed = (
  name: string,
  kind: 'totp' | 'hotp',
  fill: number,
  extra: Partial<BackupAccount> = {},
): BackupAccount => ({
  account:
    kind === 'totp'
      ? { kind, secret: secret(fill), digits: 6, period: 30, name }
      : { kind, secret: secret(fill), digits: 6, counter: 3n, name },
  name,
  addedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const empty = (caps: TokenCaps) => ({ caps, credentials: [], pws: [] as PwsEntryView[] });

describe('planMove', () => {
  it('moves every backed-up account from a Pro to a Nitrokey 3 by name, HOTP with the Pro counter', () => {
    const source = { credentials: [totp(0, 'GitHub'), hotp(1, 'VPN', '17')], pws: [] };
    const plan = planMove(source, empty(NK3), [backed('GitHub', 'totp', 1), backed('VPN', 'hotp', 2)]);
    assert.deepEqual(plan.refusals, []);
    assert.deepEqual(
      plan.steps.map((s) => [s.name, s.to, s.write?.kind, s.write?.counter, s.write?.secret?.[0]]),
      [
        ['GitHub', { name: 'GitHub' }, 'totp', undefined, 1],
        ['VPN', { name: 'VPN' }, 'hotp', 17n, 2],
      ],
    );
  });

  it('refuses an account the backup does not hold: it must be re-enrolled at its site', () => {
    const plan = planMove({ credentials: [totp(0, 'Mail'), totp(1, 'Bank')], pws: [] }, empty(NK3), [
      backed('Mail', 'totp', 1),
    ]);
    assert.deepEqual(
      plan.refusals.map((r) => [r.name, r.problem]),
      [['Bank', 'no-secret']],
    );
    const none = planMove({ credentials: [totp(0, 'Mail')], pws: [] }, empty(NK3));
    assert.equal(none.refusals[0].problem, 'no-secret');
  });

  it('does not take a backup account of other digits or period for the same name', () => {
    const c = totp(0, 'Mail', { digits: 8 });
    assert.equal(findBackupAccount(c, [backed('Mail', 'totp', 1)]), null);
    const p = totp(0, 'Mail', { period: 60 });
    assert.equal(findBackupAccount(p, [backed('Mail', 'totp', 1)]), null);
  });

  it('prefers the backup account that was written to the same slot', () => {
    const a = backed('Mail', 'totp', 1, { slot: { kind: 'totp', index: 4 } });
    const b = backed('Mail', 'totp', 2, { slot: { kind: 'totp', index: 2 } });
    assert.equal(findBackupAccount(totp(2, 'Mail'), [a, b])?.account.secret[0], 2);
  });

  it('refuses on a Pro what it cannot hold: SHA-256, a long name, 7 digits, no free slot', () => {
    const nk3Creds: CredentialInfo[] = [
      { ...totp(0, 'Sha'), ref: { name: 'Sha' }, algorithm: 'SHA256', digits: undefined },
      { ...totp(0, 'A very long account name'), ref: { name: 'A very long account name' }, digits: undefined },
      { ...totp(0, 'Seven'), ref: { name: 'Seven' }, digits: undefined },
      { ...hotp(0, 'H', '0'), ref: { name: 'H' }, counter: undefined },
    ];
    const backup = [
      backed('Sha', 'totp', 1),
      backed('A very long account name', 'totp', 2),
      { ...backed('Seven', 'totp', 3), account: { kind: 'totp', secret: secret(3), digits: 7, name: 'Seven' } },
      backed('H', 'hotp', 4),
    ] as BackupAccount[];
    const full = { caps: PRO, credentials: [0, 1, 2].map((i) => hotp(i, `h${i}`, '0')), pws: [] };
    const plan = planMove({ credentials: nk3Creds, pws: [] }, full, backup);
    assert.deepEqual(
      plan.refusals.map((r) => [r.name, r.problem, r.limit]),
      [
        ['Sha', 'algorithm-unsupported', undefined],
        ['A very long account name', 'name-too-long', 15],
        ['Seven', 'digits-unsupported', undefined],
        ['H', 'no-free-slot', undefined],
      ],
    );
  });

  it('takes the first free slots of each kind on a slot destination, counter from the backup when unknown', () => {
    const dest = { caps: PRO, credentials: [totp(0, 'x'), totp(1, 'y')], pws: [] };
    const src = [
      { ...totp(0, 'A'), ref: { name: 'A' } },
      { ...hotp(0, 'B', '0'), ref: { name: 'B' }, counter: undefined },
    ];
    const plan = planMove({ credentials: src, pws: [] }, dest, [backed('A', 'totp', 1), backed('B', 'hotp', 2)]);
    assert.deepEqual(
      plan.steps.map((s) => [s.to, s.write?.counter, s.notes]),
      [
        [{ slot: { kind: 'totp', index: 2 } }, undefined, []],
        [{ slot: { kind: 'hotp', index: 0 } }, 3n, ['counter-from-backup']],
      ],
    );
  });

  it('counts the P/ prefix of a 60 s account against a Nitrokey 3 name limit and notes it', () => {
    assert.equal(storedNameBytes(NK3, 'abc', 60), 6);
    assert.equal(storedNameBytes(PRO, 'abc', 60), 3);
    const name = 'n'.repeat(125);
    const c = totp(0, name, { period: 60 });
    const b = backed(name, 'totp', 1);
    b.account.period = 60;
    const plan = planMove({ credentials: [c], pws: [] }, empty(NK3), [b]);
    assert.equal(plan.refusals[0]?.problem, 'name-too-long');
    const ok = planMove({ credentials: [totp(0, 'Short', { period: 60 })], pws: [] }, empty(NK3), [
      { ...backed('Short', 'totp', 1), account: { ...backed('Short', 'totp', 1).account, period: 60 } },
    ]);
    assert.deepEqual(ok.steps[0].notes, ['period-in-name']);
    assert.equal(ok.steps[0].write?.period, 60);
  });

  it('takes a Nitrokey 3 name apart from its P/ prefix for a Pro, and keeps it once on a Nitrokey 3', () => {
    const c: CredentialInfo = { ...totp(0, '60/Bank:bob', { period: 60 }), ref: { name: '60/Bank:bob' } };
    const b = backed('Bank:bob', 'totp', 1);
    b.account.period = 60;
    const toPro = planMove({ credentials: [c], pws: [] }, empty(PRO), [b]);
    assert.deepEqual([toPro.steps[0]?.write?.name, toPro.steps[0]?.write?.period], ['Bank:bob', 60]);
    const toNk3 = planMove({ credentials: [c], pws: [] }, empty(NK3), [b]);
    assert.deepEqual([toNk3.steps[0]?.write?.name, toNk3.steps[0]?.to], ['Bank:bob', { name: '60/Bank:bob' }]);
    const taken = { caps: NK3, credentials: [c], pws: [] };
    assert.equal(planMove({ credentials: [c], pws: [] }, taken, [b]).refusals[0]?.problem, 'name-taken');
  });

  it('refuses a name the Nitrokey 3 already holds', () => {
    const dest = { caps: NK3, credentials: [{ ...totp(0, 'GitHub'), ref: { name: 'GitHub' } }], pws: [] };
    const plan = planMove({ credentials: [totp(0, 'GitHub')], pws: [] }, dest, [backed('GitHub', 'totp', 1)]);
    assert.equal(plan.refusals[0].problem, 'name-taken');
  });

  it('moves password entries without a backup, joining the OTP account of the same name on a Nitrokey 3', () => {
    const pws: PwsEntryView[] = [
      { ref: { index: 0 }, name: 'GitHub', login: 'me', password: 'pw1' },
      { ref: { index: 3 }, name: 'Router', login: 'admin', password: 'pw2' },
      { ref: { index: 5 }, name: 'Empty' },
    ];
    const plan = planMove({ credentials: [totp(0, 'GitHub')], pws }, empty(NK3), [backed('GitHub', 'totp', 1)]);
    assert.deepEqual(
      plan.steps.map((s) => [s.what, s.name, s.to, s.notes, s.pws?.password]),
      [
        ['otp', 'GitHub', { name: 'GitHub' }, [], undefined],
        ['password', 'GitHub', { name: 'GitHub' }, ['merged-with-otp'], 'pw1'],
        ['password', 'Router', { name: 'Router' }, [], 'pw2'],
      ],
    );
  });

  it('moves Nitrokey 3 password fields to free safe entries of a Pro, refusing what is too long', () => {
    const pws: PwsEntryView[] = [
      { ref: { name: 'Shop' }, name: 'Shop', login: 'me', password: 'short', comment: 'note' },
      { ref: { name: 'Bank' }, name: 'Bank', login: 'me', password: 'p'.repeat(21) },
      { ref: { name: 'A long entry name' }, name: 'A long entry name', password: 'x' },
    ];
    const dest = { caps: PRO, credentials: [], pws: [{ ref: { index: 0 }, name: 'used' }] };
    const plan = planMove({ credentials: [], pws }, dest);
    assert.deepEqual(
      plan.steps.map((s) => [s.name, s.to, s.notes]),
      [['Shop', { index: 1 }, ['comment-dropped']]],
    );
    assert.deepEqual(
      plan.refusals.map((r) => [r.name, r.problem, r.limit]),
      [
        ['Bank', 'field-too-long', 20],
        ['A long entry name', 'name-too-long', 11],
      ],
    );
  });

  it('keeps the touch flag on a Nitrokey 3 destination and drops it with a note on a Pro', () => {
    const c = { ...totp(0, 'T'), ref: { name: 'T' }, isTouchRequired: true };
    const toNk3 = planMove({ credentials: [c], pws: [] }, empty(NK3), [backed('T', 'totp', 1)]);
    assert.equal(toNk3.steps[0].write?.isTouchRequired, true);
    const toPro = planMove({ credentials: [c], pws: [] }, empty(PRO), [backed('T', 'totp', 1)]);
    assert.equal(toPro.steps[0].write?.isTouchRequired, undefined);
    assert.deepEqual(toPro.steps[0].notes, ['touch-dropped']);
  });
});
