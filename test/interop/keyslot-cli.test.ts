/**
 * The keyslot CLI on the code path a real token takes: node-hid → hidapi (the LD_PRELOAD bridge) →
 * the virtual token, side by side with nitrocli on the same token. Codes are checked with oathtool
 * and python3-pyotp, neither of which we wrote.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bridgeVirtualToken, oathtool, run, type BridgedVirtualToken } from '../support/nitrocli';

const KEYSLOT = fileURLToPath(new URL('../../bin/keyslot.js', import.meta.url));
const BASE32 = 'JBSWY3DPEHPK3PXP';
const BASE32_HEX = Buffer.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]).toString('hex'); // "Hello!\xde\xad\xbe\xef"
const RFC_HEX = Buffer.from('12345678901234567890').toString('hex');

/** pyotp's TOTP code for a base32 secret at a Unix time (Debian's python3-pyotp, so /usr/bin/python3 rather than whichever python3 is first on PATH). */
async function pyotp(secret: string, at: number, digits = 6, interval = 30): Promise<string> {
  const r = await run('/usr/bin/python3', [
    '-c',
    `import pyotp,sys; print(pyotp.TOTP(sys.argv[1], digits=${digits}, interval=${interval}).at(${at}))`,
    secret,
  ]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

describe('keyslot CLI through node-hid and the hidapi bridge', () => {
  let v: BridgedVirtualToken;
  const keyslot = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [KEYSLOT, '--device', 'hid', ...args], { ...v.env, ...env });

  before(async () => {
    v = await bridgeVirtualToken({ model: 'pro', cardSerial: 0x00005f11 });
  });
  after(async () => v.close());

  test('status reads the token that node-hid enumerates', async () => {
    const r = await keyslot(['status', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.serial, '00005f11');
    assert.equal(s.firmware, '0.15');
  });

  test('a slot keyslot writes from a base32 secret gives nitrocli, oathtool and pyotp the same code', async () => {
    const set = await keyslot(['otp', 'set', 'totp:4', '--name', 'github', '--secret', 'jbsw y3dp ehpk 3pxp'], {
      KEYSLOT_ADMIN_PIN: '12345678',
    });
    assert.equal(set.code, 0, set.stderr);
    const t = 1_700_000_012;
    const expected = await oathtool(BASE32_HEX, { totpAt: t, digits: 6 });
    assert.equal(await pyotp(BASE32, t), expected);
    // nitrocli numbers TOTP slots from 0: keyslot's totp:4 is its slot 3.
    const n = await v.nitrocli(['otp', 'get', '3', '-t', String(t)]);
    assert.equal(n.stdout.trim(), expected);
  });

  test('otp get prints only the code, for a slot nitrocli wrote, selected by its name', async () => {
    assert.equal((await v.nitrocli(['otp', 'set', '7', 'written-by-nc', RFC_HEX, '-d', '8'])).code, 0);
    assert.equal((await v.nitrocli(['config', 'set', '-O'])).code, 0);
    const r = await keyslot(['otp', 'get', 'written-by-nc']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d{8}\n$/);
    // keyslot set the token's clock to now: the code is one of the current or neighbouring steps (§14.1).
    const now = Math.floor(Date.now() / 1000);
    const candidates = await Promise.all([-30, 0, 30].map((d) => oathtool(RFC_HEX, { totpAt: now + d, digits: 8 })));
    assert.ok(candidates.includes(r.stdout.trim()), `${r.stdout.trim()} not in ${candidates.join(', ')}`);
  });

  test('a HOTP slot written by keyslot advances one counter shared with nitrocli', async () => {
    const set = await keyslot(['otp', 'set', 'hotp:2', '--name', 'hot', '--hex', RFC_HEX, '--counter', '3'], {
      KEYSLOT_ADMIN_PIN: '12345678',
    });
    assert.equal(set.code, 0, set.stderr);
    assert.equal(
      (await keyslot(['otp', 'get', 'hotp:2'])).stdout.trim(),
      await oathtool(RFC_HEX, { hotpCounter: 3, digits: 6 }),
    );
    assert.equal(
      (await v.nitrocli(['otp', 'get', '1', '-a', 'hotp'])).stdout.trim(),
      await oathtool(RFC_HEX, { hotpCounter: 4, digits: 6 }),
    );
    const list = JSON.parse((await keyslot(['otp', 'list', '--json'])).stdout) as {
      slot: string;
      counter?: string | number;
    }[];
    const hot = list.find((s) => s.slot === 'hotp:2');
    assert.equal(String(hot?.counter), '5');
  });

  test('a wrong admin PIN says how many tries are left and leaves the slot as it was', async () => {
    const r = await keyslot(['otp', 'set', 'totp:4', '--name', 'evil', '--secret', BASE32], {
      KEYSLOT_ADMIN_PIN: '87654321',
    });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Wrong PIN\. 2 tries left/);
    assert.match((await v.nitrocli(['otp', 'status'])).stdout, /totp\t3\tgithub/);
    assert.equal(
      (await keyslot(['otp', 'set', 'totp:5', '--name', 'ok', '--secret', BASE32], { KEYSLOT_ADMIN_PIN: '12345678' }))
        .code,
      0,
    );
  });

  test('pulling the token out mid-session gives a clear error, not a crash', async () => {
    v.server.unplug();
    try {
      const r = await keyslot(['otp', 'list']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /^keyslot: /);
      assert.doesNotMatch(r.stderr, /at .*\.(ts|js|mjs):\d+/, 'no stack trace');
    } finally {
      v.server.plug();
    }
    assert.equal((await keyslot(['status'])).code, 0);
  });
});
