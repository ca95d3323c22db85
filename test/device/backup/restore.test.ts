import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Token } from '../../../device/token';
import { VirtualToken } from '../../../device/virtual/token';
import { VirtualTransport } from '../../../device/transport/virtual';
import type { Transport } from '../../../device/transport/types';
import { findOnToken, planRestore, type RestorePlan } from '../../../device/backup/restore';
import { asSlotAccount, type BackupAccount, type BackupContents } from '../../../device/backup/contents';
import { readTokenFacts } from '../../../device/enrol/plan';
import { writeAndVerify } from '../../../device/enrol/write';
import { parseOtpauthUri } from '../../../device/otp/index';
import { FakeClock } from '../../support/fake-clock';

const slotOf = (s: string) => ({ kind: s.slice(0, 4) as 'totp' | 'hotp', index: Number(s.slice(5)) - 1 });
const where = (s: { kind: string; index: number }) => `${s.kind}:${s.index + 1}`;

function backupAccount(uri: string, name: string, slot?: string): BackupAccount {
  const r = parseOtpauthUri(uri);
  assert.ok(r.ok);
  return { account: r.value, name, ...(slot ? { slot: slotOf(slot) } : {}), addedAt: '2024-01-01T00:00:00Z' };
}

/** Three TOTP accounts, each remembered in the slot it had on the token the backup was made from. */
const THREE: BackupContents = {
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  accounts: [
    backupAccount('otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', 'GitHub:octo', 'totp:1'),
    backupAccount(
      'otpauth://totp/Mail:ann?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Mail&digits=8',
      'Mail:ann',
      'totp:2',
    ),
    backupAccount('otpauth://totp/Bank:bob?secret=MFRGGZDFMZTWQ2LK&issuer=Bank&period=60', 'Bank:bob', 'totp:3'),
  ],
};

async function open(clock: FakeClock, wrap: (t: Transport) => Transport = (t) => t) {
  const virtual = VirtualToken.create({ model: 'pro', clock, latency: 'none', isClockSlow: false });
  const token = await Token.open(wrap(new VirtualTransport(virtual)), { clock });
  await token.authenticate('admin', '12345678');
  return token;
}

/** Writes a backup account the way an earlier `otp add` would have: from the same secret, in `slot`. */
async function writeFrom(token: Token, b: BackupAccount, slot: string, secret = b.account.secret) {
  const a = b.account;
  await token.writeSlot(slotOf(slot), {
    name: b.name,
    secret,
    digits: asSlotAccount(a)!.digits,
    ...(a.kind === 'totp' ? { period: a.period ?? 30 } : { counter: a.counter ?? 0n }),
  });
}

async function plan(token: Token, contents: BackupContents, clock: FakeClock): Promise<RestorePlan> {
  const facts = await readTokenFacts(token);
  return planRestore(contents, facts, await findOnToken(token, contents, facts, clock));
}

