import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { FakeClock } from '../support/fake-clock';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';

// RFC 4226 Appendix D / RFC 6238 Appendix B secret: ASCII "12345678901234567890".
const RFC_HEX = '3132333435363738393031323334353637383930';
const B32 = 'JBSWY3DPEHPK3PXP';

/** oathtool's code (code we did not write) for a base32 secret at a Unix time. */
function oathtoolTotp(secret: string, unixSeconds: number, digits = 6): string {
  return execFileSync('oathtool', ['--totp', '-b', `--digits=${digits}`, `--now=@${unixSeconds}`, secret], {
    encoding: 'utf8',
  }).trim();
}

async function listJson(stateFile: string) {
  const r = await runCli(['otp', 'list', '--json'], { stateFile });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    slot: string;
    isEmpty: boolean;
    name?: string;
    digits?: number;
    period?: number;
    counter?: string;
  }[];
}

describe('keyslot otp set and otp get', () => {
  // RFC 6238 SHA-1 column, 8 digits; times chosen away from a step boundary so the run's own time does not matter.
  const VECTORS: [number, string][] = [
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ];
  for (const [t, code] of VECTORS) {
    it(`prints the RFC 6238 code for T = ${t} from a TOTP slot`, async () => {
      const stateFile = tempStateFile();
      const clock = new FakeClock(t * 1000);
      const set = await runCli(['otp', 'set', 'totp:2', '--name', 'rfc6238', '--hex', RFC_HEX, '--digits', '8'], {
        stateFile,
        clock,
        env: DEFAULT_PIN_ENV,
      });
      assert.equal(set.code, 0, set.stderr);
      const get = await runCli(['otp', 'get', 'totp:2'], { stateFile, clock });
      assert.equal(get.code, 0, get.stderr);
      assert.equal(get.stdout, `${code}\n`);
    });
  }

  it("matches oathtool's TOTP code for a base32 secret typed in lower case with spaces", async () => {
    const stateFile = tempStateFile();
    const t = 1_704_110_410; // 2024-01-01T12:00:10Z
    const clock = new FakeClock(t * 1000);
    const set = await runCli(['otp', 'set', 'totp:1', '--name', 'GitHub', '--secret', 'jbsw y3dp ehpk 3pxp'], {
      stateFile,
      clock,
      env: DEFAULT_PIN_ENV,
    });
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, 'Wrote totp:1 "GitHub": 6 digits, every 30 s.\n');
    const get = await runCli(['otp', 'get', 'totp:1'], { stateFile, clock });
    assert.equal(get.stdout.trim(), oathtoolTotp(B32, t));
    clock.advance(30_000);
    const next = await runCli(['otp', 'get', 'GitHub'], { stateFile, clock });
    assert.equal(next.code, 0, next.stderr);
    assert.equal(
      next.stdout.trim(),
      oathtoolTotp(B32, t + 30),
      'the slot name selects the slot, and the code follows the clock',
    );
  });

  it('writes a slot from an otpauth URI and names it after issuer and account', async () => {
    const stateFile = tempStateFile();
    const t = 1_700_000_005;
    const clock = new FakeClock(t * 1000);
    const uri = `otpauth://totp/ACME%20Co:bob?secret=${B32}&issuer=ACME%20Co&digits=8&period=60`;
    const set = await runCli(['otp', 'set', 'totp:3', '--uri', uri], { stateFile, clock, env: DEFAULT_PIN_ENV });
    assert.equal(set.code, 0, set.stderr);
    const slot = (await listJson(stateFile)).find((s) => s.slot === 'totp:3');
    assert.deepEqual(slot, {
      slot: 'totp:3',
      kind: 'totp',
      number: 3,
      isEmpty: false,
      name: 'ACME Co:bob',
      digits: 8,
      period: 60,
    });
    const get = await runCli(['otp', 'get', 'totp:3'], { stateFile, clock });
    assert.equal(
      get.stdout.trim(),
      execFileSync('oathtool', ['--totp', '-b', '--digits=8', '--time-step-size=60s', `--now=@${t}`, B32], {
        encoding: 'utf8',
      }).trim(),
    );
  });

  it('advances a HOTP slot through the RFC 4226 values and lists the next counter', async () => {
    const stateFile = tempStateFile();
    const set = await runCli(['otp', 'set', 'hotp:1', '--name', 'rfc4226', '--hex', RFC_HEX], {
      stateFile,
      env: DEFAULT_PIN_ENV,
    });
    assert.equal(set.code, 0, set.stderr);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await runCli(['otp', 'get', 'hotp:1'], { stateFile })).stdout.trim());
    assert.deepEqual(codes, ['755224', '287082', '359152']);
    const slot = (await listJson(stateFile)).find((s) => s.slot === 'hotp:1');
    assert.equal(slot?.counter, '3');
  });

  it("starts a HOTP slot at --counter and agrees with oathtool's HOTP", async () => {
    const stateFile = tempStateFile();
    await runCli(['otp', 'set', 'hotp:2', '--name', 'bank', '--secret', B32, '--counter', '41', '--digits', '8'], {
      stateFile,
      env: DEFAULT_PIN_ENV,
    });
    const get = await runCli(['otp', 'get', 'hotp:2', '--json'], { stateFile });
    const expected = execFileSync('oathtool', ['--hotp', '-b', '--digits=8', '--counter=41', B32], {
      encoding: 'utf8',
    }).trim();
    assert.deepEqual(JSON.parse(get.stdout), { slot: 'hotp:2', code: expected, digits: 8 });
  });

  it('never prints the secret while writing a slot', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(['otp', 'set', 'totp:1', '--name', 'x', '--secret', B32], {
      stateFile,
      env: DEFAULT_PIN_ENV,
    });
    assert.equal(r.code, 0);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(B32));
    assert.ok(!`${r.stdout}${r.stderr}`.includes('12345678'), 'nor the PIN');
  });

  it('says how to write an empty slot when asked for its code', async () => {
    const r = await runCli(['otp', 'get', 'totp:9'], { stateFile: tempStateFile() });
    assert.equal(r.code, 5);
    assert.equal(r.stderr, 'keyslot: This slot has no secret yet. Write one with: keyslot otp set totp:9 …\n');
  });

  it('erases a slot with the admin PIN', async () => {
    const stateFile = tempStateFile();
    await runCli(['otp', 'set', 'totp:1', '--name', 'x', '--secret', B32], { stateFile, env: DEFAULT_PIN_ENV });
    const r = await runCli(['otp', 'erase', 'x'], { stateFile, env: DEFAULT_PIN_ENV });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Erased totp:1.\n');
    assert.equal((await listJson(stateFile)).find((s) => s.slot === 'totp:1')?.isEmpty, true);
  });
});

