/**
 * `otp add` and `backup create|restore` on a Nitrokey 3 with what only it computes (issue 11): SHA-256 and
 * 7-digit accounts are added from URIs, kept in the backup (contents version 2) and restored to a fresh
 * Nitrokey 3 with the same codes (oathtool's, not ours); the same backup on a virtual Pro is refused at
 * planning with the Pro's own reasons; a backup written before version 2 still reads.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { runCli, tempStateFile, type CliOptions } from '../support/cli';
import { run } from '../support/nitrocli';

/** runCli's default clock. */
const T = Date.UTC(2024, 0, 1, 12, 0, 10) / 1000;
const SECRET256_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA'; // "12345678901234567890123456789012"
const SECRET256_HEX = Buffer.from('12345678901234567890123456789012').toString('hex');
const RFC_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_HEX = Buffer.from('12345678901234567890').toString('hex');
const FIXTURE_V1 = fileURLToPath(new URL('../fixtures/backup/contents-v1.keyslot-backup', import.meta.url));

async function oathtool(hex: string, mode: 'sha1' | 'sha256', digits: number): Promise<string> {
  const r = await run('oathtool', [`--totp=${mode}`, '--time-step-size=30s', '-N', `@${T}`, '-d', String(digits), hex]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

const nk3 = (file = tempStateFile()) => ({
  file,
  k: (argv: string[], opts: CliOptions = {}) => runCli(['--device', `virtual-nk3:${file}`, ...argv], opts),
});

describe('SHA-256 and 7-digit accounts through otp add and backups', () => {
  const backup = `${tempStateFile()}.kbk`;
  const env = { KEYSLOT_BACKUP_PASSWORD: 'correct horse' };
  const sha256Uri = `otpauth://totp/ACME:dana?secret=${SECRET256_B32}&issuer=ACME&algorithm=SHA256&digits=8`;
  const sevenUri = `otpauth://totp/Shop:erin?secret=${RFC_B32}&issuer=Shop&digits=7`;

  it('otp add --uri writes a SHA-256 and a 7-digit account to a Nitrokey 3 with oathtool’s codes', async () => {
    const { k } = nk3();
    const a = await k(['otp', 'add', '--uri', sha256Uri, '--backup', backup], { env });
    assert.equal(a.code, 0, a.stderr);
    const want256 = await oathtool(SECRET256_HEX, 'sha256', 8);
    assert.match(a.stdout, new RegExp(`Type this code into the site: ${want256} `));
    const b = await k(['otp', 'add', '--uri', sevenUri, '--backup', backup], { env });
    assert.equal(b.code, 0, b.stderr);
    assert.equal((await k(['otp', 'get', 'ACME:dana'])).stdout.trim(), want256);
    assert.equal((await k(['otp', 'get', 'Shop:erin'])).stdout.trim(), await oathtool(RFC_HEX, 'sha1', 7));
  });

  it('the backup restores both to a fresh Nitrokey 3, with the same codes', async () => {
    const { k } = nk3();
    const r = await k(['backup', 'restore', backup, '--yes'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await k(['otp', 'get', 'ACME:dana'])).stdout.trim(), await oathtool(SECRET256_HEX, 'sha256', 8));
    assert.equal((await k(['otp', 'get', 'Shop:erin'])).stdout.trim(), await oathtool(RFC_HEX, 'sha1', 7));
  });

  it('the same backup on a virtual Pro is refused at planning, each account with the Pro’s reason', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(['backup', 'restore', backup, '--yes'], { stateFile, env });
    assert.notEqual(r.code, 0);
    const said = r.stdout + r.stderr;
    assert.ok(said.includes(PROBLEMS_EN.algorithmNotSha1({ algorithm: 'SHA256' })), said);
    assert.ok(said.includes(PROBLEMS_EN.tokenDigits), said);
    const list = await runCli(['otp', 'list', '--json'], { stateFile });
    assert.equal(list.code, 0, list.stderr);
    assert.ok(!list.stdout.includes('"name"'), list.stdout); // nothing was written
  });

  it('a backup written before contents version 2 still reads and restores', async () => {
    const fixtureEnv = { KEYSLOT_BACKUP_PASSWORD: 'fixture password' };
    const list = await runCli(['backup', 'list', FIXTURE_V1], { env: fixtureEnv });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /Example:alice/);
    assert.match(list.stdout, /hot/);
    const { k } = nk3();
    const r = await k(['backup', 'restore', FIXTURE_V1, '--yes'], { env: fixtureEnv });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await k(['otp', 'get', 'Example:alice'])).stdout.trim(), await oathtool(RFC_HEX, 'sha1', 8));
  });
});
