/**
 * The Token session API against the virtual token, over the same 64-byte reports node-hid carries.
 * One suite, run for every model and firmware generation. Expected codes come from RFC 4226
 * Appendix D and RFC 6238 Appendix B (SHA-1), as the protocol reference §7.4/§7.5 lists them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Token, isDeviceError, type DeviceErrorCode, type Model } from '../../device/index';
import { VirtualToken } from '../../device/virtual/token';
import { VirtualTransport } from '../../device/transport/virtual';
import { FakeClock } from '../support/fake-clock';
import * as cmd from '../../device/protocol/commands';

const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
/** RFC 4226 Appendix D, counters 0..4. */
const HOTP_6 = ['755224', '287082', '359152', '969429', '338314'];
/** RFC 6238 Appendix B, SHA-1, 8 digits. */
const TOTP_8: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

interface Setup {
  label: string;
  model: Model;
  firmwareMinor: number;
  latency: 'none' | undefined;
}

const SETUPS: Setup[] = [
  { label: 'Nitrokey Pro 0.15', model: 'pro', firmwareMinor: 15, latency: undefined },
  { label: 'Librem Key', model: 'librem', firmwareMinor: 15, latency: 'none' },
  { label: 'Nitrokey Pro 0.7 (legacy)', model: 'pro', firmwareMinor: 7, latency: 'none' },
  { label: 'Nitrokey Storage 0.57', model: 'storage', firmwareMinor: 57, latency: undefined },
  { label: 'Nitrokey Storage 0.53 (legacy)', model: 'storage', firmwareMinor: 53, latency: 'none' },
];

async function open(s: Setup) {
  const clock = new FakeClock(1_700_000_000_000);
  const device = VirtualToken.create({
    model: s.model,
    firmwareMinor: s.firmwareMinor,
    clock,
    latency: s.latency,
    cardSerial: 0x5f11,
  });
  const token = await Token.open(new VirtualTransport(device), { clock });
  return { clock, device, token };
}

const hasCode = (code: DeviceErrorCode) => (e: unknown) => isDeviceError(e) && e.code === code;

