/**
 * Round trips on the wire (issue 10): each operation sends the virtual token only the frames its
 * answer needs. Frames are counted where the token receives them (SET_REPORT). The floors: a TOTP
 * code is SET_TIME + GET_CODE, a HOTP code one GET_CODE, a Pro's status GET_STATUS and the two retry
 * counts (a Storage's GET_DEVICE_STATUS carries the counts, §8.2). Codes still follow the config's
 * "codes need the user PIN" (§5.7): GET_CODE's own refusal tells, and a PIN is never sent twice.
 * Expected codes: RFC 4226 Appendix D (protocol reference §7.4).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Token, isDeviceError, type Model } from '../../device/index';
import { VirtualToken } from '../../device/virtual/token';
import { VirtualTransport } from '../../device/transport/virtual';
import { run } from '../../cli/run';
import { FakeClock } from '../support/fake-clock';
import { CountingTransport } from '../support/counting-transport';

const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

const SETUPS: { label: string; model: Model; firmwareMinor: number; isLegacy: boolean }[] = [
  { label: 'Pro 0.15', model: 'pro', firmwareMinor: 15, isLegacy: false },
  { label: 'Pro 0.7', model: 'pro', firmwareMinor: 7, isLegacy: true },
  { label: 'Storage 0.57', model: 'storage', firmwareMinor: 57, isLegacy: false },
  { label: 'Storage 0.53', model: 'storage', firmwareMinor: 53, isLegacy: true },
];

/** A virtual token with TOTP 1 and HOTP 1 written (RFC secret) and the given OTP-PIN config. */
async function prepared(model: Model, firmwareMinor: number, isPinRequired = false) {
  const clock = new FakeClock(1_700_000_000_000);
  const device = VirtualToken.create({ model, firmwareMinor, clock, latency: 'none', cardSerial: 0x5f11 });
  const setup = await Token.open(new VirtualTransport(device), { clock });
  await setup.authenticate('admin', '12345678');
  await setup.writeSlot({ kind: 'totp', index: 0 }, { name: 'totp', secret: RFC_SECRET, digits: 6 });
  await setup.authenticate('admin', '12345678');
  await setup.writeSlot({ kind: 'hotp', index: 0 }, { name: 'hotp', secret: RFC_SECRET, digits: 6 });
  await setup.authenticate('admin', '12345678');
  await setup.setConfig({
    numlock: null,
    capslock: null,
    scrolllock: null,
    isUserPasswordRequired: isPinRequired,
    isDeleteUserPassword: false,
  });
  await setup.close();
  const wire = new CountingTransport(new VirtualTransport(device));
  return { clock, device, wire, token: await Token.open(wire, { clock }) };
}

