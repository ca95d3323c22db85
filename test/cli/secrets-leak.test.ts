/**
 * Issue 9: secrets never leak. Every CLI command that touches a PIN, an OTP secret or a password
 * runs with KEYSLOT_LOG=traffic; none of those values (in any spelling: text, base32, hex) may appear
 * in stdout or stderr. (`otp get` prints a code, `pws get` the asked-for field: those are excluded
 * from the check on purpose, as is the secret given to `otp add` when it is printed for its review.)
 */
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempStateFile } from '../support/cli';

const ADMIN = 'Adm1nPin9x';
const USER = 'Us3rPin7q';
const NEW_USER = 'N3wUser5z';
const B32 = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'; // "abcdefghijklmnopqrstu..." as base32
const HEX = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'hex');
const BACKUP_PW = 'backup-Pass-4x';
const PWS_PW = 'Pws-Secret-77';
const SECRET_SPELLINGS = [
  ADMIN,
  USER,
  NEW_USER,
  BACKUP_PW,
  PWS_PW,
  B32,
  B32.toLowerCase(),
  Buffer.from(B32.replace(/=/g, ''), 'utf8').toString('hex'),
  HEX.toString('hex'),
  HEX.toString('hex').toUpperCase(),
];

describe('secrets never leak (issue 9)', () => {
  it('no PIN, secret or password in any output of the CLI with KEYSLOT_LOG=traffic', async () => {
    const stateFile = tempStateFile();
    const backup = join(dirname(stateFile), 'b.keyslot');
    const base = { KEYSLOT_LOG: 'traffic', KEYSLOT_BACKUP_PASSWORD: BACKUP_PW };
    const factory = { ...base, KEYSLOT_ADMIN_PIN: '12345678', KEYSLOT_USER_PIN: '123456' };
    const env = { ...base, KEYSLOT_ADMIN_PIN: ADMIN, KEYSLOT_USER_PIN: USER };
    const steps: [string[], Record<string, string>][] = [
      [['pin', 'set', 'admin'], { ...factory, KEYSLOT_NEW_PIN: ADMIN }],
      [['pin', 'set', 'user'], { ...factory, KEYSLOT_ADMIN_PIN: ADMIN, KEYSLOT_NEW_PIN: USER }],
      [['status'], env],
      [['otp', 'set', 'totp:1', '--name', 'a', '--secret', B32], env],
      [['otp', 'set', 'totp:2', '--name', 'b', '--hex', HEX.toString('hex')], env],
      [['otp', 'set', 'hotp:1', '--name', 'c', '--uri', `otpauth://hotp/c?secret=${B32}&counter=3`], env],
      [['otp', 'list'], env],
      [['otp', 'list', '--json'], env],
      [['otp', 'add', '--secret', B32, '--name', 'd', '--backup', backup, '--yes'], env],
      [['backup', 'list', backup], env],
      [['backup', 'list', backup, '--json'], env],
      [['otp', 'erase', 'totp:2'], env],
      [['otp', 'set', 'totp:3', '--name', 'x', '--secret', B32], { ...env, KEYSLOT_ADMIN_PIN: 'wrong-pin-1' }],
      [['config', 'get'], env],
      [['pws', 'init', '--yes'], env],
      [['pws', 'set', '1', '--name', 'mail', '--login', 'ann', '--password', PWS_PW], env],
      [['pws', 'list'], env],
      [['pws', 'status'], env],
      [['pin', 'unlock'], { ...env, KEYSLOT_NEW_PIN: NEW_USER }],
      [['lock'], env],
      [['reset', '--yes'], env],
    ];
    let seen = 0;
    for (const [argv, e] of steps) {
      const r = await runCli(argv, { stateFile, env: e });
      seen++;
      for (const s of SECRET_SPELLINGS) {
        assert.ok(!r.stdout.includes(s), `${argv.join(' ')}: stdout holds a secret`);
        assert.ok(!r.stderr.includes(s), `${argv.join(' ')}: stderr holds a secret`);
      }
    }
    console.log(`# secrets-leak: ${seen} commands checked against ${SECRET_SPELLINGS.length} spellings`);
  });
});