describe('keyslot otp set refuses bad input before asking for a PIN', () => {
  const CASES: [string, string[], RegExp][] = [
    [
      'a name of 16 bytes',
      ['totp:1', '--name', 'ü'.repeat(8), '--secret', B32],
      /The name "ü+" has 16 bytes in UTF-8; the token stores at most 15\./,
    ],
    [
      'a secret of 41 bytes',
      ['totp:1', '--name', 'x', '--hex', '11'.repeat(41)],
      /The secret has 41 bytes; the token stores at most 40\./,
    ],
    [
      'a SHA256 URI',
      ['totp:1', '--uri', `otpauth://totp/a?secret=${B32}&algorithm=SHA256`],
      /the firmware is HMAC-SHA1 only/,
    ],
    ['7 digits', ['totp:1', '--name', 'x', '--secret', B32, '--digits', '7'], /6- or 8-digit codes only; --digits 7/],
    ['a base32 secret with a 1 in it', ['totp:1', '--name', 'x', '--secret', 'JBSWY3DP1HPK3PXP'], /position 9/],
    ['a slot that does not exist', ['totp:16', '--name', 'x', '--secret', B32], /totp slots are numbered 1 to 15/],
    [
      'a TOTP URI for a HOTP slot',
      ['hotp:1', '--uri', `otpauth://totp/a?secret=${B32}`],
      /The URI is a totp account, but hotp:1 is a hotp slot/,
    ],
    [
      'a period on a HOTP slot',
      ['hotp:1', '--name', 'x', '--secret', B32, '--period', '60'],
      /--period is for TOTP slots/,
    ],
    ['two secrets', ['totp:1', '--name', 'x', '--secret', B32, '--hex', '00'], /Give only one of --secret, --hex/],
    ['no secret', ['totp:1', '--name', 'x'], /Give the secret with --secret/],
  ];
  for (const [what, args, problem] of CASES) {
    it(`refuses ${what} with exit 2, before opening the token or prompting`, async () => {
      const r = await runCli(['otp', 'set', ...args], { stateFile: tempStateFile(), input: ['12345678'] });
      assert.equal(r.code, 2);
      assert.match(r.stderr, problem);
      assert.match(r.stderr, /^keyslot: [^\n]+\n$/, 'one line on stderr');
      assert.doesNotMatch(r.stderr, /PIN:/);
      assert.equal(r.opens, 0);
    });
  }

  it('refuses a 21-byte secret on legacy firmware (20 bytes) after reading the version but before the PIN', async () => {
    const stateFile = tempStateFile();
    const env = { KEYSLOT_VIRTUAL_MODEL: 'pro', KEYSLOT_VIRTUAL_FIRMWARE: '0.7' };
    const r = await runCli(['otp', 'set', 'totp:1', '--name', 'x', '--hex', '11'.repeat(21)], {
      stateFile,
      env,
      input: ['12345678'],
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /this firmware stores 20/);
    assert.doesNotMatch(r.stderr, /PIN:/);
    const status = JSON.parse((await runCli(['status', '--json'], { stateFile })).stdout);
    assert.equal(status.adminRetries, 3);
  });
});

describe('keyslot with a wrong PIN', () => {
  it('says how many tries are left, uses one try only and writes nothing', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(['otp', 'set', 'totp:1', '--name', 'x', '--secret', B32], {
      stateFile,
      env: { KEYSLOT_ADMIN_PIN: '87654321' },
    });
    assert.equal(r.code, 4);
    assert.equal(r.stderr, 'keyslot: Wrong PIN. 2 tries left before it locks.\n');
    const status = JSON.parse((await runCli(['status', '--json'], { stateFile })).stdout);
    assert.equal(status.adminRetries, 2);
    assert.equal((await listJson(stateFile)).find((s) => s.slot === 'totp:1')?.isEmpty, true);
  });

  it('reads a PIN typed at a hidden prompt and warns when it is the factory default', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(['otp', 'set', 'totp:1', '--name', 'x', '--secret', B32], {
      stateFile,
      input: ['12345678'],
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Admin PIN: /);
    assert.match(r.stderr, /the admin PIN is still the factory default\. Choose your own with: keyslot pin set admin/);
  });

  it('names the environment variable when there is neither a terminal nor the variable', async () => {
    const r = await runCli(['otp', 'erase', 'totp:1'], { stateFile: tempStateFile() });
    assert.equal(r.code, 4);
    assert.equal(
      r.stderr,
      'keyslot: The admin PIN is needed. Set KEYSLOT_ADMIN_PIN, or run keyslot on a terminal to be asked for it.\n',
    );
  });
});