for (const s of SETUPS) {
  const legacy = s.firmwareMinor === 7 || s.firmwareMinor === 53;
  describe(`Token on a ${s.label}`, () => {
    test('reports model, firmware, serial and full PIN counters', async () => {
      const { token } = await open(s);
      const st = await token.status();
      assert.equal(st.model, s.model);
      assert.deepEqual(st.firmware, { major: 0, minor: s.firmwareMinor });
      assert.equal(st.serial, '00005f11');
      assert.equal(st.adminRetries, 3);
      assert.equal(st.userRetries, 3);
      assert.equal(st.isLegacy, legacy);
      assert.equal(st.maxSecretBytes, legacy ? 20 : 40);
    });

    test('writes a TOTP slot whose codes match RFC 6238 at every test time', async () => {
      const { token } = await open(s);
      await token.authenticate('admin', '12345678');
      await token.writeSlot({ kind: 'totp', index: 2 }, { name: 'rfc6238', secret: RFC_SECRET, digits: 8, period: 30 });
      for (const [t, code] of TOTP_8) {
        await token.setTime(t, true);
        assert.equal((await token.getCode({ kind: 'totp', index: 2 })).code, code, `t=${t}`);
      }
      const slot = await token.readSlot({ kind: 'totp', index: 2 });
      assert.equal(slot?.name, 'rfc6238');
      assert.equal(slot?.period, 30);
      assert.equal(slot?.digits, 8);
    });

    test('writes a HOTP slot whose codes follow RFC 4226 and advance the counter', async () => {
      const { token } = await open(s);
      await token.authenticate('admin', '12345678');
      await token.writeSlot(
        { kind: 'hotp', index: 1 },
        { name: 'rfc4226', secret: RFC_SECRET, digits: 6, counter: 0n },
      );
      for (const code of HOTP_6.slice(0, 3)) assert.equal((await token.getCode({ kind: 'hotp', index: 1 })).code, code);
      assert.equal((await token.readSlot({ kind: 'hotp', index: 1 }))?.counter, 3n);
    });

    test('counts a wrong admin PIN down to the lock-out and never retries it', async () => {
      const { token } = await open(s);
      await assert.rejects(
        token.authenticate('admin', '00000000'),
        (e: unknown) => hasCode('wrong-pin')(e) && (e as { info: { retriesLeft?: number } }).info.retriesLeft === 2,
      );
      await assert.rejects(
        token.authenticate('admin', '00000000'),
        (e: unknown) => hasCode('wrong-pin')(e) && (e as { info: { retriesLeft?: number } }).info.retriesLeft === 1,
      );
      await assert.rejects(token.authenticate('admin', '00000000'), hasCode('pin-locked'));
      // Locked: even the right PIN is refused, and the user counter is untouched (§6.1).
      await assert.rejects(token.authenticate('admin', '12345678'), hasCode('pin-locked'));
      assert.deepEqual(await token.retryCounts(), { admin: 0, user: 3 });
    });

    test('refuses to write without the admin PIN and leaves the slot empty', async () => {
      const { token } = await open(s);
      await assert.rejects(
        token.writeSlot({ kind: 'totp', index: 0 }, { name: 'x', secret: RFC_SECRET, digits: 6 }),
        hasCode('not-authorized'),
      );
      assert.equal(await token.readSlot({ kind: 'totp', index: 0 }), null);
    });

    test('refuses a secret longer than the firmware stores before sending anything', async () => {
      const { token } = await open(s);
      await token.authenticate('admin', '12345678');
      const tooLong = new Uint8Array(legacy ? 21 : 41).fill(7);
      await assert.rejects(
        token.writeSlot({ kind: 'totp', index: 0 }, { name: 'long', secret: tooLong, digits: 6 }),
        hasCode('secret-too-long'),
      );
      await assert.rejects(
        token.writeSlot({ kind: 'totp', index: 0 }, { name: 'a-name-of-16-byt', secret: RFC_SECRET, digits: 6 }),
        hasCode('name-too-long'),
      );
      assert.equal(await token.readSlot({ kind: 'totp', index: 0 }), null);
    });

    test('erases a slot so that reading and codes report it empty', async () => {
      const { token } = await open(s);
      await token.authenticate('admin', '12345678');
      await token.writeSlot({ kind: 'hotp', index: 0 }, { name: 'gone', secret: RFC_SECRET, digits: 6 });
      await token.eraseSlot({ kind: 'hotp', index: 0 });
      assert.equal(await token.readSlot({ kind: 'hotp', index: 0 }), null);
      await assert.rejects(token.getCode({ kind: 'hotp', index: 0 }), hasCode('slot-empty'));
    });

    test('asks for the user PIN for codes only when the config requires it', async () => {
      const { token } = await open(s);
      await token.authenticate('admin', '12345678');
      await token.writeSlot({ kind: 'hotp', index: 2 }, { name: 'pinned', secret: RFC_SECRET, digits: 6 });
      await token.setConfig({
        numlock: null,
        capslock: null,
        scrolllock: null,
        isUserPasswordRequired: true,
        isDeleteUserPassword: false,
      });
      await assert.rejects(token.getCode({ kind: 'hotp', index: 2 }), hasCode('not-authorized'));
      await token.authenticate('user', '123456');
      assert.equal((await token.getCode({ kind: 'hotp', index: 2 })).code, HOTP_6[0]);
      assert.equal((await token.getConfig()).isUserPasswordRequired, true);
    });

    test('refuses a soft time set that goes back and accepts a forced one', async () => {
      const { token } = await open(s);
      await token.setTime(1_700_000_000, false);
      await assert.rejects(token.setTime(1_600_000_000, false), hasCode('time-refused'));
      await token.setTime(1_600_000_000, true);
      await token.setTime(1_600_000_030, false);
    });

    test('changes the user PIN and unlocks a locked one with the admin PIN', async () => {
      const { token } = await open(s);
      await token.changePin('user', '123456', '654321');
      await assert.rejects(token.authenticate('user', '123456'), hasCode('wrong-pin'));
      await token.authenticate('user', '654321');
      for (let i = 0; i < 3; i++) await token.authenticate('user', '000000').catch(() => undefined);
      assert.equal((await token.retryCounts()).user, 0);
      await token.unlockUserPin('12345678', '112233');
      assert.deepEqual(await token.retryCounts(), { admin: 3, user: 3 });
      await token.authenticate('user', '112233');
    });

    test('keeps password-safe entries behind the user PIN and a key', async () => {
      const { token } = await open(s);
      await assert.rejects(token.pws.unlock('123456'), hasCode('pws-no-key'));
      await token.pws.buildKey('12345678');
      await token.pws.unlock('123456');
      await token.pws.write(4, { name: 'mail', login: 'me@example.org', password: 'hunter2' });
      assert.deepEqual(await token.pws.read(4), { name: 'mail', login: 'me@example.org', password: 'hunter2' });
      assert.equal((await token.pws.status()).filter(Boolean).length, 1);
      await token.pws.erase(4);
      await assert.rejects(token.pws.read(4), hasCode('pws-slot-empty'));
      await token.lock();
      await assert.rejects(token.pws.status(), hasCode('pws-locked'));
    });

    test('factory reset erases slots and restores the default PINs', async () => {
      const { token } = await open(s);
      await token.changePin('admin', '12345678', '87654321');
      await token.authenticate('admin', '87654321');
      await token.writeSlot({ kind: 'totp', index: 0 }, { name: 'reset-me', secret: RFC_SECRET, digits: 6 });
      await token.factoryReset('87654321');
      assert.equal(await token.readSlot({ kind: 'totp', index: 0 }), null);
      await token.authenticate('admin', '12345678');
    });

    test('reports an unplug in the middle of a command as token-unplugged', async () => {
      const { token, device } = await open(s);
      device.unplug();
      await assert.rejects(token.status(), hasCode('token-unplugged'));
    });
  });
}

