import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { FakeClock } from '../support/fake-clock';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';
import { qrImageFile } from '../support/qr-images';
import { migrationUris } from '../support/migration-fixtures';

const B32 = 'JBSWY3DPEHPK3PXP';
const T = 1_700_000_012;
const env = { ...DEFAULT_PIN_ENV, KEYSLOT_BACKUP_PASSWORD: 'pass phrase' };

async function slots(stateFile: string) {
  const r = await runCli(['otp', 'list', '--json'], { stateFile });
  return (JSON.parse(r.stdout) as { slot: string; isEmpty: boolean; name?: string }[])
    .filter((s) => !s.isEmpty)
    .map((s) => `${s.slot}=${s.name}`);
}

describe('keyslot otp add', () => {
  it("adds the account of a QR screenshot to the first free slot, verifies it and prints oathtool's code", async () => {
    const stateFile = tempStateFile();
    const clock = new FakeClock(T * 1000);
    await runCli(['otp', 'set', 'totp:1', '--name', 'old', '--secret', B32], { stateFile, clock, env });
    const image = qrImageFile({
      texts: [`otpauth://totp/GitHub:octocat?secret=${B32}&issuer=GitHub`],
      style: 'screenshot',
      box: 4,
    });
    const r = await runCli(['otp', 'add', '--qr', image], { stateFile, clock, env });
    assert.equal(r.code, 0, r.stderr);
    const code = execFileSync('oathtool', ['--totp', '-b', '-N', `@${T}`, B32], { encoding: 'utf8' }).trim();
    assert.match(r.stdout, /Wrote totp:2 "GitHub:octocat" and checked it: the token's code matches the secret\./);
    assert.match(r.stdout, new RegExp(`Type this code into the site: ${code} \\(valid for 28 s more\\)\\n$`));
    assert.deepEqual(await slots(stateFile), ['totp:1=old', 'totp:2=GitHub:octocat']);
  });

  it('imports every account of a two-code Google Authenticator export after the review, with --yes', async () => {
    const stateFile = tempStateFile();
    const uris = migrationUris([
      {
        accounts: [
          {
            secretHex: '3132333435363738393031323334353637383930',
            name: 'alice',
            issuer: 'Keycloak',
            type: 'OTP_TYPE_HOTP',
            counter: 3,
          },
        ],
        batchSize: 2,
        batchIndex: 0,
        batchId: 9,
      },
      {
        accounts: [
          { secretHex: '48656c6c6f21deadbeef', name: 'GitHub:octo', issuer: 'GitHub' },
          { secretHex: '48656c6c6f21deadbeef', name: 'x', issuer: 'Y', algorithm: 'ALGORITHM_SHA256' },
        ],
        batchSize: 2,
        batchIndex: 1,
        batchId: 9,
      },
    ]);
    const r = await runCli(['otp', 'add', '--uri', uris[0], uris[1], '--yes'], { stateFile, env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Cannot be written \(1\):\n  Y: x: This account uses SHA256/);
    assert.deepEqual(await slots(stateFile), ['hotp:1=Keycloak:alice', 'totp:1=GitHub:octo']);
  });

  it('refuses without a terminal and without --yes when there is a list to review, and writes nothing', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(
      ['otp', 'add', '--uri', 'otpauth://totp/ACME%20Corporation:someone%40example.com?secret=' + B32],
      { stateFile, env },
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stdout,
      /name: "ACME Corporation:someone@example.com" has 36 bytes; the token stores 15, so it is called "ACME:someone"\./,
    );
    assert.match(r.stderr, /Not a terminal, so keyslot cannot ask: review the list above and add --yes to go ahead\./);
    assert.deepEqual(await slots(stateFile), []);
  });

  it('asks on a terminal and writes when the answer is yes', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(
      ['otp', 'add', '--uri', 'otpauth://totp/ACME%20Corporation:someone%40example.com?secret=' + B32],
      { stateFile, env, input: ['y'] },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await slots(stateFile), ['totp:1=ACME:someone']);
  });

  it('refuses SHA512 and 7 digits with the reason before any PIN is asked', async () => {
    const stateFile = tempStateFile();
    for (const [extra, why] of [
      ['&algorithm=SHA512', /uses SHA512, but the firmware is HMAC-SHA1 only/],
      ['&digits=7', /7 digits; the token makes 6- or 8-digit codes only/],
    ] as const) {
      const r = await runCli(['otp', 'add', '--uri', `otpauth://totp/X:y?secret=${B32}${extra}`], {
        stateFile,
        env: {},
      });
      assert.equal(r.code, 2);
      assert.match(r.stdout, why);
      assert.doesNotMatch(r.stderr, /PIN/);
    }
    assert.deepEqual(await slots(stateFile), []);
  });

  it('adds the account to an encrypted backup before writing, and a wrong backup password writes nothing', async () => {
    const stateFile = tempStateFile();
    const backup = join(dirname(stateFile), 'b.json');
    const first = await runCli(['otp', 'add', '--uri', `otpauth://totp/A:a?secret=${B32}`, '--backup', backup], {
      stateFile,
      env,
    });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Added 1 account to the backup .*b\.json \(1 in all\)\./);
    assert.ok(!readFileSync(backup, 'utf8').includes(B32));
    const second = await runCli(['otp', 'add', '--uri', `otpauth://totp/B:b?secret=${B32}`, '--backup', backup], {
      stateFile,
      env: { ...env, KEYSLOT_BACKUP_PASSWORD: 'wrong' },
    });
    assert.equal(second.code, 4);
    assert.match(second.stderr, /The password does not open this backup/);
    assert.deepEqual(await slots(stateFile), ['totp:1=A:a']);
  });
});
