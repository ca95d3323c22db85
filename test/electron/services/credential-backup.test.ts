/**
 * The Nitrokey 3 add dialog's backup step (issue 12): 'credential/write' with a backup handle adds the
 * verified account to a keyslot backup (contents version 2, SHA-256 and 7 digits kept); restoring that file
 * with the CLI onto a fresh virtual Nitrokey 3 gives oathtool's code. A wrong password writes nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readBackupFile, VirtualNk3 } from '../../../device/index';
import { call } from '../../../electron/ipc/serve';
import { virtualNk3Opener } from '../../../electron/services/named-discovery';
import { runCli, tempStateFile } from '../../support/cli';
import { run } from '../../support/nitrocli';
import { makeHarness, type Harness } from '../support/harness';

const SHA256_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'; // "12345678901234567890123456789012"
const SHA256_HEX = Buffer.from('12345678901234567890123456789012').toString('hex');
const PASSWORD = 'correct horse';
/** runCli's default clock. */
const T = Date.UTC(2024, 0, 1, 12, 0, 10) / 1000;

async function withNk3(): Promise<{ h: Harness; id: string }> {
  const h = await makeHarness();
  h.clock.ms = 59_000;
  const id = await h.tokens.named.add(virtualNk3Opener(VirtualNk3.create({ policy: 'accept' }), 'nk3.json', h.clock));
  return { h, id };
}

async function handle(h: Harness, path: string): Promise<string> {
  const r = await call(h.dispatch, 'our-page', 'backup/typed-file', { purpose: 'backup-save', path });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value.handle;
}

const write = (token: string, name: string, backup: { file: string; password: string }) => ({
  token,
  name,
  kind: 'totp' as const,
  secret: { text: SHA256_B32, encoding: 'base32' as const },
  algorithm: 'SHA256' as const,
  digits: 7,
  period: 30,
  isTouchRequired: false,
  isPinProtected: false,
  backup,
});

describe('the Nitrokey 3 add dialog’s backup step', () => {
  const path = `${tempStateFile()}.kbk`;

  it('adds a verified SHA-256, 7-digit account to the backup, which lists it as SHA256', async () => {
    const { h, id } = await withNk3();
    const w = await call(
      h.dispatch,
      'our-page',
      'credential/write',
      write(id, 'ACME:dana', {
        file: await handle(h, path),
        password: PASSWORD,
      }),
    );
    assert.ok(w.ok, JSON.stringify(w));
    assert.deepEqual(w.value.backup, { name: path.split('/').pop(), accountCount: 1 });
    const opened = await readBackupFile(path, PASSWORD);
    assert.ok(opened.ok);
    assert.deepEqual(
      opened.contents.accounts.map((a) => [a.name, a.account.kind, a.account.algorithm, a.account.digits]),
      [['ACME:dana', 'totp', 'SHA256', 7]],
    );
    assert.equal(Buffer.from(opened.contents.accounts[0].account.secret).toString('hex'), SHA256_HEX);
  });

  it('a wrong backup password writes nothing to the token', async () => {
    const { h, id } = await withNk3();
    const w = await call(
      h.dispatch,
      'our-page',
      'credential/write',
      write(id, 'Other', {
        file: await handle(h, path),
        password: 'wrong password',
      }),
    );
    assert.equal(!w.ok && w.error.code, 'backup-wrong-password');
    const l = await call(h.dispatch, 'our-page', 'credential/list', { token: id });
    assert.deepEqual(l.ok && l.value, []);
    const opened = await readBackupFile(path, PASSWORD);
    assert.equal(opened.ok && opened.contents.accounts.length, 1);
  });

  it('the CLI restores the backup onto a fresh Nitrokey 3 with oathtool’s code', async () => {
    const file = tempStateFile();
    const env = { KEYSLOT_BACKUP_PASSWORD: PASSWORD };
    const r = await runCli(['--device', `virtual-nk3:${file}`, 'backup', 'restore', path, '--yes'], { env });
    assert.equal(r.code, 0, r.stderr);
    const got = await runCli(['--device', `virtual-nk3:${file}`, 'otp', 'get', 'ACME:dana']);
    assert.equal(got.code, 0, got.stderr);
    const want = await run('oathtool', ['--totp=sha256', '--time-step-size=30s', '-N', `@${T}`, '-d', '7', SHA256_HEX]);
    assert.equal(want.code, 0, want.stderr);
    assert.equal(got.stdout.trim(), want.stdout.trim());
  });
});