describe('keyslot otp get and the token clock', () => {
  it('refuses calmly when the clock would go back, and works after time set --force', async () => {
    const stateFile = tempStateFile();
    const t = 1_800_000_015;
    await runCli(['otp', 'set', 'totp:1', '--name', 'x', '--secret', B32], {
      stateFile,
      env: DEFAULT_PIN_ENV,
      clock: new FakeClock(t * 1000),
    });
    assert.equal((await runCli(['time', 'set'], { stateFile, clock: new FakeClock(t * 1000) })).code, 0);
    const earlier = new FakeClock((t - 600) * 1000);
    const refused = await runCli(['otp', 'get', 'totp:1'], { stateFile, clock: earlier });
    assert.equal(refused.code, 5);
    assert.match(refused.stderr, /^keyslot: The token refused to set its clock.*keyslot time set --force/);
    assert.equal(refused.stdout, '');
    const forced = await runCli(['time', 'set', '--force'], { stateFile, clock: earlier });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(
      forced.stdout,
      `Token clock set to ${new Date((t - 600) * 1000).toISOString().replace('.000Z', 'Z')}.\n`,
    );
    const get = await runCli(['otp', 'get', 'totp:1'], { stateFile, clock: earlier });
    assert.equal(get.stdout.trim(), oathtoolTotp(B32, t - 600));
  });

  it('asks for the user PIN when the config needs it for codes', async () => {
    const stateFile = tempStateFile();
    await runCli(['otp', 'set', 'hotp:1', '--name', 'x', '--hex', RFC_HEX], { stateFile, env: DEFAULT_PIN_ENV });
    const on = await runCli(['config', 'set', '--otp-pin', 'on'], { stateFile, env: DEFAULT_PIN_ENV });
    assert.equal(on.code, 0, on.stderr);
    const without = await runCli(['otp', 'get', 'hotp:1'], { stateFile });
    assert.equal(without.code, 4);
    assert.match(without.stderr, /KEYSLOT_USER_PIN/);
    const typed = await runCli(['otp', 'get', 'hotp:1'], { stateFile, input: ['123456'] });
    assert.equal(typed.code, 0, typed.stderr);
    assert.match(typed.stderr, /^User PIN: /);
    assert.equal(typed.stdout, '755224\n', 'the refused attempt did not use up counter 0');
  });
});
