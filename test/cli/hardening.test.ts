/**
 * Issue 9 items 6 to 9 as a person (or a hostile QR code) meets them on the command line: control
 * characters are refused on write and escaped on the terminal, duplicate URI parameters are refused,
 * over-large inputs are refused before reading, and odd arguments get specific words.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sealBackup } from '../../device/backup/index';
import { parseOtpauthUri } from '../../device/otp/index';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';

const B32 = 'JBSWY3DPEHPK3PXP';
const env = { ...DEFAULT_PIN_ENV, KEYSLOT_BACKUP_PASSWORD: 'pass phrase' };
const KEYSLOT = fileURLToPath(new URL('../../bin/keyslot.js', import.meta.url));
/** ESC, BEL, CSI, C1 and bidi controls: none may reach a terminal raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertNoRawControls(...outputs: string[]) {
  for (const o of outputs) assert.doesNotMatch(o, RAW_CONTROL, JSON.stringify(o));
}

async function names(stateFile: string): Promise<string[]> {
  const r = await runCli(['otp', 'list', '--json'], { stateFile });
  return (JSON.parse(r.stdout) as { isEmpty: boolean; name?: string }[]).filter((s) => !s.isEmpty).map((s) => s.name!);
}

describe('item 7: terminal escapes from QR codes and URIs', () => {
  it('refuses an issuer %1B%5D0%3Bpwned%07 (sets the window title) in otp add, writes nothing, prints no ESC or BEL', async () => {
    const stateFile = tempStateFile();
    const uri = `otpauth://totp/acct?secret=${B32}&issuer=%1B%5D0%3Bpwned%07`;
    const r = await runCli(['otp', 'add', '--uri', uri, '--yes'], { stateFile, env });
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /control characters, a text-direction override/);
    assertNoRawControls(r.stdout, r.stderr);
    assert.deepEqual(await names(stateFile), []);
  });

  it('refuses a --name with ESC[31m or a right-to-left override (U+202E) in otp set', async () => {
    const stateFile = tempStateFile();
    for (const name of ['\u001b[31mred', 'moc.\u202eknab']) {
      const r = await runCli(['otp', 'set', 'totp:1', '--name', name, '--secret', B32], { stateFile, env });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /control characters, a text-direction override/);
      assertNoRawControls(r.stdout, r.stderr);
    }
    assert.deepEqual(await names(stateFile), []);
  });

  it('escapes a name already on the token (written by another program) in otp list, plain and --json', async () => {
    const stateFile = tempStateFile();
    assert.equal(
      (await runCli(['otp', 'set', 'totp:1', '--name', 'AAAAAAAAA', '--secret', B32], { stateFile, env })).code,
      0,
    );
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    const evil = Buffer.from('\u001b[31m\u0007x', 'utf8');
    const old = Buffer.from(state.totp[0].name, 'hex');
    old.fill(0);
    evil.copy(old);
    state.totp[0].name = old.toString('hex');
    writeFileSync(stateFile, JSON.stringify(state));
    const plain = await runCli(['otp', 'list'], { stateFile });
    assert.equal(plain.code, 0, plain.stderr);
    assertNoRawControls(plain.stdout, plain.stderr);
    assert.match(plain.stdout, /totp:1 +\\u001b\[31m\\u0007x/);
    const json = await runCli(['otp', 'list', '--json'], { stateFile });
    assertNoRawControls(json.stdout);
    // The escapes are JSON's own: the output still parses to the name the token holds.
    assert.equal(JSON.parse(json.stdout)[3].name, '\u001b[31m\u0007x');
  });

  it('escapes issuers and accounts from a backup in backup list', async () => {
    const dir = dirname(tempStateFile());
    const file = join(dir, 'b.keyslot');
    const account = parseOtpauthUri(`otpauth://totp/acct?secret=${B32}`);
    assert.ok(account.ok);
    const sealed = await sealBackup(
      {
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        accounts: [
          {
            account: { ...account.value, issuer: '\u001b]0;pwned\u0007', account: 'a\u009bb' },
            name: 'ok',
            addedAt: '2024-01-01T00:00:00.000Z',
          },
        ],
      },
      'pass phrase',
      { scrypt: { N: 1024, r: 8, p: 1 } },
    );
    assert.ok(sealed instanceof Uint8Array);
    writeFileSync(file, sealed);
    const r = await runCli(['backup', 'list', file], { env });
    assert.equal(r.code, 0, r.stderr);
    assertNoRawControls(r.stdout, r.stderr);
    assert.match(r.stdout, /\\u001b\]0;pwned\\u0007/);
  });
});

describe('item 8: duplicate otpauth parameters', () => {
  it('refuses algorithm=SHA1&algorithm=SHA256 (others take the last) and any other repeated key', async () => {
    for (const query of [
      `secret=${B32}&algorithm=SHA1&algorithm=SHA256`,
      `secret=${B32}&digits=6&Digits=8`,
      `secret=${B32}&secret=GEZDGNBVGY3TQOJQ`,
      `secret=${B32}&issuer=A&issuer=B`,
    ]) {
      const r = parseOtpauthUri(`otpauth://totp/X:a?${query}`);
      assert.equal(r.ok, false, query);
      assert.match(!r.ok ? r.problem : '', /more than once/);
    }
    const stateFile = tempStateFile();
    const r = await runCli(
      [
        'otp',
        'set',
        'totp:1',
        '--name',
        'x',
        '--uri',
        `otpauth://totp/X:a?secret=${B32}&algorithm=SHA1&algorithm=SHA256`,
      ],
      { stateFile, env },
    );
    assert.equal(r.code, 2);
    assert.deepEqual(await names(stateFile), []);
  });
});

describe('item 6: unbounded reads', () => {
  it('otp add --qr /dev/zero and a sparse 1.1 GB image are refused before reading', async () => {
    const stateFile = tempStateFile();
    const big = join(dirname(stateFile), 'big.png');
    writeFileSync(big, '');
    truncateSync(big, 1_100_000_000);
    for (const file of ['/dev/zero', big]) {
      const before = process.resourceUsage().maxRSS;
      const r = await runCli(['otp', 'add', '--qr', file, '--yes'], { stateFile, env });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /larger than keyslot reads for this \(at most 32 MiB\)/);
      assert.ok(process.resourceUsage().maxRSS - before < 200 * 1024, 'read far more than the limit');
    }
    rmSync(big);
  });

  it('backup list of a 1.1 GB file says it is too large for a backup', async () => {
    const file = join(dirname(tempStateFile()), 'huge.keyslot');
    writeFileSync(file, '');
    truncateSync(file, 1_100_000_000);
    const r = await runCli(['backup', 'list', file], { env });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /larger than any keyslot backup \(at most 1 MiB\)/);
  });
});

describe('item 9: leftovers on the command line', () => {
  it('creates the default state folder with mode 0700 (it holds secrets), whatever the umask', async () => {
    const config = join(dirname(tempStateFile()), 'config');
    const old = process.umask(0o022);
    try {
      const r = await runCli(['--device', 'virtual', 'status'], { env: { XDG_CONFIG_HOME: config } });
      assert.equal(r.code, 0, r.stderr);
    } finally {
      process.umask(old);
    }
    assert.equal(statSync(join(config, 'keyslot')).mode & 0o777, 0o700);
  });

  it('--counter -5 is refused as a counter, not as "ambiguous"', async () => {
    const r = await runCli(['otp', 'add', '--secret', B32, '--name', 'h', '--counter', '-5', '--yes'], {
      stateFile: tempStateFile(),
      env,
    });
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /ambiguous/);
    assert.match(r.stderr, /counter "-5" is not a whole number/);
  });

  it('a 100 kB --name is not echoed whole', async () => {
    const long = 'n'.repeat(100_000);
    const r = await runCli(['otp', 'set', 'totp:1', '--name', long, '--secret', B32], {
      stateFile: tempStateFile(),
      env,
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /100000 bytes in UTF-8/);
    assert.ok(r.stderr.length < 500, `stderr has ${r.stderr.length} characters`);
  });

  it('a name of bytes that are not UTF-8 (\\xff from the shell) is refused, not turned into U+FFFD silently', () => {
    const stateFile = tempStateFile();
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"$0" "$1" --device "virtual:$2" otp set totp:1 --name $'ab\\xffcd' --secret ${B32}`,
        process.execPath,
        KEYSLOT,
        stateFile,
      ],
      { env: { ...process.env, ...env, HOME: '/nonexistent-home' }, encoding: 'utf8' },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /bytes that are not UTF-8/);
  });
});