describe('Token firmware quirks', () => {
  test('refuses TOTP slot 15 on a Storage instead of trusting its silent OK', async () => {
    const { token } = await open(SETUPS[3]);
    await token.authenticate('admin', '12345678');
    await assert.rejects(
      token.writeSlot({ kind: 'totp', index: 14 }, { name: 'x', secret: RFC_SECRET, digits: 6 }),
      hasCode('wrong-slot'),
    );
  });

  test('gets a fresh TOTP code from a Storage that shows stale replies, also for the same request twice', async () => {
    const s = SETUPS[3];
    const { token, clock } = await open(s);
    await token.authenticate('admin', '12345678');
    await token.writeSlot({ kind: 'totp', index: 0 }, { name: 't', secret: RFC_SECRET, digits: 8, period: 30 });
    await token.setTime(1111111109, true);
    assert.equal((await token.getCode({ kind: 'totp', index: 0 })).code, '07081804');
    // Same GET_CODE frame again after the time moved on: the stale reply must not be taken.
    await token.setTime(1234567890, true);
    assert.equal((await token.getCode({ kind: 'totp', index: 0 })).code, '89005924');
    clock.advance(1);
  });

  test('accepts a legacy Pro write twice in a row although the firmware consumes its temporary password', async () => {
    const { token } = await open(SETUPS[2]);
    await token.authenticate('admin', '12345678');
    await token.writeSlot({ kind: 'hotp', index: 0 }, { name: 'one', secret: RFC_SECRET, digits: 6 });
    await token.writeSlot({ kind: 'hotp', index: 1 }, { name: 'two', secret: RFC_SECRET, digits: 6 });
    assert.equal((await token.readSlot({ kind: 'hotp', index: 1 }))?.name, 'two');
  });

  test('writes the right secret although another host left a write transaction half done', async () => {
    const s = SETUPS[0];
    const { token, device, clock } = await open(s);
    // Another host stages a 40-byte secret and never commits it (§5.3 step 6: staging survives).
    const other = await Token.open(new VirtualTransport(device), { clock });
    const temp = new TextEncoder().encode('other-host-temp-password!');
    await other.command(cmd.encodeAuthenticate('admin', new TextEncoder().encode('12345678'), temp));
    await other.command(cmd.encodeSendOtpData(temp, 'S', 0, new Uint8Array(30).fill(0xee)));
    await other.command(cmd.encodeSendOtpData(temp, 'S', 1, new Uint8Array(10).fill(0xee)));
    await token.authenticate('admin', '12345678');
    await token.writeSlot({ kind: 'hotp', index: 0 }, { name: 'clean', secret: RFC_SECRET, digits: 6 });
    assert.equal((await token.getCode({ kind: 'hotp', index: 0 })).code, HOTP_6[0]);
  });

  test('refuses an all-zero secret, which the firmware would read as "keep the old one"', async () => {
    const { token } = await open(SETUPS[0]);
    await token.authenticate('admin', '12345678');
    await assert.rejects(
      token.writeSlot({ kind: 'totp', index: 0 }, { name: 'zero', secret: new Uint8Array(20), digits: 6 }),
      hasCode('secret-invalid'),
    );
    assert.equal(token.checkSlotWrite({ kind: 'totp', index: 0 }, { name: 'ok', secret: RFC_SECRET, digits: 6 }), null);
    assert.equal(
      token.checkSlotWrite({ kind: 'totp', index: 0 }, { name: 'ok', secret: RFC_SECRET, digits: 7 as 6 })?.code,
      'digits-unsupported',
    );
  });
});

describe('Password safe reads', () => {
  test('reads only the fields asked for, so a list of names leaves passwords on the token', async () => {
    const { token, device } = await open(SETUPS[0]);
    await token.pws.buildKey('12345678');
    await token.pws.unlock('123456');
    await token.pws.write(0, { name: 'mail', login: 'me', password: 'secret' });
    const sent: number[] = [];
    const original = device.setReport.bind(device);
    device.setReport = (r: Uint8Array) => {
      sent.push(r[0]);
      original(r);
    };
    assert.deepEqual(await token.pws.read(0, ['name', 'login']), { name: 'mail', login: 'me', password: '' });
    assert.ok(!sent.includes(0x62), 'GET_PW_SAFE_SLOT_PASSWORD was sent');
  });
});