for (const s of SETUPS) {
  describe(`round trips on a ${s.label}`, () => {
    test('opening a session sends nothing', async () => {
      const { wire } = await prepared(s.model, s.firmwareMinor);
      assert.deepEqual(wire.frames, []);
    });

    test('a TOTP code is SET_TIME and GET_CODE', async () => {
      const { token, wire } = await prepared(s.model, s.firmwareMinor);
      await token.setTime(1_700_000_000, false);
      assert.match((await token.getCode({ kind: 'totp', index: 0 })).code, /^\d{6}$/);
      assert.deepEqual(wire.frames, ['SET_TIME', 'GET_CODE']);
    });

    test('a HOTP code is one GET_CODE', async () => {
      const { token, wire } = await prepared(s.model, s.firmwareMinor);
      assert.equal((await token.getCode({ kind: 'hotp', index: 0 })).code, '755224');
      assert.deepEqual(wire.frames, ['GET_CODE']);
    });

    test('status asks once for each fact', async () => {
      const { token, wire } = await prepared(s.model, s.firmwareMinor);
      const st = await token.status();
      assert.equal(st.firmware.minor, s.firmwareMinor);
      assert.deepEqual([st.adminRetries, st.userRetries, st.isLegacy], [3, 3, s.isLegacy]);
      assert.deepEqual(
        wire.frames,
        s.model === 'storage'
          ? ['GET_STATUS', 'GET_DEVICE_STATUS']
          : ['GET_STATUS', 'GET_PASSWORD_RETRY_COUNT', 'GET_USER_PASSWORD_RETRY_COUNT'],
      );
    });

    test('codes that need the user PIN: the refusal asks for it, the PIN goes once, the code is right', async () => {
      const { token, wire } = await prepared(s.model, s.firmwareMinor, true);
      await assert.rejects(
        token.getCode({ kind: 'hotp', index: 0 }),
        (e) => isDeviceError(e) && e.code === 'not-authorized',
      );
      assert.deepEqual(wire.take(), ['GET_CODE']);
      assert.equal(await token.isUserPinRequiredForCodes(), true);
      assert.deepEqual(wire.take(), [], 'the refusal is remembered; no GET_STATUS to learn it');
      await token.authenticate('user', '123456');
      assert.equal((await token.getCode({ kind: 'hotp', index: 0 })).code, '755224');
      const version = s.model === 'storage' ? 'GET_DEVICE_STATUS' : 'GET_STATUS';
      assert.deepEqual(
        wire.take(),
        s.isLegacy
          ? [version, 'USER_AUTHENTICATE', 'USER_AUTHORIZE', 'GET_CODE']
          : [version, 'USER_AUTHENTICATE', 'GET_CODE'],
      );
      // A second code in the same session: the held authorisation goes with it at once.
      assert.equal((await token.getCode({ kind: 'hotp', index: 0 })).code, '287082');
      assert.equal(wire.frames.filter((f) => f === 'GET_CODE').length, 1);
    });

    test('a wrong user PIN is sent once and reports the tries left', async () => {
      const { token, wire } = await prepared(s.model, s.firmwareMinor, true);
      await assert.rejects(token.getCode({ kind: 'totp', index: 0 }));
      await assert.rejects(
        token.authenticate('user', '999999'),
        (e) => isDeviceError(e) && e.code === 'wrong-pin' && e.info.retriesLeft === 2,
      );
      assert.equal(wire.frames.filter((f) => f === 'USER_AUTHENTICATE').length, 1);
    });
  });
}

/** Runs the keyslot CLI in-process on `wire` and returns its stdout. */
async function cli(argv: string[], wire: CountingTransport, clock: FakeClock, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const code = await run(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin,
    env: { HOME: '/nonexistent-home', ...env },
    isTTY: false,
    clock,
    openToken: () => Token.open(wire, { clock }),
  });
  assert.equal(code, 0, stderr);
  return stdout;
}

describe('round trips of the keyslot commands on a Pro 0.15', () => {
  test('otp get totp:1 sends SET_TIME and GET_CODE', async () => {
    const { wire, clock } = await prepared('pro', 15);
    assert.match(await cli(['otp', 'get', 'totp:1'], wire, clock), /^\d{6}\n$/);
    assert.deepEqual(wire.frames, ['SET_TIME', 'GET_CODE']);
  });

  test('otp get hotp:1 sends GET_CODE alone', async () => {
    const { wire, clock } = await prepared('pro', 15);
    assert.equal(await cli(['otp', 'get', 'hotp:1'], wire, clock), '755224\n');
    assert.deepEqual(wire.frames, ['GET_CODE']);
  });

  test('status sends GET_STATUS once and the two retry counts', async () => {
    const { wire, clock } = await prepared('pro', 15);
    assert.match(await cli(['status'], wire, clock), /admin PIN: +3 tries left/);
    assert.deepEqual(wire.frames, ['GET_STATUS', 'GET_PASSWORD_RETRY_COUNT', 'GET_USER_PASSWORD_RETRY_COUNT']);
  });

  test('otp get with the OTP PIN on asks for the user PIN after the refusal and sends it once', async () => {
    const { wire, clock } = await prepared('pro', 15, true);
    assert.equal(await cli(['otp', 'get', 'hotp:1'], wire, clock, { KEYSLOT_USER_PIN: '123456' }), '755224\n');
    assert.deepEqual(wire.frames, ['GET_CODE', 'GET_STATUS', 'USER_AUTHENTICATE', 'GET_CODE']);
  });
});
