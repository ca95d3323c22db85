/**
 * `keyslot otp rename SLOT NEW-NAME` on a slot token (virtual Nitrokey Pro, in process) and on the virtual
 * Nitrokey 3: the secret stays (codes before and after equal the RFC 6238 / oathtool codes), the name is
 * checked before any PIN is asked, an unchanged name has nothing to change, and completion knows it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PIN_ENV, runCli, tempStateFile, type CliOptions } from '../support/cli';
import { FakeClock } from '../support/fake-clock';
import { run } from '../support/nitrocli';

// RFC 6238 Appendix B secret (ASCII "12345678901234567890") and its SHA-1 8-digit code at T = 1111111111.
const RFC_HEX = '3132333435363738393031323334353637383930';
const RFC_T = 1111111111;
const RFC_CODE = '14050471';

type SlotView = { slot: string; kind: string; number: number; isEmpty: boolean; name?: string; digits?: number };

async function slots(stateFile: string): Promise<SlotView[]> {
  const r = await runCli(['otp', 'list', '--json'], { stateFile });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as SlotView[];
}

/** A virtual Pro state file with totp:2 "rfc6238": the RFC secret, 8 digits, 30 s. */
async function proWithSlot(env: Record<string, string> = {}) {
  const stateFile = tempStateFile();
  const clock = new FakeClock(RFC_T * 1000);
  const set = await runCli(['otp', 'set', 'totp:2', '--name', 'rfc6238', '--hex', RFC_HEX, '--digits', '8'], {
    stateFile,
    clock,
    env: { ...DEFAULT_PIN_ENV, ...env },
  });
  assert.equal(set.code, 0, set.stderr);
  return { stateFile, clock };
}

describe('keyslot otp rename on a slot token', () => {
  it('renames a TOTP slot and keeps its code (the same secret)', async () => {
    const { stateFile, clock } = await proWithSlot();
    const before = await runCli(['otp', 'get', 'totp:2'], { stateFile, clock });
    assert.equal(before.stdout, `${RFC_CODE}\n`);
    const r = await runCli(['otp', 'rename', 'rfc6238', 'Renamed'], { stateFile, clock, env: DEFAULT_PIN_ENV });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Renamed totp:2 to "Renamed".\n');
    const after = await runCli(['otp', 'get', 'Renamed'], { stateFile, clock });
    assert.equal(after.code, 0, after.stderr);
    assert.equal(after.stdout, `${RFC_CODE}\n`, 'same secret, same code');
    const view = (await slots(stateFile)).find((s) => s.slot === 'totp:2');
    assert.deepEqual(view, {
      slot: 'totp:2',
      kind: 'totp',
      number: 2,
      isEmpty: false,
      name: 'Renamed',
      digits: 8,
      period: 30,
    });
  });

  it('refuses a name over 15 bytes before any PIN is asked, and leaves the slot as it was', async () => {
    const { stateFile, clock } = await proWithSlot();
    const before = await slots(stateFile);
    // 8 two-byte characters: 8 characters, 16 bytes. Asked on a terminal, a PIN prompt would show on stderr.
    const r = await runCli(['otp', 'rename', 'totp:2', 'éééééééé'], { stateFile, clock, input: ['12345678'] });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /16 bytes in UTF-8; the token stores at most 15/);
    assert.doesNotMatch(r.stderr, /PIN/);
    assert.equal(r.opens, 0, 'checked before the token is opened');
    assert.deepEqual(await slots(stateFile), before);
  });

  it('says there is nothing to change for the same name, without asking the PIN', async () => {
    const { stateFile, clock } = await proWithSlot();
    const r = await runCli(['otp', 'rename', 'totp:2', 'rfc6238'], { stateFile, clock, input: ['12345678'] });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Nothing to change/);
    assert.doesNotMatch(r.stderr, /PIN/);
  });

  it('says an empty slot has no secret yet (exit 5)', async () => {
    const { stateFile, clock } = await proWithSlot();
    const r = await runCli(['otp', 'rename', 'totp:3', 'x'], { stateFile, clock, env: DEFAULT_PIN_ENV });
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /no secret yet/);
  });

  it('is refused on old firmware, which needs the secret with every write, before the PIN is asked', async () => {
    const { stateFile, clock } = await proWithSlot({ KEYSLOT_VIRTUAL_FIRMWARE: '0.7' });
    const r = await runCli(['otp', 'rename', 'totp:2', 'Renamed'], { stateFile, clock, input: ['12345678'] });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /needs the secret with every write/);
    assert.doesNotMatch(r.stderr, /PIN/);
    assert.equal((await slots(stateFile)).find((s) => s.slot === 'totp:2')?.name, 'rfc6238');
  });

  it('is in the help, with its own usage and details', async () => {
    assert.match((await runCli(['--help'])).stdout, /\n {2}otp rename /);
    const r = await runCli(['otp', 'rename', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: keyslot otp rename SLOT NEW-NAME\n/);
    assert.match(r.stdout, /codes do not change/);
  });

  it('completes the subcommand, and slots and slot names for SLOT', async () => {
    const { stateFile } = await proWithSlot();
    const sub = await runCli(['__complete', '--', 'otp', 're']);
    assert.equal(sub.stdout, 'rename\n');
    const slot = await runCli(['__complete', '--', '--device', `virtual:${stateFile}`, 'otp', 'rename', '']);
    const got = slot.stdout.trim().split('\n');
    for (const w of ['totp:1', 'hotp:3', 'rfc6238']) assert.ok(got.includes(w), `${w} missing from ${got.join(' ')}`);
    const next = await runCli(['__complete', '--', '--device', `virtual:${stateFile}`, 'otp', 'rename', 'totp:2', '']);
    assert.equal(next.stdout, '', 'NEW-NAME is free text');
  });
});

