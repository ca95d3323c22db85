/** Nk3Session over the virtual Nitrokey 3, once per wire (CTAPHID framing, CCID layer). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Nk3Session, type TouchNeeded } from '../../../device/nk3/session';
import { VirtualNk3 } from '../../../device/virtual/nk3/device';
import type { ApduTransport } from '../../../device/transport/apdu';
import { isDeviceError } from '../../../device/errors';

const utf8 = (s: string) => new TextEncoder().encode(s);
const RFC_SECRET = utf8('12345678901234567890');
const RFC_SECRET_256 = utf8('12345678901234567890123456789012');

/** Records the INS byte of every APDU sent. */
function counting(t: ApduTransport): ApduTransport & { sent: number[] } {
  const sent: number[] = [];
  return {
    wire: t.wire,
    sent,
    transmit: (apdu, o) => {
      sent.push(apdu[1]);
      return t.transmit(apdu, o);
    },
    close: () => t.close(),
  };
}

async function open(wire: 'ctaphid' | 'ccid', opts: ConstructorParameters<typeof Object>[0] = {}) {
  const dev = VirtualNk3.create({ serial: '0A0B0C0D', ...(opts as object) });
  const t = counting(wire === 'ctaphid' ? await dev.openCtaphid() : dev.openCcid());
  const touches: TouchNeeded[] = [];
  const session = new Nk3Session(t, { onTouchNeeded: (e) => touches.push(e), now: () => 59_000 });
  return { dev, t, session, touches };
}

async function rejects(p: Promise<unknown>, code: string, fields: object = {}): Promise<void> {
  await assert.rejects(p, (e) => {
    assert.ok(isDeviceError(e), String(e));
    assert.equal(e.code, code);
    for (const [k, v] of Object.entries(fields)) assert.equal((e.info as Record<string, unknown>)[k], v, k);
    return true;
  });
}

