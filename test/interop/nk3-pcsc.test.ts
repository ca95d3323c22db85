/**
 * The virtual Nitrokey 3 as a card in vsmartcard's virtual reader, driven through pcscd by keyslot's own
 * PC/SC transport and by Yubico's yubikit (Debian yubikey-manager), a YKOATH client nobody here wrote;
 * codes are checked against oathtool. All PC/SC tests share one pcscd and one reader, so they live in
 * this one file and run in order.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Nk3Session, VirtualNk3, openPcscTransport, serveVirtualNk3Vpcd, type VpcdCard } from '../../device/index';
import { run } from '../support/nitrocli';
import { startPcscd, type PcscdHandle } from './support/pcscd';

const READER = 'Virtual PCD 00 00';
const KEYSLOT = fileURLToPath(new URL('../../bin/keyslot.js', import.meta.url));
const T = 1111111109; // RFC 6238 Appendix B time
const client = fileURLToPath(new URL('./support/nk3_yubikit.py', import.meta.url));
const hexOf = (s: string) => Buffer.from(s).toString('hex');
const RFC = '12345678901234567890';
const RFC256 = '12345678901234567890123456789012';

/** oathtool's code (TOTP with --totp=MODE, or HOTP with a counter). */
async function oathtool(secretHex: string, o: { mode?: string; period?: number; counter?: number; digits: number }) {
  const args =
    o.counter === undefined
      ? [`--totp=${o.mode ?? 'sha1'}`, `--time-step-size=${o.period ?? 30}s`, '-N', `@${T}`]
      : ['--hotp', '-c', String(o.counter)];
  const r = await run('oathtool', [...args, '-d', String(o.digits), secretHex]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

/** Opens a session over PC/SC, retrying while pcscd has not yet seen the card. */
async function openSession(): Promise<Nk3Session> {
  for (let i = 0; ; i++) {
    try {
      return new Nk3Session(await openPcscTransport({ reader: READER }), { now: () => T * 1000 });
    } catch (e) {
      if (i >= 100) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('Nitrokey 3 over PC/SC (pcscd + vpcd)', () => {
  let pcscd: PcscdHandle;
  let card: VpcdCard;
  const device = VirtualNk3.create({ serial: '12345678' });

  before(async () => {
    pcscd = await startPcscd();
    card = serveVirtualNk3Vpcd({ card: device });
    await card.connected;
  });
  after(async () => {
    await card?.close();
    await pcscd?.stop();
  });

  it('keyslot writes and reads credentials through its PC/SC transport', async () => {
    const s = await openSession();
    try {
      assert.equal((await s.status()).version, '4.14.0');
      await s.put({ name: 'GitHub:alice', kind: 'totp', secret: Buffer.from(RFC) });
      await s.put({ name: '60/Sha:bob', kind: 'totp', algorithm: 'SHA256', digits: 8, secret: Buffer.from(RFC256) });
      await s.put({ name: 'Hotp:carol', kind: 'hotp', secret: Buffer.from(RFC) });
      assert.equal((await s.calculate('GitHub:alice')).code, await oathtool(hexOf(RFC), { digits: 6 }));
    } finally {
      await s.close(); // ends the PC/SC transaction so that yubikit may connect
    }
  });

  it("yubikit's OathSession (GET RESPONSE as fetch) lists keyslot's accounts, adds its own, and agrees with oathtool", async () => {
    const puts = [
      {
        issuer: 'Yubi',
        name: 'dave',
        type: 'TOTP',
        algorithm: 'SHA1',
        secret_hex: hexOf('dave-secret-0123'),
        digits: 8,
        period: 30,
        counter: 0,
      },
      {
        issuer: 'Yubi',
        name: 'erin',
        type: 'TOTP',
        algorithm: 'SHA256',
        secret_hex: hexOf('erin-secret-4567'),
        digits: 6,
        period: 60,
        counter: 0,
      },
    ];
    const r = await run('/usr/bin/python3', [client, READER, String(T), JSON.stringify(puts)]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      version: number[];
      before: string[];
      after: { id: string; type: string; period: number; code: string }[];
    };
    assert.deepEqual(out.version, [4, 14, 0]);
    assert.deepEqual([...out.before].sort(), ['60/Sha:bob', 'GitHub:alice', 'Hotp:carol']);
    const code = Object.fromEntries(out.after.map((c) => [c.id, c]));
    assert.equal(code['60/Sha:bob'].period, 60); // ykman reads keyslot's P/ prefix as the period
    const expected: [string, Promise<string>][] = [
      ['GitHub:alice', oathtool(hexOf(RFC), { digits: 6 })],
      ['60/Sha:bob', oathtool(hexOf(RFC256), { mode: 'sha256', period: 60, digits: 8 })],
      ['Hotp:carol', oathtool(hexOf(RFC), { counter: 0, digits: 6 })],
      ['Yubi:dave', oathtool(hexOf('dave-secret-0123'), { digits: 8 })],
      ['60/Yubi:erin', oathtool(hexOf('erin-secret-4567'), { mode: 'sha256', period: 60, digits: 6 })],
    ];
    for (const [id, want] of expected) assert.equal(code[id]?.code, await want, id);
  });

  it("keyslot reads yubikit's accounts with their periods and computes the same codes", async () => {
    const s = await openSession();
    try {
      const listed = Object.fromEntries((await s.list()).map((c) => [c.name, c]));
      assert.deepEqual(
        [listed['Yubi:dave']?.period, listed['60/Yubi:erin']?.period, listed['60/Yubi:erin']?.algorithm],
        [30, 60, 'SHA256'],
      );
      assert.equal((await s.calculate('Yubi:dave')).code, await oathtool(hexOf('dave-secret-0123'), { digits: 8 }));
      const erin = await oathtool(hexOf('erin-secret-4567'), { mode: 'sha256', period: 60, digits: 6 });
      assert.equal((await s.calculate('60/Yubi:erin')).code, erin);
      const bob = await oathtool(hexOf(RFC256), { mode: 'sha256', period: 60, digits: 8 });
      assert.equal((await s.calculate('60/Sha:bob')).code, bob);
      // yubikit used HOTP counter 0; the device moved on to 1 (RFC 4226 Appendix D: 287082).
      assert.equal((await s.calculate('Hotp:carol')).code, await oathtool(hexOf(RFC), { counter: 1, digits: 6 }));
    } finally {
      await s.close();
    }
  });

  it('the keyslot CLI over --transport pcsc: status, otp set/get (oathtool), list, PIN, password fields', async () => {
    // A child process, as a user runs it: keyslot's PC/SC transport through pcscd to this process's card.
    const env = { KEYSLOT_PCSC_READER: READER };
    const keyslot = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
      run(process.execPath, [KEYSLOT, '--transport', 'pcsc', ...args], { ...env, ...extra });
    const status = await keyslot(['status', '--json']);
    assert.equal(status.code, 0, status.stderr);
    const s = JSON.parse(status.stdout) as { model: string; serial: string; firmware: string };
    assert.deepEqual([s.model, s.serial, s.firmware], ['nk3', '12345678', '4.14.0']);
    const set = await keyslot([
      'otp',
      'set',
      'Cli:frank',
      '--hex',
      hexOf(RFC256),
      '--algorithm',
      'SHA256',
      '--digits',
      '8',
    ]);
    assert.equal(set.code, 0, set.stderr);
    const get = await keyslot(['otp', 'get', 'Cli:frank']);
    const now = Math.floor(Date.now() / 1000);
    const near = await Promise.all(
      [now - 30, now].map(async (t) => {
        const r = await run('oathtool', ['--totp=sha256', '-N', `@${t}`, '-d', '8', hexOf(RFC256)]);
        return r.stdout.trim();
      }),
    );
    assert.ok(near.includes(get.stdout.trim()), `${get.stdout} ${get.stderr}`);
    assert.match((await keyslot(['otp', 'list'])).stdout, /^Cli:frank +totp +SHA256 +every 30 s$/m);
    const pw = await keyslot(['pws', 'set', 'Cli:wifi', '--login', 'guest'], { KEYSLOT_PWS_PASSWORD: 'pcsc-pw' });
    assert.equal(pw.code, 0, pw.stderr);
    assert.equal((await keyslot(['pws', 'get', 'Cli:wifi', '--password'])).stdout, 'pcsc-pw\n');
    const erase = await keyslot(['otp', 'erase', 'Cli:frank']);
    assert.equal(erase.code, 0, erase.stderr);
    assert.equal(erase.stderr, 'keyslot: Touch your Nitrokey 3.\n');
  });

  it('ykman oath info fails at SELECT with 6985, as the reference predicts for a real Nitrokey 3 (§11.2)', async () => {
    // ykman fetches `61 xx` with INS A5 (SEND REMAINING); the Nitrokey 3's CCID layer passes A5 to the app,
    // which has no pending LIST and answers 6985 (§2.4, §3.6). The emulator is not bent to please ykman.
    const r = await run('ykman', ['--reader', READER, 'oath', 'info']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /SW=0x6985/);
  });
});
