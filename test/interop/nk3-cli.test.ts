/**
 * The keyslot CLI on the code path a real Nitrokey 3 takes over USB: node-hid → hidapi (the LD_PRELOAD
 * bridge) → the virtual Nitrokey 3's FIDO interface (usage page 0xF1D0), CTAPHID vendor command 0x70.
 * `--device hid`, `--device auto`, `--device nk3` and the serial all find it; codes are checked against
 * oathtool, which we did not write.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VirtualNk3, serveVirtualNk3Hid, shimPath, type VirtualTokenServer } from '../../device/index';
import { run } from '../support/nitrocli';

const KEYSLOT = fileURLToPath(new URL('../../bin/keyslot.js', import.meta.url));
const RFC_HEX = Buffer.from('12345678901234567890').toString('hex');
const RFC256_HEX = Buffer.from('12345678901234567890123456789012').toString('hex');

/** oathtool's code now (TOTP) or at a counter (HOTP). */
async function oathtool(hex: string, o: { mode?: string; period?: number; digits?: number; counter?: number } = {}) {
  const args =
    o.counter === undefined
      ? [`--totp=${o.mode ?? 'sha1'}`, `--time-step-size=${o.period ?? 30}s`]
      : ['--hotp', '-c', String(o.counter)];
  const r = await run('oathtool', [...args, '-d', String(o.digits ?? 6), hex]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

/** True if `code` is the TOTP code of now or a neighbouring step (the child ran a moment ago). */
async function isRecentTotp(code: string, hex: string, o: { mode?: string; period?: number; digits?: number }) {
  const period = o.period ?? 30;
  const now = Math.floor(Date.now() / 1000);
  const codes = await Promise.all(
    [-period, 0].map(async (d) => {
      const r = await run('oathtool', [
        `--totp=${o.mode ?? 'sha1'}`,
        `--time-step-size=${period}s`,
        '-N',
        `@${now + d}`,
        '-d',
        String(o.digits ?? 6),
        hex,
      ]);
      return r.stdout.trim();
    }),
  );
  return codes.includes(code);
}

describe('keyslot CLI on a Nitrokey 3 through node-hid and the hidapi bridge', () => {
  let server: VirtualTokenServer;
  let dir: string;
  const device = VirtualNk3.create({ serial: 'C0FFEE42' });
  const env = () => ({ LD_PRELOAD: shimPath(), KEYSLOT_VIRTUAL_SOCKET: server.socketPath });
  const keyslot = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [KEYSLOT, ...args], { ...env(), ...extra });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyslot-nk3-cli-'));
    server = await serveVirtualNk3Hid({ socketPath: join(dir, 's'), device });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('status finds the Nitrokey 3 with --device hid, auto, nk3 and its serial', async () => {
    for (const spec of ['hid', 'auto', 'nk3', 'C0FFEE42']) {
      const r = await keyslot(['--device', spec, 'status', '--json']);
      assert.equal(r.code, 0, `${spec}: ${r.stderr}`);
      const s = JSON.parse(r.stdout) as { model: string; serial: string; firmware: string; isVirtual: boolean };
      assert.deepEqual([s.model, s.serial, s.firmware, s.isVirtual], ['nk3', 'C0FFEE42', '4.14.0', false], spec);
    }
    const none = await keyslot(['--device', 'DEADBEEF', 'status']);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /No token with the serial DEADBEEF is plugged in\./);
  });

  test('credentials keyslot writes over CTAPHID give oathtool’s codes', async () => {
    const sets = [
      ['GitHub:alice', '--hex', RFC_HEX],
      ['Bank:bob', '--hex', RFC256_HEX, '--algorithm', 'SHA256', '--digits', '8', '--period', '60'],
      ['Hot', '--hex', RFC_HEX, '--counter', '3'],
    ];
    for (const s of sets) {
      const r = await keyslot(['--device', 'hid', 'otp', 'set', ...s]);
      assert.equal(r.code, 0, r.stderr);
    }
    const alice = await keyslot(['--device', 'hid', 'otp', 'get', 'GitHub:alice']);
    assert.ok(await isRecentTotp(alice.stdout.trim(), RFC_HEX, {}), alice.stdout);
    const bob = await keyslot(['--device', 'auto', 'otp', 'get', '60/Bank:bob']);
    assert.ok(await isRecentTotp(bob.stdout.trim(), RFC256_HEX, { mode: 'sha256', period: 60, digits: 8 }));
    const hot = await keyslot(['--device', 'hid', 'otp', 'get', 'Hot']);
    assert.equal(hot.stdout.trim(), await oathtool(RFC_HEX, { counter: 3 }));
    const list = await keyslot(['--device', 'hid', 'otp', 'list']);
    assert.deepEqual(list.stdout.trim().split('\n').sort(), [
      '60/Bank:bob   totp     SHA256  every 60 s',
      'GitHub:alice  totp     SHA1    every 30 s',
      'Hot           hotp     SHA1',
    ]);
  });

  test('pin set, a PIN-protected credential, the password fields and erase, with touches said', async () => {
    const first = await keyslot(['--device', 'hid', 'pin', 'set'], { KEYSLOT_NEW_PIN: 'bridge-pin' });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Touch your Nitrokey 3\./);
    const pin = { KEYSLOT_PIN: 'bridge-pin' };
    assert.equal(
      (await keyslot(['--device', 'hid', 'otp', 'set', 'Vault', '--hex', RFC_HEX, '--pin-protected'], pin)).code,
      0,
    );
    assert.doesNotMatch((await keyslot(['--device', 'hid', 'otp', 'list'])).stdout, /Vault/);
    const v = await keyslot(['--device', 'hid', 'otp', 'get', 'Vault'], pin);
    assert.ok(await isRecentTotp(v.stdout.trim(), RFC_HEX, {}), v.stderr);
    const wrong = await keyslot(['--device', 'hid', 'otp', 'get', 'Vault'], { KEYSLOT_PIN: 'nope' });
    assert.equal(wrong.code, 4);
    assert.match(wrong.stderr, /Wrong PIN\. 7 tries left before it locks\./);
    const pw = { KEYSLOT_PWS_PASSWORD: 's3cret' };
    const router = await keyslot(['--device', 'hid', 'pws', 'set', 'Router', '--login', 'admin'], pw);
    assert.equal(router.code, 0, router.stderr);
    assert.equal((await keyslot(['--device', 'hid', 'pws', 'get', 'Router', '--password'])).stdout, 's3cret\n');
    const erase = await keyslot(['--device', 'hid', 'otp', 'erase', 'Hot']);
    assert.equal(erase.code, 0, erase.stderr);
    assert.equal(erase.stderr, 'keyslot: Touch your Nitrokey 3.\n');
  });
});