/** oathtool's TOTP code of the RFC secret at RFC_T, for a time step. */
async function oathtool(period: number): Promise<string> {
  const r = await run('oathtool', ['--totp=sha1', `--time-step-size=${period}s`, '-N', `@${RFC_T}`, RFC_HEX]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

function nk3() {
  const file = tempStateFile();
  const clock = new FakeClock(RFC_T * 1000);
  const k = (argv: string[], opts: CliOptions = {}) =>
    runCli(['--device', `virtual-nk3:${file}`, ...argv], { clock, ...opts });
  return { file, k };
}

async function names(k: ReturnType<typeof nk3>['k'], env: Record<string, string> = {}): Promise<string[]> {
  const r = await k(['otp', 'list', '--json', ...(env.KEYSLOT_PIN ? ['--with-pin'] : [])], { env });
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { name: string }[]).map((c) => c.name).sort();
}

describe('keyslot otp rename on a Nitrokey 3 (virtual)', () => {
  it('renames a credential and keeps its code', async () => {
    const { k } = nk3();
    assert.equal((await k(['otp', 'set', 'GitHub:alice', '--hex', RFC_HEX])).code, 0);
    const want = await oathtool(30);
    assert.equal((await k(['otp', 'get', 'GitHub:alice'])).stdout.trim(), want);
    const r = await k(['otp', 'rename', 'github:ALICE', 'GitHub:bob']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Renamed "GitHub:alice" to "GitHub:bob".\n');
    assert.match(r.stderr, /Touch your Nitrokey 3\./);
    assert.deepEqual(await names(k), ['GitHub:bob']);
    assert.equal((await k(['otp', 'get', 'GitHub:bob'])).stdout.trim(), want, 'same secret, same code');
  });

  it('keeps the period prefix of a TOTP credential, and so its code', async () => {
    const { k } = nk3();
    assert.equal((await k(['otp', 'set', 'Slow', '--hex', RFC_HEX, '--period', '60'])).code, 0);
    const want = await oathtool(60);
    assert.equal((await k(['otp', 'get', '60/Slow'])).stdout.trim(), want);
    const r = await k(['otp', 'rename', '60/Slow', 'Fast']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Renamed "60/Slow" to "60/Fast".\n');
    assert.deepEqual(await names(k), ['60/Fast']);
    assert.equal((await k(['otp', 'get', '60/Fast'])).stdout.trim(), want);
    const same = await k(['otp', 'rename', '60/Fast', 'Fast']);
    assert.equal(same.code, 2, same.stderr);
    assert.match(same.stderr, /Nothing to change/);
  });

  it('says credential-not-found for an unknown name, with the exit code otp get has', async () => {
    const { k } = nk3();
    assert.equal((await k(['otp', 'set', 'Known', '--hex', RFC_HEX])).code, 0);
    const get = await k(['otp', 'get', 'Unknown']);
    const r = await k(['otp', 'rename', 'Unknown', 'Other']);
    assert.equal(r.code, 5, r.stderr);
    assert.equal(r.code, get.code);
    assert.match(r.stderr, /has no credential of that name/);
    assert.deepEqual(await names(k), ['Known']);
  });

  it('asks the PIN for a PIN-protected credential only, and refuses a taken name', async () => {
    const { k } = nk3();
    const env = { KEYSLOT_PIN: '123456' };
    assert.equal((await k(['pin', 'set'], { env: { KEYSLOT_NEW_PIN: '123456' } })).code, 0);
    assert.equal((await k(['otp', 'set', 'Open', '--hex', RFC_HEX])).code, 0);
    assert.equal((await k(['otp', 'set', 'Secret', '--hex', RFC_HEX, '--pin-protected'], { env })).code, 0);
    // Not a terminal, no KEYSLOT_PIN: an open credential is renamed without the PIN.
    const open = await k(['otp', 'rename', 'Open', 'Open2']);
    assert.equal(open.code, 0, open.stderr);
    const noPin = await k(['otp', 'rename', 'Secret', 'Secret2']);
    assert.equal(noPin.code, 4, noPin.stderr);
    assert.match(noPin.stderr, /The PIN is needed\. Set KEYSLOT_PIN/);
    const withPin = await k(['otp', 'rename', 'Secret', 'Secret2'], { env });
    assert.equal(withPin.code, 0, withPin.stderr);
    const taken = await k(['otp', 'rename', 'Open2', 'Secret2'], { env });
    assert.equal(taken.code, 5, taken.stderr);
    assert.match(taken.stderr, /already holds a credential named "Secret2"/);
    assert.deepEqual(await names(k, env), ['Open2', 'Secret2']);
  });

  it('refuses an empty or over-long new name before the token is asked', async () => {
    const { k } = nk3();
    const empty = await k(['otp', 'rename', 'A', ' ']);
    assert.equal(empty.code, 2, empty.stderr);
    assert.match(empty.stderr, /NEW-NAME is empty/);
    const long = await k(['otp', 'rename', 'A', 'x'.repeat(129)]);
    assert.equal(long.code, 2, long.stderr);
    assert.match(long.stderr, /129 bytes; the token stores 128/);
    assert.doesNotMatch(empty.stderr + long.stderr, /Touch/);
  });

  it('completes NAME with the credential names', async () => {
    const { file, k } = nk3();
    assert.equal((await k(['otp', 'set', 'GitHub:alice', '--hex', RFC_HEX])).code, 0);
    const r = await runCli(['__complete', '--', '--device', `virtual-nk3:${file}`, 'otp', 'rename', 'Gi']);
    assert.equal(r.stdout, 'GitHub:alice\n');
  });
});
