/**
 * Fidelity check with code we did not write: Debian's nitrocli 0.2.4 (libnitrokey 3.7) drives the
 * virtual token through the hidapi bridge, and keyslot's Token reads what nitrocli wrote and the
 * reverse. Codes are compared with oathtool. TOTP times sit mid-step: the Pro's free-running tick
 * may add a second between SET_TIME and GET_CODE (protocol reference §14.1).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Token, type Model } from '../../device/index';
import { VirtualTransport } from '../../device/transport/virtual';
import { bridgeVirtualToken, oathtool, type BridgedVirtualToken } from '../support/nitrocli';

const RFC_HEX = Buffer.from('12345678901234567890').toString('hex');
const SECRET_40_HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718';

const SECRET_20_HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4';

const MODELS: { label: string; model: Model; firmwareMinor?: number; nitrocliModel: string; version: string }[] = [
  { label: 'Nitrokey Pro 0.15', model: 'pro', nitrocliModel: 'Pro', version: '0.15' },
  { label: 'Nitrokey Storage 0.57', model: 'storage', nitrocliModel: 'Storage', version: '0.57' },
  // Legacy AUTHORIZE protocol and 20-byte secrets (§6.3, §6.4): libnitrokey switches on the version.
  { label: 'Nitrokey Pro 0.7', model: 'pro', firmwareMinor: 7, nitrocliModel: 'Pro', version: '0.7' },
];

for (const m of MODELS) {
  const secretHex = m.firmwareMinor === 7 ? SECRET_20_HEX : SECRET_40_HEX;
  describe(`nitrocli against a virtual ${m.label}`, () => {
    let v: BridgedVirtualToken;
    before(async () => {
      v = await bridgeVirtualToken({ model: m.model, firmwareMinor: m.firmwareMinor, cardSerial: 0x1234abcd });
    });
    after(async () => v.close());

    /** keyslot's own session on the same virtual token, in-process. */
    const keyslot = () => Token.open(new VirtualTransport(v.token));

    test('status shows the model, firmware, serial and PIN counters', async () => {
      const r = await v.nitrocli(['status']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`model:\\s+${m.nitrocliModel}`));
      assert.match(r.stdout, new RegExp(`firmware version:\\s+${m.version.replace('.', '\\.')}\\b`));
      assert.match(r.stdout, /serial number:\s+0x1234abcd/);
      assert.match(r.stdout, /user retry count:\s+3/);
      assert.match(r.stdout, /admin retry count:\s+3/);
    });

    test('config set and get round-trip through the token', async () => {
      assert.equal((await v.nitrocli(['config', 'set', '-n', '1', '-O'])).code, 0);
      const r = await v.nitrocli(['config', 'get']);
      assert.match(r.stdout, /numlock binding:\s+1/);
      assert.match(r.stdout, /require user PIN for OTP:\s+false/);
      const config = await (await keyslot()).getConfig();
      assert.equal(config.numlock, 1);
      assert.equal(config.isUserPasswordRequired, false);
      assert.equal((await v.nitrocli(['config', 'set', '-N'])).code, 0);
    });

    for (const digits of [6, 8] as const) {
      test(`a ${digits}-digit TOTP slot nitrocli writes gives oathtool's codes, in nitrocli and in keyslot`, async () => {
        assert.equal((await v.nitrocli(['otp', 'set', '2', `tot${digits}`, secretHex, '-d', String(digits)])).code, 0);
        for (const t of [1_700_000_010, 1_800_000_013]) {
          const r = await v.nitrocli(['otp', 'get', '2', '-t', String(t)]);
          assert.equal(r.stdout.trim(), await oathtool(secretHex, { totpAt: t, digits }), `nitrocli at ${t}`);
        }
        const token = await keyslot();
        const slot = await token.readSlot({ kind: 'totp', index: 2 });
        assert.equal(slot?.name, `tot${digits}`);
        assert.equal(slot?.digits, digits);
        await token.setTime(1_900_000_015, true);
        assert.equal(
          (await token.getCode({ kind: 'totp', index: 2 })).code,
          await oathtool(secretHex, { totpAt: 1_900_000_015, digits }),
        );
      });

      test(`a ${digits}-digit HOTP slot nitrocli writes counts on in keyslot`, async () => {
        assert.equal(
          (await v.nitrocli(['otp', 'set', '0', 'hot', RFC_HEX, '-a', 'hotp', '-d', String(digits), '-c', '5'])).code,
          0,
        );
        const first = await v.nitrocli(['otp', 'get', '0', '-a', 'hotp']);
        assert.equal(first.stdout.trim(), await oathtool(RFC_HEX, { hotpCounter: 5, digits }));
        const token = await keyslot();
        assert.equal((await token.readSlot({ kind: 'hotp', index: 0 }))?.counter, 6n);
        assert.equal(
          (await token.getCode({ kind: 'hotp', index: 0 })).code,
          await oathtool(RFC_HEX, { hotpCounter: 6, digits }),
        );
        const third = await v.nitrocli(['otp', 'get', '0', '-a', 'hotp']);
        assert.equal(third.stdout.trim(), await oathtool(RFC_HEX, { hotpCounter: 7, digits }));
      });
    }

    test('slots keyslot writes are listed and used by nitrocli', async () => {
      const token = await keyslot();
      await token.authenticate('admin', '12345678');
      await token.writeSlot(
        { kind: 'totp', index: 6 },
        { name: 'from-keyslot', secret: Buffer.from(secretHex, 'hex'), digits: 8, period: 60 },
      );
      await token.writeSlot(
        { kind: 'hotp', index: 2 },
        { name: 'hotp-keyslot', secret: Buffer.from(RFC_HEX, 'hex'), digits: 6, counter: 42n },
      );
      const status = await v.nitrocli(['otp', 'status']);
      assert.match(status.stdout, /totp\t6\tfrom-keyslot/);
      assert.match(status.stdout, /hotp\t2\thotp-keyslot/);
      const t = 1_700_000_030;
      const totp = await v.nitrocli(['otp', 'get', '6', '-t', String(t)]);
      assert.equal(totp.stdout.trim(), await oathtool(secretHex, { totpAt: t, digits: 8, period: 60 }));
      const hotp = await v.nitrocli(['otp', 'get', '2', '-a', 'hotp']);
      assert.equal(hotp.stdout.trim(), await oathtool(RFC_HEX, { hotpCounter: 42, digits: 6 }));
    });

    test('otp clear empties the slot for keyslot too', async () => {
      assert.equal((await v.nitrocli(['otp', 'set', '9', 'gone', RFC_HEX])).code, 0);
      assert.equal((await v.nitrocli(['otp', 'clear', '9'])).code, 0);
      assert.equal(await (await keyslot()).readSlot({ kind: 'totp', index: 9 }), null);
      assert.doesNotMatch((await v.nitrocli(['otp', 'status'])).stdout, /\tgone/);
    });

    test('a wrong admin PIN costs one try, seen by nitrocli and keyslot alike', async () => {
      const r = await v.nitrocli(['config', 'set', '-o'], { NITROCLI_ADMIN_PIN: '00000000' });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /wrong/i);
      assert.equal((await (await keyslot()).retryCounts()).admin, 2);
      // A right PIN restores the counter.
      await (await keyslot()).authenticate('admin', '12345678');
      assert.match((await v.nitrocli(['status'])).stdout, /admin retry count:\s+3/);
    });

    test('pin set changes the user PIN that keyslot then needs', async () => {
      const r = await v.nitrocli(['pin', 'set', 'user'], { NITROCLI_NEW_USER_PIN: '24682468' });
      assert.equal(r.code, 0, r.stderr);
      const token = await keyslot();
      await assert.rejects(token.authenticate('user', '123456'), /Wrong PIN/);
      await token.authenticate('user', '24682468');
      await token.changePin('user', '24682468', '123456');
      assert.match((await v.nitrocli(['status'])).stdout, /user retry count:\s+3/);
    });

    test('the password safe is shared: entries nitrocli writes are read by keyslot and the reverse', async () => {
      const token = await keyslot();
      await token.pws.buildKey('12345678');
      assert.equal((await v.nitrocli(['pws', 'set', '3', 'mail', 'me@example.org', 'hunter2'])).code, 0);
      await token.pws.unlock('123456');
      assert.deepEqual(await token.pws.read(3), { name: 'mail', login: 'me@example.org', password: 'hunter2' });
      await token.pws.write(7, { name: 'bank', login: 'alice', password: 'correct horse' });
      const got = await v.nitrocli(['pws', 'get', '7']);
      assert.match(got.stdout, /name:\s+bank/);
      assert.match(got.stdout, /login:\s+alice/);
      assert.match(got.stdout, /password:\s+correct horse/);
      assert.equal((await v.nitrocli(['pws', 'clear', '3'])).code, 0);
      assert.deepEqual(await token.pws.status().then((s) => s.flatMap((on, i) => (on ? [i] : []))), [7]);
    });

    test('factory reset by nitrocli leaves a token keyslot sees as new', async () => {
      const r = await v.nitrocli(['reset']);
      assert.equal(r.code, 0, r.stderr);
      const token = await keyslot();
      assert.equal((await token.listSlots()).filter((s) => s.value).length, 0);
      await token.authenticate('admin', '12345678');
    });
  });
}
