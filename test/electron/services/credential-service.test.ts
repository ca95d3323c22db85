/** A Nitrokey 3 beside the Pro in the app's services: credentials, touch events, PIN, password fields. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualNk3, type TouchPolicy } from '../../../device/index';
import { call } from '../../../electron/ipc/serve';
import { virtualNk3Opener } from '../../../electron/services/named-discovery';
import { migrationUris } from '../../support/migration-fixtures';
import { qrImage } from '../../support/qr-images';
import { makeHarness, settle, type Harness } from '../support/harness';

// RFC 6238 Appendix B: the SHA-256 seed is the ASCII "12345678901234567890123456789012"; at T = 59 s the
// 8-digit code is 46119246, and the SHA-1 seed "12345678901234567890" gives 94287082.
const SHA256_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const SHA1_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function withNk3(touch: TouchPolicy = 'accept'): Promise<{ h: Harness; device: VirtualNk3; id: string }> {
  const h = await makeHarness();
  h.clock.ms = 59_000;
  const device = VirtualNk3.create({ policy: touch, timeoutMs: 2000 });
  const id = await h.tokens.named.add(virtualNk3Opener(device, 'nk3.json', h.clock));
  return { h, device, id };
}

const write = (token: string, extra: Record<string, unknown> = {}) => ({
  token,
  name: 'RFC',
  kind: 'totp' as const,
  secret: { text: SHA256_B32, encoding: 'base32' as const },
  algorithm: 'SHA256' as const,
  digits: 8,
  period: 30,
  isTouchRequired: false,
  isPinProtected: false,
  ...extra,
});

describe('named tokens in the app services', () => {
  it('lists the Pro and the Nitrokey 3 side by side, and tells when one comes', async () => {
    const { h, id } = await withNk3();
    await settle();
    const r = await call(h.dispatch, 'our-page', 'tokens/list');
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((t) => [t.model, t.addressing, t.isPrimary]),
      [
        ['pro', 'slots', true],
        ['nk3', 'names', false],
      ],
    );
    assert.equal(r.value[1].id, id);
    assert.ok(h.events.some((e) => e.event === 'tokens/changed'));
  });

  it('writes a SHA-256 account, checks it, and copies the code RFC 6238 gives', async () => {
    const { h, id } = await withNk3();
    const w = await call(h.dispatch, 'our-page', 'credential/write', write(id));
    assert.ok(w.ok, JSON.stringify(w));
    assert.equal(w.value.code, '46119246');
    const c = await call(h.dispatch, 'our-page', 'credential/copy', { token: id, name: 'RFC' });
    assert.ok(c.ok);
    assert.equal(h.clipboard_.text, '46119246');
    assert.equal(c.value.secondsLeft, 1);
    const l = await call(h.dispatch, 'our-page', 'credential/list', { token: id });
    assert.deepEqual(l.ok && l.value.map((x) => [x.name, x.algorithm, x.digits]), [['RFC', 'SHA256', 8]]);
  });

  it('reads an account from an otpauth URI with SHA-256 and keeps the secret in main', async () => {
    const { h, id } = await withNk3();
    const uri = `otpauth://totp/ACME:ann?secret=${SHA256_B32}&algorithm=SHA256&digits=8&issuer=ACME`;
    const s = await call(h.dispatch, 'our-page', 'credential/scan', { token: id, uri });
    assert.ok(s.ok, JSON.stringify(s));
    assert.deepEqual(
      s.value.map((a) => ({ ...a, id: '' })),
      [{ id: '', name: 'ACME:ann', kind: 'totp', algorithm: 'SHA256', digits: 8, period: 30 }],
    );
    assert.ok(!JSON.stringify(s.value).includes(SHA256_B32));
    const { secret: _s, ...rest } = write(id, { name: 'ACME:ann', scanId: s.value[0].id });
    void _s;
    const w = await call(h.dispatch, 'our-page', 'credential/write', rest);
    assert.equal(w.ok && w.value.code, '46119246');
    const again = await call(h.dispatch, 'our-page', 'credential/write', { ...rest, name: 'Other' });
    assert.equal(!again.ok && again.error.code, 'import-expired');
  });

  it('reads every account of a Google Authenticator export and a QR image on the clipboard', async () => {
    const { h, id } = await withNk3();
    // Encoded by python3-protobuf from Google Authenticator's MigrationPayload (test/support/migration-fixtures.ts).
    const [exported] = migrationUris([
      {
        accounts: [
          { secretHex: '3132333435363738393031323334353637383930', name: 'ann', issuer: 'ACME' },
          { secretHex: '3132333435363738393031323334353637383930', name: 'bob', issuer: 'Shop' },
        ],
      },
    ]);
    const e = await call(h.dispatch, 'our-page', 'credential/scan', { token: id, uri: exported });
    assert.deepEqual(e.ok && e.value.map((a) => [a.name, a.algorithm]), [
      ['ACME:ann', 'SHA1'],
      ['Shop:bob', 'SHA1'],
    ]);
    h.clipboard_.image = qrImage({ texts: [`otpauth://hotp/Lab?secret=${SHA1_B32}&counter=4&digits=7`] });
    const c = await call(h.dispatch, 'our-page', 'credential/scan', { token: id, from: 'clipboard' });
    assert.deepEqual(c.ok && c.value.map((a) => [a.name, a.kind, a.digits, a.counter]), [['Lab', 'hotp', 7, '4']]);
    h.clipboard_.image = null;
    const none = await call(h.dispatch, 'our-page', 'credential/scan', { token: id, from: 'clipboard' });
    assert.equal(!none.ok && none.error.code, 'nothing-found');
  });

  it('refuses SHA-512, which the Nitrokey 3 lacks, before anything is written', async () => {
    const { h, id } = await withNk3();
    const uri = `otpauth://totp/X?secret=${SHA1_B32}&algorithm=SHA512`;
    const s = await call(h.dispatch, 'our-page', 'credential/scan', { token: id, uri });
    assert.equal(!s.ok && s.error.code, 'bad-request');
    const w = await call(h.dispatch, 'our-page', 'credential/write', write(id, { algorithm: 'SHA512' }));
    assert.equal(w.ok, false);
    assert.deepEqual((await call(h.dispatch, 'our-page', 'credential/list', { token: id })).ok, true);
  });

  it('announces a touch and ends it once the button was pressed', async () => {
    const { h, id, device } = await withNk3('ask');
    device.touch.policy = 'accept';
    await call(h.dispatch, 'our-page', 'credential/write', write(id, { isTouchRequired: true }));
    device.touch.policy = 'ask';
    h.events.length = 0;
    const stop = device.touch.onWaitingChange((isWaiting) => isWaiting && setImmediate(() => device.touch.press()));
    const c = await call(h.dispatch, 'our-page', 'credential/copy', { token: id, name: 'RFC' });
    stop();
    assert.ok(c.ok, JSON.stringify(c));
    assert.equal(h.clipboard_.text, '46119246');
    const touch = h.events.filter((e) => e.event.startsWith('touch/'));
    assert.deepEqual(
      touch.map((e) => e.event),
      ['touch/needed', 'touch/ended'],
    );
    assert.deepEqual(touch[0].payload, { token: id, name: 'RFC', secondsLeft: 15, isCertain: true });
  });

  it('cancels a wait for the button: the action fails as cancelled and the prompt ends', async () => {
    const { h, id, device } = await withNk3('accept');
    await call(h.dispatch, 'our-page', 'credential/write', write(id, { isTouchRequired: true }));
    device.touch.policy = 'ask';
    h.events.length = 0;
    const stop = device.touch.onWaitingChange(
      (isWaiting) => isWaiting && void call(h.dispatch, 'our-page', 'named/cancel-touch', { token: id }),
    );
    const c = await call(h.dispatch, 'our-page', 'credential/copy', { token: id, name: 'RFC' });
    stop();
    assert.equal(!c.ok && c.error.code, 'cancelled');
    assert.deepEqual(
      h.events.filter((e) => e.event.startsWith('touch/')).map((e) => e.event),
      ['touch/needed', 'touch/ended'],
    );
    assert.notEqual(h.clipboard_.text, '46119246');
  });

  it('says a touch timed out and changes nothing', async () => {
    const { h, id, device } = await withNk3('accept');
    await call(h.dispatch, 'our-page', 'credential/write', write(id, { isTouchRequired: true }));
    device.touch.policy = 'reject';
    const e = await call(h.dispatch, 'our-page', 'credential/erase', { token: id, name: 'RFC' });
    assert.equal(!e.ok && e.error.code, 'touch-timeout');
    const l = await call(h.dispatch, 'our-page', 'credential/list', { token: id });
    assert.equal(l.ok && l.value.length, 1);
  });

  it('sets a first PIN, says the tries left after a wrong one, and shows protected credentials after unlock', async () => {
    const { h, id } = await withNk3();
    const set = await call(h.dispatch, 'our-page', 'named/set-pin', { token: id, next: '123456' });
    assert.deepEqual(set.ok && set.value.pin, { isSet: true, retriesLeft: 8 });
    const w = await call(
      h.dispatch,
      'our-page',
      'credential/write',
      write(id, { isPinProtected: true, pin: '123456' }),
    );
    assert.ok(w.ok, JSON.stringify(w));
    const locked = await call(h.dispatch, 'our-page', 'credential/list', { token: id });
    assert.deepEqual(locked.ok && locked.value, []);
    const wrong = await call(h.dispatch, 'our-page', 'credential/unlock', { token: id, pin: '000000' });
    assert.equal(!wrong.ok && wrong.error.code, 'wrong-pin');
    assert.equal(!wrong.ok && wrong.error.retriesLeft, 7);
    const open = await call(h.dispatch, 'our-page', 'credential/unlock', { token: id, pin: '123456' });
    assert.deepEqual(open.ok && open.value.map((c) => [c.name, c.isPinProtected]), [['RFC', true]]);
    const noPin = await call(h.dispatch, 'our-page', 'credential/copy', { token: id, name: 'RFC' });
    assert.equal(!noPin.ok && noPin.error.code, 'pin-required');
    const copied = await call(h.dispatch, 'our-page', 'credential/copy', { token: id, name: 'RFC', pin: '123456' });
    assert.ok(copied.ok);
    assert.equal(h.clipboard_.text, '46119246');
    const relocked = await call(h.dispatch, 'our-page', 'credential/lock', { token: id });
    assert.deepEqual(relocked.ok && relocked.value, []);
  });

  it('copies password fields under the password clipboard rules, never returning the password', async () => {
    const { h, id } = await withNk3();
    await h.tokens.named
      .get(id)
      .session.pwsSet({ ref: { name: 'Mail' }, name: 'Mail', login: 'ann', password: 's3cret' });
    const f = await call(h.dispatch, 'our-page', 'credential/fields', { token: id, name: 'Mail' });
    assert.deepEqual(f.ok && f.value, { name: 'Mail', login: 'ann', comment: '', hasPassword: true });
    const c = await call(h.dispatch, 'our-page', 'credential/copy-field', {
      token: id,
      name: 'Mail',
      field: 'password',
    });
    assert.ok(c.ok);
    assert.equal(h.clipboard_.text, 's3cret');
  });

  it('drops a Nitrokey 3 that was unplugged during a command', async () => {
    const { h, id, device } = await withNk3();
    device.unplug();
    const r = await call(h.dispatch, 'our-page', 'credential/list', { token: id });
    assert.equal(!r.ok && r.error.code, 'token-unplugged');
    const l = await call(h.dispatch, 'our-page', 'tokens/list');
    assert.deepEqual(l.ok && l.value.map((t) => t.model), ['pro']);
  });
});
