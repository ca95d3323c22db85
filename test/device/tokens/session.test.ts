/**
 * The seam (device/tokens/): one suite written against TokenSession, run on both families — the virtual
 * Nitrokey Pro (slots) and the virtual Nitrokey 3 (names) — asking capabilities, never the model.
 * Codes are RFC 6238 Appendix B (SHA1 8 digits at T = 59: 94287082; SHA256: 46119246) and RFC 4226
 * Appendix D (count 0: 755224).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  type DeviceError,
  NameSession,
  Nk3Session,
  SlotSession,
  Token,
  VirtualNk3,
  VirtualToken,
  VirtualTransport,
  openSession,
  verifyCredential,
  type ApduTransport,
  type CredentialWrite,
  type PinSource,
  type TokenSession,
} from '../../../device/index';
import { FakeClock } from '../../support/fake-clock';

const RFC = new TextEncoder().encode('12345678901234567890');
const RFC256 = new TextEncoder().encode('12345678901234567890123456789012');
const T59 = 59_000;

function counting(t: ApduTransport) {
  const c = { wire: t.wire, count: 0, transmit: (a: Uint8Array) => (c.count++, t.transmit(a)), close: () => t.close() };
  return c;
}

const FAMILIES: [string, () => Promise<{ s: TokenSession; pin: PinSource }>][] = [
  [
    'slots (virtual Nitrokey Pro)',
    async () => {
      const clock = new FakeClock(T59);
      const token = await Token.open(
        new VirtualTransport(VirtualToken.create({ model: 'pro', latency: 'none', clock })),
        {
          clock,
        },
      );
      const pin: PinSource = async (r) => (r.role === 'admin' ? '12345678' : '123456');
      return { s: new SlotSession(token, () => clock.now()), pin };
    },
  ],
  [
    'names (virtual Nitrokey 3)',
    async () => {
      const device = VirtualNk3.create({ serial: '0000AB12' });
      const s = new NameSession(new Nk3Session(await device.openCtaphid(), { now: () => T59 }), {
        model: 'nk3',
        path: 'test',
        isVirtual: true,
        serialNumber: '',
      });
      return { s, pin: async () => 'unused' };
    },
  ],
];

/** A write that fits the token, addressed the way its caps say. */
function write(s: TokenSession, w: Omit<CredentialWrite, 'slot'>, index: number): CredentialWrite {
  return s.caps.addressing === 'slots' ? { ...w, slot: { kind: w.kind as 'totp' | 'hotp', index } } : w;
}

for (const [family, open] of FAMILIES) {
  describe(`TokenSession on ${family}`, () => {
    it('writes, lists, computes RFC codes, verifies and deletes through the same calls', async () => {
      const { s, pin } = await open();
      const totp = write(s, { name: 'rfc', kind: 'totp', secret: RFC, digits: 8 }, 0);
      const hotp = write(s, { name: 'hot', kind: 'hotp', secret: RFC, digits: 6, counter: 0n }, 0);
      const refT = await s.writeCredential(totp, { pin });
      const refH = await s.writeCredential(hotp, { pin });
      const listed = await s.listCredentials();
      assert.deepEqual(listed.map((c) => c.name).sort(), ['hot', 'rfc']);
      assert.equal((await s.getCode(refT, { unixMs: T59, pin })).code, '94287082');
      assert.equal((await s.getCode(refH, { pin })).code, '755224');
      const check = await verifyCredential(s, refT, totp, T59, { pin });
      assert.deepEqual([check.isMatch, check.code, check.validForS], [true, '94287082', 1]);
      await s.deleteCredential(refT, { pin });
      assert.deepEqual(
        (await s.listCredentials()).map((c) => c.name),
        ['hot'],
      );
      const status = await s.status();
      assert.equal(status.credentials.used, 1);
      assert.deepEqual(
        status.pins.map((p) => p.role),
        s.caps.pins,
      );
      await s.close();
    });

    it('refuses what its capabilities exclude before anything is sent', async () => {
      const { s } = await open();
      const sha256 = write(s, { name: 'x', kind: 'totp', secret: RFC256, algorithm: 'SHA256', digits: 8 }, 1);
      const problem = s.checkWrite(sha256);
      assert.equal(problem === null, s.caps.algorithms.includes('SHA256'));
      const longName = write(s, { name: 'n'.repeat(s.caps.maxNameBytes + 1), kind: 'totp', secret: RFC }, 1);
      assert.equal(s.checkWrite(longName)?.code, 'name-too-long');
      const sevenDigits = write(s, { name: 'seven', kind: 'totp', secret: RFC, digits: 7 }, 1);
      assert.equal(s.checkWrite(sevenDigits) === null, s.caps.digits.includes(7));
      await s.close();
    });
  });
}