describe('restoring onto a token that holds some of the accounts', () => {
  it('leaves out an account a slot of the same name gives the same code for, and writes the other two', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 12, 0, 10));
    const token = await open(clock);
    // The account sits in another slot than the backup remembers, so only its code can match it.
    await writeFrom(token, THREE.accounts[1], 'totp:5');
    const p = await plan(token, THREE, clock);
    assert.equal(p.problem, undefined);
    assert.deepEqual(
      p.alreadyOnToken.map((a) => [a.index, a.label, where(a.slot), a.name]),
      [[1, 'Mail: ann', 'totp:5', 'Mail:ann']],
    );
    assert.deepEqual(
      p.assignments.map((a) => [a.index, where(a.slot), a.name]),
      [
        [0, 'totp:1', 'GitHub:octo'],
        [2, 'totp:3', 'Bank:bob'],
      ],
    );
    assert.deepEqual(p.notes, []);
  });

  it('does not take a slot of the same name but another secret for the account: it is written elsewhere, with the duplicate-name note', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 12, 0, 10));
    const token = await open(clock);
    await writeFrom(token, THREE.accounts[0], 'totp:1', new Uint8Array(10).fill(7));
    const p = await plan(token, THREE, clock);
    assert.deepEqual(p.alreadyOnToken, []);
    assert.deepEqual(
      p.assignments.map((a) => [a.index, where(a.slot)]),
      [
        [0, 'totp:2'],
        [1, 'totp:3'],
        [2, 'totp:4'],
      ],
    );
    assert.deepEqual(p.notes, ['totp:1 is already called "GitHub:octo"; select slots by number to tell them apart.']);
  });

  it('does not take a slot of the same name and secret but other digits for the account', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 12, 0, 10));
    const token = await open(clock);
    await token.writeSlot(slotOf('totp:2'), {
      name: 'Mail:ann',
      secret: THREE.accounts[1].account.secret,
      digits: 6,
      period: 30,
    });
    const p = await plan(token, THREE, clock);
    assert.deepEqual(p.alreadyOnToken, []);
    assert.equal(p.assignments.length, 3);
  });

  it('writes an HOTP account with a same-name slot as before, notes why it was not compared, and leaves the counter alone', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 12, 0, 10));
    const token = await open(clock);
    const vpn = backupAccount('otpauth://hotp/VPN?secret=JBSWY3DPEHPK3PXP&counter=3', 'VPN', 'hotp:1');
    await writeFrom(token, vpn, 'hotp:1');
    const contents: BackupContents = { ...THREE, accounts: [vpn] };
    const before = (await token.readSlot(slotOf('hotp:1')))?.counter;
    const p = await plan(token, contents, clock);
    assert.equal((await token.readSlot(slotOf('hotp:1')))?.counter, before);
    assert.equal(before, 3n);
    assert.deepEqual(p.alreadyOnToken, []);
    assert.deepEqual(
      p.assignments.map((a) => where(a.slot)),
      ['hotp:2'],
    );
    assert.deepEqual(p.notes, [
      'hotp:1 is already called "VPN". HOTP slots cannot be compared without using up a code, so keyslot cannot tell whether it holds this account: it is written again. Select slots by number to tell them apart.',
    ]);
  });

  it('writes nothing when the same backup is restored a second time, and lists every account as already there', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 12, 0, 10));
    const token = await open(clock);
    const first = await plan(token, THREE, clock);
    const report = await writeAndVerify(token, first.assignments, clock);
    assert.deepEqual(
      report.results.map((r) => r.verify.ok),
      [true, true, true],
    );
    clock.advance(95_000);
    const again = await plan(token, THREE, clock);
    assert.deepEqual(again.assignments, []);
    assert.equal(again.problem, undefined);
    assert.deepEqual(
      again.alreadyOnToken.map((a) => [a.index, where(a.slot)]),
      [
        [0, 'totp:1'],
        [1, 'totp:2'],
        [2, 'totp:3'],
      ],
    );
  });

  it("accepts the token's code of the next time step when its tick crosses the boundary while keyslot asks (§14.1)", async () => {
    // The token boots half a second into a Unix second, so its ticks fall at .500; keyslot asks
    // just before a 30 s boundary and each report takes 5 ms, so the token's second ticks over.
    const clock = new FakeClock(1_700_000_000_500);
    const slow = (t: Transport): Transport => ({
      ...t,
      info: t.info,
      close: () => t.close(),
      getFeatureReport: () => t.getFeatureReport(),
      sendFeatureReport: async (r) => (clock.advance(5), t.sendFeatureReport(r)),
    });
    const token = await open(clock, slow);
    await writeFrom(token, THREE.accounts[0], 'totp:1');
    const contents = { ...THREE, accounts: [THREE.accounts[0]] };
    const facts = await readTokenFacts(token);
    // SET_TIME goes out at 9.495 s (the token's second stays 9), GET_CODE at 9.505 s (its second is 10 now).
    clock.set(1_700_000_009_490);
    const found = await findOnToken(token, contents, facts, clock);
    assert.deepEqual(
      found.present.map((a) => where(a.slot)),
      ['totp:1'],
    );
  });

  it('does not ask for codes when the token wants the user PIN for them, and says so', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 12, 0, 10));
    const token = await open(clock);
    await writeFrom(token, THREE.accounts[0], 'totp:1');
    await token.setConfig({
      numlock: null,
      capslock: null,
      scrolllock: null,
      isUserPasswordRequired: true,
      isDeleteUserPassword: false,
    });
    const p = await plan(token, THREE, clock);
    assert.deepEqual(p.alreadyOnToken, []);
    assert.match(p.notes[0], /needs the user PIN for codes, so keyslot did not compare/);
    assert.deepEqual(
      p.assignments.map((a) => where(a.slot)),
      ['totp:2', 'totp:3', 'totp:4'],
    );
  });
});