for (const wire of ['ctaphid', 'ccid'] as const) {
  describe(`Nk3Session over ${wire}`, () => {
    test('reports version, serial and no PIN', async () => {
      const { session } = await open(wire);
      assert.deepEqual(await session.status(), {
        version: '4.14.0',
        serial: '0A0B0C0D',
        isPinSet: false,
        pinRetries: undefined,
      });
    });

    test('computes RFC 6238 codes (SHA1/SHA256, 6/8 digits, 30/60 s) with at most 2 APDUs per code', async () => {
      const { session, t } = await open(wire);
      await session.put({ name: 'GitHub', kind: 'totp', secret: RFC_SECRET });
      await session.put({ name: '60/Ex:alice', kind: 'totp', secret: RFC_SECRET, digits: 8 });
      await session.put({ name: 'sha256', kind: 'totp', algorithm: 'SHA256', secret: RFC_SECRET_256, digits: 8 });
      const fresh = new Nk3Session(t, { now: () => 59_000 });
      t.sent.length = 0;
      assert.deepEqual(await fresh.calculate('GitHub'), { code: '287082', digits: 6 });
      assert.ok(t.sent.length <= 2 && t.sent.at(-1) === 0xa2, `sent ${t.sent}`);
      assert.equal(t.sent.length, wire === 'ccid' ? 2 : 1);
      t.sent.length = 0;
      // T=59 with 60 s is step 0; at 119 s it is step 1 (RFC 6238 T=59 value for step 1: 94287082).
      assert.equal((await fresh.calculate('60/Ex:alice', { unixMs: 119_000 })).code, '94287082');
      assert.equal((await fresh.calculate('sha256')).code, '46119246');
      assert.deepEqual(t.sent, [0xa2, 0xa2]);
    });

    test('counts HOTP on the device (RFC 4226 Appendix D) and verifies reverse HOTP with the PIN', async () => {
      const { session } = await open(wire);
      await session.put({ name: 'hotp', kind: 'hotp', secret: RFC_SECRET });
      assert.equal((await session.calculate('hotp')).code, '755224');
      assert.equal((await session.calculate('hotp')).code, '287082');
      await rejects(session.put({ name: 'rev', kind: 'reverse-hotp', secret: RFC_SECRET }), 'pin-required');
      await session.setPin('123456');
      await session.put({ name: 'rev', kind: 'reverse-hotp', secret: RFC_SECRET }, { pin: '123456' });
      assert.equal(await session.verifyCode('rev', '755224'), true);
      assert.equal(await session.verifyCode('rev', '755224'), false);
      assert.equal(await session.verifyCode('rev', '359152'), true);
    });

    test('refuses what the firmware cannot take before sending anything', async () => {
      const { session, t } = await open(wire);
      await session.status();
      t.sent.length = 0;
      await rejects(session.put({ name: 'x'.repeat(129), kind: 'totp', secret: RFC_SECRET }), 'name-too-long', {
        maxBytes: 128,
      });
      await rejects(
        session.put({ name: 'a', kind: 'totp', algorithm: 'SHA512', secret: RFC_SECRET }),
        'nk3-algorithm-unsupported',
      );
      await rejects(session.put({ name: 'a', kind: 'totp', digits: 9, secret: RFC_SECRET }), 'nk3-digits-unsupported');
      await rejects(session.put({ name: 'a', kind: 'hmac', secret: new Uint8Array(19) }), 'bad-input');
      await rejects(session.put({ name: 'a', kind: 'totp', secret: new Uint8Array(0) }), 'secret-empty');
      await rejects(session.put({ name: 'a', kind: 'password', login: 'l'.repeat(129) }), 'pws-field-too-long');
      await rejects(session.calculate('y'.repeat(200)), 'name-too-long');
      assert.deepEqual(t.sent, []);
    });

    test('refuses the 51st credential after one LIST, without a PUT', async () => {
      const { session, t } = await open(wire);
      for (let i = 0; i < 50; i++) await session.put({ name: `n${i}`, kind: 'totp', secret: Uint8Array.of(i + 1) });
      t.sent.length = 0;
      await rejects(session.put({ name: 'n50', kind: 'totp', secret: RFC_SECRET }), 'store-full', { max: 50 });
      assert.deepEqual(t.sent, [0xa1]);
      assert.equal((await session.list()).length, 50);
    });

    test('announces touches before sending: always for PIN and delete, by flag for codes', async () => {
      const { session, touches } = await open(wire);
      await session.put({ name: 'touchy', kind: 'totp', secret: RFC_SECRET, isTouchRequired: true });
      await session.list();
      await session.calculate('touchy');
      await session.delete('touchy');
      await session.setPin('1234');
      assert.deepEqual(
        touches.map((e) => [e.command, e.isCertain]),
        [
          ['PUT', true],
          ['CALCULATE', true],
          ['DELETE', true],
          ['SET_PIN', true],
        ],
      );
    });

    test('gives touch-timeout when the button is not pressed in time', async () => {
      const { session } = await open(wire, { policy: 'ask', timeoutMs: 30 });
      await rejects(session.reset(), 'touch-timeout');
    });

    test('PIN lifecycle: wrong PINs with tries left, never retried; change; PIN-protected credentials', async () => {
      const { session, t, dev } = await open(wire);
      await rejects(session.verifyPin('1234'), 'pin-not-set');
      await session.setPin('123456');
      await rejects(session.setPin('654321'), 'pin-already-set');
      t.sent.length = 0;
      await rejects(session.verifyPin('000000'), 'wrong-pin', { retriesLeft: 7 });
      assert.equal(t.sent.filter((x) => x === 0xb2).length, 1);
      await rejects(session.changePin('000000', '87654321'), 'wrong-pin', { retriesLeft: 6 });
      await session.changePin('123456', '87654321');
      assert.equal((await session.status()).pinRetries, 8);
      await session.put(
        { name: 'secret', kind: 'totp', secret: RFC_SECRET, isPinProtected: true },
        { pin: '87654321' },
      );
      assert.deepEqual(await session.list(), []);
      const listed = await session.list({ pin: '87654321' });
      assert.deepEqual(
        listed.map((c) => [c.name, c.isPinEncrypted]),
        [['secret', true]],
      );
      await rejects(session.calculate('secret'), 'credential-not-found');
      t.sent.length = 0;
      assert.equal((await session.calculate('secret', { pin: '87654321' })).code, '287082');
      assert.deepEqual(t.sent, [0xb2, 0xa2]); // no SELECT between VERIFY PIN and its command (§2.3)
      for (let i = 0; i < 8; i++) await session.verifyPin('x').catch(() => undefined);
      await rejects(session.verifyPin('87654321'), 'pin-locked', { retriesLeft: 0 });
      assert.equal(dev.state.pin?.retriesLeft, 0);
    });

    test('stores password-safe fields, reads them back and replaces them on update', async () => {
      const { session } = await open(wire);
      await session.put({ name: 'mail', kind: 'password', login: 'alice', password: 's3cr3t', comment: 'imap' });
      const [entry] = await session.list();
      assert.deepEqual([entry.name, entry.kind, entry.hasPwsData], ['mail', 'password', true]);
      const got = await session.getCredential('mail');
      assert.deepEqual([got.login, got.password, got.metadata], [utf8('alice'), utf8('s3cr3t'), utf8('imap')]);
      await session.update('mail', { newName: 'mail2', pws: { login: 'bob' } });
      const after = await session.getCredential('mail2');
      assert.deepEqual([after.login, after.password, after.metadata], [utf8('bob'), undefined, undefined]);
      await rejects(session.calculate('mail2'), 'credential-kind-mismatch');
      await rejects(session.put({ name: 'mail2', kind: 'password', login: 'x' }), 'credential-exists', {
        name: 'mail2',
      });
      await session.reset();
      assert.deepEqual(await session.list(), []);
    });
  });
}