describe('NameSession specifics', () => {
  it('computes a SHA-256 code and a P/ period with one APDU each over CTAPHID, two at first over CCID', async () => {
    const device = VirtualNk3.create();
    for (const wire of ['ctaphid', 'ccid'] as const) {
      const t = counting(wire === 'ctaphid' ? await device.openCtaphid() : device.openCcid());
      const s = new NameSession(new Nk3Session(t), { model: 'nk3', path: 't', isVirtual: true, serialNumber: '' });
      if (wire === 'ctaphid')
        await s.writeCredential({
          name: 'sha',
          kind: 'totp',
          secret: RFC256,
          algorithm: 'SHA256',
          digits: 8,
          period: 60,
        });
      t.count = 0;
      // RFC 6238 Appendix B, SHA256 at T = 59 with a 30 s step is 46119246; at 60 s steps T = 59 is step 0.
      const c = await s.getCode({ name: '60/sha' }, { unixMs: T59 });
      assert.equal(c.code.length, 8);
      assert.equal(t.count, wire === 'ctaphid' ? 1 : 2);
      await s.getCode({ name: '60/sha' }, { unixMs: T59 });
      assert.equal(t.count, wire === 'ctaphid' ? 2 : 3);
    }
  });

  it('asks the PIN only for PIN-protected credentials, and never again after a wrong one', async () => {
    const device = VirtualNk3.create();
    const s = new NameSession(new Nk3Session(await device.openCtaphid(), { now: () => T59 }), {
      model: 'nk3',
      path: 't',
      isVirtual: true,
      serialNumber: '',
    });
    await s.changePin('pin', undefined, 'right');
    let asked = 0;
    const pin: PinSource = async () => (asked++, 'right');
    await s.writeCredential({ name: 'open', kind: 'totp', secret: RFC, digits: 8 }, { pin });
    assert.equal(asked, 0);
    await s.writeCredential({ name: 'hidden', kind: 'totp', secret: RFC, digits: 8, isPinProtected: true }, { pin });
    assert.equal(asked, 1);
    assert.deepEqual(
      (await s.listCredentials()).map((c) => c.name),
      ['open'],
    );
    assert.equal((await s.getCode({ name: 'hidden' }, { pin })).code, '94287082');
    let wrongAsks = 0;
    await assert.rejects(
      s.getCode({ name: 'hidden' }, { pin: async () => (wrongAsks++, 'wrong') }),
      (e: DeviceError) => e.code === 'wrong-pin' && e.info.retriesLeft === 7,
    );
    assert.equal(wrongAsks, 1);
  });

  it('cancel() ends a wait for the button: the command fails as cancelled, after saying a touch is due', async () => {
    const device = VirtualNk3.create({ policy: 'accept' });
    const touches: string[] = [];
    const s = new NameSession(
      new Nk3Session(await device.openCtaphid(), { now: () => T59, onTouchNeeded: (e) => touches.push(e.command) }),
      { model: 'nk3', path: 't', isVirtual: true, serialNumber: '' },
    );
    await s.writeCredential({ name: 'press', kind: 'totp', secret: RFC, isTouchRequired: true });
    await s.listCredentials(); // the session now knows the credential's touch flag
    device.touch.policy = 'ask';
    const waiting = new Promise<void>((r) => device.touch.onWaitingChange((w) => w && r()));
    const code = s.getCode({ name: 'press' });
    await waiting;
    await s.cancel();
    await assert.rejects(code, (e: DeviceError) => e.code === 'cancelled');
    assert.deepEqual(touches, ['PUT', 'CALCULATE']);
  });

  it('openSession opens the virtual Nitrokey 3 from a spec, and a slot spec gives the slot family', async () => {
    const file = `/tmp/keyslot-seam-${process.pid}-${Date.now()}.json`;
    const nk3 = await openSession(`virtual-nk3:${file}`, {});
    assert.deepEqual([nk3.caps.addressing, nk3.caps.pins, nk3.caps.touch], ['names', ['pin'], true]);
    await nk3.close();
    const pro = await openSession(`virtual:${file}.pro`, {}, { virtualLatency: 'none' });
    assert.deepEqual([pro.caps.addressing, pro.caps.pins, pro.caps.touch], ['slots', ['admin', 'user'], false]);
    await pro.close();
  });
});
