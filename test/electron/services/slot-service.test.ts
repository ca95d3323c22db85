import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualTransport } from '../../../device/index';
import { call } from '../../../electron/ipc/serve';
import { secondsLeftInStep } from '../../../electron/services/slot-service';
import { makeHarness, settle } from '../support/harness';

// RFC 6238 Appendix B: SHA1 key "12345678901234567890", 8 digits, T = 59 s -> 94287082.
const RFC_KEY_HEX = '3132333435363738393031323334353637383930';
const totp1 = { kind: 'totp', index: 0 } as const;
const hotp1 = { kind: 'hotp', index: 0 } as const;
const write = {
  slot: totp1,
  name: 'RFC',
  secret: { text: RFC_KEY_HEX, encoding: 'hex' as const },
  digits: 8 as const,
  period: 30,
  isOverwriteConfirmed: false,
};

async function at59s() {
  const h = await makeHarness({ attach: false });
  h.clock.ms = 59_000;
  await h.session.attach(new VirtualTransport(h.virtual, 'x'));
  return h;
}

describe('slot service over the virtual token', () => {
  it('lists no slots on a factory-fresh token', async () => {
    const h = await makeHarness();
    assert.deepEqual(await call(h.dispatch, 'our-page', 'slot/list'), { ok: true, value: [] });
  });

  it('writes a TOTP slot with the admin PIN and returns the RFC 6238 code at once', async () => {
    const h = await at59s();
    const r = await call(h.dispatch, 'our-page', 'slot/write', { ...write, adminPin: '12345678' });
    assert.deepEqual(r, {
      ok: true,
      value: { slot: { slot: totp1, name: 'RFC', digits: 8, period: 30 }, code: '94287082' },
    });
  });

  it('asks for the admin PIN when the app holds no authorisation', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'slot/write', write);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'not-authorized');
    assert.deepEqual(await h.slots.list(), []);
  });

  it('reports a wrong admin PIN with the tries left and refreshes the token panel', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'slot/write', { ...write, adminPin: '00000000' });
    assert.deepEqual(r.ok ? null : [r.error.code, r.error.retriesLeft], ['wrong-pin', 2]);
    await settle();
    const changed = h.events.filter((e) => e.event === 'token/changed').at(-1)?.payload as { adminRetries: number };
    assert.equal(changed.adminRetries, 2);
  });

  it('needs a confirmation before overwriting a programmed slot', async () => {
    const h = await makeHarness();
    await call(h.dispatch, 'our-page', 'slot/write', { ...write, adminPin: '12345678' });
    const again = await call(h.dispatch, 'our-page', 'slot/write', { ...write, name: 'Other' });
    assert.equal(!again.ok && again.error.code, 'confirmation-needed');
    const confirmed = await call(h.dispatch, 'our-page', 'slot/write', {
      ...write,
      name: 'Other',
      isOverwriteConfirmed: true,
    });
    assert.equal(confirmed.ok && confirmed.value.slot.name, 'Other');
  });

  const refusals = [
    {
      what: 'a secret longer than the token stores',
      change: { secret: { text: 'ab'.repeat(41), encoding: 'hex' as const } },
      code: 'secret-too-long',
    },
    { what: 'a name over 15 bytes in UTF-8', change: { name: 'Bücherbücherbüc' }, code: 'name-too-long' },
    {
      what: 'a secret that is not base32',
      change: { secret: { text: 'JBSW1Y3DP', encoding: 'base32' as const } },
      code: 'secret-invalid',
    },
    { what: 'a TOTP slot without a time step', change: { period: undefined }, code: 'period-unsupported' },
  ];
  for (const c of refusals) {
    it(`refuses ${c.what} before sending anything`, async () => {
      const h = await makeHarness();
      const r = await call(h.dispatch, 'our-page', 'slot/write', { ...write, ...c.change, adminPin: '12345678' });
      assert.equal(!r.ok && r.error.code, c.code);
      assert.equal(h.session.isAttached && (await h.session.info()).isAuthenticated.admin, false);
    });
  }

  it('accepts base32 with spaces, dashes and lower case', async () => {
    const h = await at59s();
    // "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" is base32 of the RFC key.
    const secret = { text: 'gezd gnbv-gy3t qojq gezd gnbv gy3t qojq', encoding: 'base32' as const };
    const r = await call(h.dispatch, 'our-page', 'slot/write', { ...write, secret, adminPin: '12345678' });
    assert.equal(r.ok && r.value.code, '94287082');
  });

  it('copies HOTP codes in RFC 4226 order and advances the counter', async () => {
    const h = await makeHarness();
    const hotp = {
      slot: hotp1,
      name: 'H',
      secret: { text: RFC_KEY_HEX, encoding: 'hex' as const },
      digits: 6 as const,
      counter: '0',
      isOverwriteConfirmed: false,
      adminPin: '12345678',
    };
    const w = await call(h.dispatch, 'our-page', 'slot/write', hotp);
    assert.equal(w.ok && w.value.code, '755224'); // RFC 4226 Appendix D, count 0
    const c = await call(h.dispatch, 'our-page', 'otp/copy', { slot: hotp1 });
    assert.deepEqual(c, { ok: true, value: { clearsInMs: 30_000, counter: '2' } });
    assert.equal(h.clipboard_.text, '287082'); // count 1
    assert.equal((await h.slots.list())[0].counter, '2');
  });

  it('tells the seconds left for any TOTP period', () => {
    assert.equal(secondsLeftInStep(59_000, 30), 1);
    assert.equal(secondsLeftInStep(59_000, 60), 1);
    assert.equal(secondsLeftInStep(61_000, 60), 59);
    assert.equal(secondsLeftInStep(10_500, 45), 35);
  });

  it('keeps the stored secret when an edit sends none', async () => {
    const h = await at59s();
    await call(h.dispatch, 'our-page', 'slot/write', { ...write, adminPin: '12345678' });
    const { secret: _dropped, ...rename } = write;
    const r = await call(h.dispatch, 'our-page', 'slot/write', {
      ...rename,
      name: 'Renamed',
      isOverwriteConfirmed: true,
    });
    assert.deepEqual(r.ok && [r.value.slot.name, r.value.code], ['Renamed', '94287082']);
  });

  it('refuses a new slot without a secret', async () => {
    const h = await makeHarness();
    const { secret: _dropped, ...noSecret } = write;
    const r = await call(h.dispatch, 'our-page', 'slot/write', { ...noSecret, adminPin: '12345678' });
    assert.equal(!r.ok && r.error.code, 'secret-empty');
  });

  it('erases a slot with the admin PIN', async () => {
    const h = await makeHarness();
    await call(h.dispatch, 'our-page', 'slot/write', { ...write, adminPin: '12345678' });
    const r = await call(h.dispatch, 'our-page', 'slot/erase', { slot: totp1 });
    assert.deepEqual(r, { ok: true, value: [] });
  });

  it('asks for the user PIN for codes when the config needs it', async () => {
    const h = await makeHarness();
    await call(h.dispatch, 'our-page', 'slot/write', { ...write, adminPin: '12345678' });
    await h.session.use(async (t) => t.setConfig({ ...(await t.getConfig()), isUserPasswordRequired: true }));
    const without = await call(h.dispatch, 'our-page', 'otp/copy', { slot: totp1 });
    assert.equal(!without.ok && without.error.code, 'not-authorized');
    const withPin = await call(h.dispatch, 'our-page', 'otp/copy', { slot: totp1, userPin: '123456' });
    assert.equal(withPin.ok, true);
    assert.match(h.clipboard_.text, /^\d{8}$/);
  });

  it('detaches the token when it is unplugged during a copy', async () => {
    const h = await makeHarness();
    await call(h.dispatch, 'our-page', 'slot/write', { ...write, adminPin: '12345678' });
    h.virtual.unplug();
    const r = await call(h.dispatch, 'our-page', 'otp/copy', { slot: totp1 });
    assert.equal(!r.ok && r.error.code, 'token-unplugged');
    assert.ok(h.events.some((e) => e.event === 'token/detached'));
    assert.deepEqual(await call(h.dispatch, 'our-page', 'token/current'), { ok: true, value: null });
  });
});
