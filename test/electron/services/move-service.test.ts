/** The move wizard's service: a virtual Pro with a keyslot backup to a virtual Nitrokey 3, every account verified. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  VirtualNk3,
  VirtualTransport,
  createBackupFile,
  expectedCode,
  parseSecret,
  readBackupFile,
} from '../../../device/index';
import { call } from '../../../electron/ipc/serve';
import { virtualNk3Opener } from '../../../electron/services/named-discovery';
import { TEST_SEAL, makeHarness, typedFile } from '../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'keyslot-move-'));
const B32 = 'JBSWY3DPEHPK3PXP';
const SHA256_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const secret = (b32 = B32) => {
  const s = parseSecret(b32, 'base32');
  assert.ok(s.ok);
  return s.bytes;
};

describe('move service', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('moves TOTP, HOTP (with the Pro counter) and safe entries from a Pro to a Nitrokey 3, backup first', async () => {
    const h = await makeHarness({ attach: false });
    h.clock.ms = 59_000;
    await h.session.attach(new VirtualTransport(h.virtual, 'x'));
    const pin = { adminPin: '12345678' };
    const slot = (kind: 'totp' | 'hotp', index: number, name: string, extra: object) =>
      call(h.dispatch, 'our-page', 'slot/write', {
        slot: { kind, index },
        name,
        secret: { text: B32, encoding: 'base32' },
        digits: 6,
        isOverwriteConfirmed: false,
        ...pin,
        ...extra,
      });
    const first = await slot('totp', 0, 'GitHub', { period: 30 });
    assert.ok(first.ok, JSON.stringify(first));
    const second = await slot('hotp', 0, 'VPN', { counter: '5' }); // verify used counter 5: the slot is at 6
    assert.ok(second.ok, JSON.stringify(second));
    const third = await slot('totp', 1, 'Lost', { period: 30 });
    assert.ok(third.ok, JSON.stringify(third));
    await call(h.dispatch, 'our-page', 'pws/init', { adminPin: '12345678' });
    await call(h.dispatch, 'our-page', 'pws/unlock', { userPin: '123456' });
    const pw = await call(h.dispatch, 'our-page', 'pws/write', {
      index: 2,
      name: 'Router',
      login: 'adm',
      password: 'pw',
    });
    assert.ok(pw.ok, JSON.stringify(pw));
    const backup = join(dir, 'old.keyslot-backup');
    const acct = (kind: 'totp' | 'hotp', name: string) =>
      kind === 'totp'
        ? { kind, secret: secret(), digits: 6 as const, period: 30, name }
        : { kind, secret: secret(), digits: 6 as const, counter: 5n, name };
    const made = await createBackupFile(
      backup,
      'backup pw',
      [
        { account: acct('totp', 'GitHub'), name: 'GitHub', slot: { kind: 'totp', index: 0 } },
        { account: acct('hotp', 'VPN'), name: 'VPN', slot: { kind: 'hotp', index: 0 } },
      ],
      TEST_SEAL,
    );
    assert.ok(made.ok);
    const nk3 = VirtualNk3.create();
    const dest = await h.tokens.named.add(virtualNk3Opener(nk3, 'nk3.json', h.clock));
    const source = h.session.id!;

    const noBackup = await call(h.dispatch, 'our-page', 'move/plan', {
      source,
      destination: dest,
      sourcePin: '123456',
    });
    assert.ok(noBackup.ok, JSON.stringify(noBackup));
    assert.deepEqual(
      noBackup.value.refusals.map((r) => [r.name, r.problem]),
      [
        ['VPN', 'no-secret'],
        ['GitHub', 'no-secret'],
        ['Lost', 'no-secret'],
      ],
    );

    const plan = await call(h.dispatch, 'our-page', 'move/plan', {
      source,
      destination: dest,
      backup: { file: await typedFile(h.dispatch, 'backup-open', backup), password: 'backup pw' },
      sourcePin: '123456',
    });
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(
      plan.value.moves.map((m) => [m.what, m.name, m.to]),
      [
        ['otp', 'VPN', 'VPN'],
        ['otp', 'GitHub', 'GitHub'],
        ['password', 'Router', 'Router'],
      ],
    );
    assert.deepEqual(
      plan.value.refusals.map((r) => [r.name, r.problem]),
      [['Lost', 'no-secret']],
    );
    assert.ok(!JSON.stringify(plan.value).includes('pw"'), 'no password in the review');

    const out = join(dir, 'moved.keyslot-backup');
    const run = await call(h.dispatch, 'our-page', 'move/run', {
      id: plan.value.id,
      backupFile: await typedFile(h.dispatch, 'backup-save', out),
      backupPassword: 'new pw',
    });
    assert.ok(run.ok, JSON.stringify(run));
    assert.ok(existsSync(out));
    assert.deepEqual(
      run.value.results.map((r) => [r.name, r.isVerified, r.error]),
      [
        ['VPN', true, undefined],
        ['GitHub', true, undefined],
        ['Router', true, undefined],
      ],
    );
    // HOTP moved at the Pro's counter (6, after its own verify), then the Nitrokey 3's verify used it: next is 7.
    const session = h.tokens.named.get(dest).session;
    const next = await session.getCode({ name: 'VPN' });
    assert.equal(next.code, expectedCode({ name: 'VPN', kind: 'hotp', secret: secret(), digits: 6, counter: 7n }, 0));
    const again = await call(h.dispatch, 'our-page', 'move/run', {
      id: plan.value.id,
      backupFile: await typedFile(h.dispatch, 'backup-save', out),
      backupPassword: 'x',
    });
    assert.equal(!again.ok && again.error.code, 'move-expired');
  });

  it('moves a SHA-256, 7-digit account between two Nitrokey 3s; the new backup keeps SHA256 and 7 digits', async () => {
    const h = await makeHarness();
    h.clock.ms = 59_000;
    const source = await h.tokens.named.add(virtualNk3Opener(VirtualNk3.create(), 'nk3-from.json', h.clock));
    const dest = await h.tokens.named.add(virtualNk3Opener(VirtualNk3.create(), 'nk3-to.json', h.clock));
    const old = join(dir, 'nk3-old.keyslot-backup');
    const w = await call(h.dispatch, 'our-page', 'credential/write', {
      token: source,
      name: 'ACME:dana',
      kind: 'totp',
      secret: { text: SHA256_B32, encoding: 'base32' },
      algorithm: 'SHA256',
      digits: 7,
      period: 30,
      isTouchRequired: false,
      isPinProtected: false,
      backup: { file: await typedFile(h.dispatch, 'backup-save', old), password: 'old pw' },
    });
    assert.ok(w.ok, JSON.stringify(w));
    const plan = await call(h.dispatch, 'our-page', 'move/plan', {
      source,
      destination: dest,
      backup: { file: await typedFile(h.dispatch, 'backup-open', old), password: 'old pw' },
    });
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(
      plan.value.moves.map((m) => m.name),
      ['ACME:dana'],
    );
    const out = join(dir, 'nk3-moved.keyslot-backup');
    const run = await call(h.dispatch, 'our-page', 'move/run', {
      id: plan.value.id,
      backupFile: await typedFile(h.dispatch, 'backup-save', out),
      backupPassword: 'new pw',
    });
    assert.ok(run.ok, JSON.stringify(run));
    assert.deepEqual(
      run.value.results.map((r) => [r.name, r.isVerified]),
      [['ACME:dana', true]],
    );
    const moved = await readBackupFile(out, 'new pw');
    assert.ok(moved.ok);
    assert.deepEqual(
      moved.contents.accounts.map((a) => [a.name, a.account.algorithm, a.account.digits]),
      [['ACME:dana', 'SHA256', 7]],
    );
  });

  it('restores a version 2 backup onto a fresh Nitrokey 3 (a plan without a source): RFC 6238’s SHA-256 code', async () => {
    const h = await makeHarness();
    h.clock.ms = 59_000;
    const backup = join(dir, 'v2.keyslot-backup');
    const made = await createBackupFile(
      backup,
      'pw',
      [
        {
          account: {
            kind: 'totp',
            secret: secret(SHA256_B32),
            algorithm: 'SHA256',
            digits: 8,
            period: 30,
            name: 'RFC',
          },
          name: 'RFC',
        },
        { account: { kind: 'hotp', secret: secret(), digits: 7, counter: 3n, name: 'VPN' }, name: 'VPN' },
      ],
      TEST_SEAL,
    );
    assert.ok(made.ok);
    const dest = await h.tokens.named.add(virtualNk3Opener(VirtualNk3.create(), 'nk3-restore.json', h.clock));
    const none = await call(h.dispatch, 'our-page', 'move/plan', { destination: dest });
    assert.equal(!none.ok && none.error.code, 'bad-request');
    const plan = await call(h.dispatch, 'our-page', 'move/plan', {
      destination: dest,
      backup: { file: await typedFile(h.dispatch, 'backup-open', backup), password: 'pw' },
    });
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(
      plan.value.moves.map((m) => m.name),
      ['RFC', 'VPN'],
    );
    const run = await call(h.dispatch, 'our-page', 'move/run', { id: plan.value.id });
    assert.ok(run.ok, JSON.stringify(run));
    assert.equal(run.value.backupName, undefined);
    assert.deepEqual(
      run.value.results.map((r) => [r.name, r.isVerified]),
      [
        ['RFC', true],
        ['VPN', true],
      ],
    );
    const session = h.tokens.named.get(dest).session;
    assert.equal((await session.getCode({ name: 'RFC' })).code, '46119246'); // RFC 6238 Appendix B, T = 59 s
    // The verify used counter 3; the next code is counter 4's.
    const next = await session.getCode({ name: 'VPN' });
    assert.equal(next.code, expectedCode({ name: 'VPN', kind: 'hotp', secret: secret(), digits: 7, counter: 4n }, 0));
  });

  it('a move between tokens still needs its backup file', async () => {
    const h = await makeHarness();
    const dest = await h.tokens.named.add(virtualNk3Opener(VirtualNk3.create(), 'nk3-c.json', h.clock));
    const plan = await call(h.dispatch, 'our-page', 'move/plan', { source: h.session.id!, destination: dest });
    assert.ok(plan.ok, JSON.stringify(plan));
    const run = await call(h.dispatch, 'our-page', 'move/run', { id: plan.value.id });
    assert.equal(!run.ok && run.error.code, 'bad-request');
  });

  it('refuses a backup whose password is wrong', async () => {
    const h = await makeHarness();
    const backup = join(dir, 'empty.keyslot-backup');
    assert.ok((await createBackupFile(backup, 'right', [], TEST_SEAL)).ok);
    const dest = await h.tokens.named.add(virtualNk3Opener(VirtualNk3.create(), 'nk3b.json', h.clock));
    const r = await call(h.dispatch, 'our-page', 'move/plan', {
      source: h.session.id!,
      destination: dest,
      backup: { file: await typedFile(h.dispatch, 'backup-open', backup), password: 'wrong' },
    });
    assert.equal(!r.ok && r.error.code, 'backup-wrong-password');
  });
});
