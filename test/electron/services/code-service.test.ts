/**
 * Codes to show (issue 13) over the virtual token: the codes are the RFC's, each batch costs one
 * soft SET_TIME and one GET_CODE per slot on the wire, a HOTP reveal advances the counter, and
 * 'otp/copy-shown' takes only a code main handed out, while it is still good.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualTransport } from '../../../device/index';
import { call } from '../../../electron/ipc/serve';
import { stepEndMs } from '../../../electron/services/code-service';
import { CountingTransport } from '../../support/counting-transport';
import { makeHarness, settle } from '../support/harness';

const RFC_KEY_HEX = '3132333435363738393031323334353637383930';
const totp1 = { kind: 'totp', index: 0 } as const;
const totp2 = { kind: 'totp', index: 1 } as const;
const hotp1 = { kind: 'hotp', index: 0 } as const;

/** Services at `ms` with RFC 6238's key in TOTP 1 (8 digits, 30 s), TOTP 2 (8 digits, 60 s) and RFC 4226's in HOTP 1. */
async function harness(ms: number) {
  const h = await makeHarness({ attach: false });
  h.clock.ms = ms;
  const wire = new CountingTransport(new VirtualTransport(h.virtual, 'x'));
  await h.session.attach(wire);
  const secret = { text: RFC_KEY_HEX, encoding: 'hex' as const };
  const base = { secret, isOverwriteConfirmed: false, adminPin: '12345678' };
  for (const req of [
    { ...base, slot: totp1, name: 'RFC', digits: 8 as const, period: 30 },
    { ...base, slot: totp2, name: 'RFC60', digits: 8 as const, period: 60 },
    { ...base, slot: hotp1, name: 'HOTP', digits: 6 as const, counter: '0' },
  ]) {
    const r = await call(h.dispatch, 'our-page', 'slot/write', req);
    assert.ok(r.ok, JSON.stringify(r));
  }
  await settle();
  wire.take();
  return { h, wire };
}

describe('code service', () => {
  it('makes the RFC 6238 codes with one SET_TIME and one GET_CODE per slot', async () => {
    // RFC 6238 Appendix B, SHA1, 8 digits: T = 1111111109 s -> 07081804, T = 1111111111 s -> 14050471.
    const { h, wire } = await harness(1111111109_000);
    const r = await call(h.dispatch, 'our-page', 'otp/codes', { slots: [totp1] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value, [{ slot: totp1, code: '07081804', validUntilMs: 1111111110_000, period: 30 }]);
    assert.deepEqual(wire.take(), ['SET_TIME', 'GET_CODE']);
    h.clock.ms = 1111111111_000;
    const next = await call(h.dispatch, 'our-page', 'otp/codes', { slots: [totp1, totp2] });
    assert.ok(next.ok);
    assert.equal(next.value[0].code, '14050471');
    assert.equal(next.value[1].validUntilMs, stepEndMs(1111111111_000, 60));
    assert.deepEqual(wire.take(), ['SET_TIME', 'GET_CODE', 'GET_CODE']);
  });

  it('reveals HOTP codes in RFC 4226 order and reports the counter each time', async () => {
    // RFC 4226 Appendix D: 755224 (count 0, the write's first code), 287082 (1), 359152 (2).
    const { h } = await harness(59_000);
    const first = await call(h.dispatch, 'our-page', 'otp/codes', { slots: [hotp1] });
    assert.deepEqual(first.ok && first.value, [{ slot: hotp1, code: '287082', counter: '2' }]);
    const second = await call(h.dispatch, 'our-page', 'otp/codes', { slots: [hotp1] });
    assert.deepEqual(second.ok && second.value.map((c) => [c.code, c.counter]), [['359152', '3']]);
    await settle();
    const listed = h.events.filter((e) => e.event === 'slot/changed').at(-1)?.payload as { counter?: string }[];
    assert.equal(listed.find((s) => s.counter !== undefined)?.counter, '3', 'the list learns the new counter');
  });

  it('copies a shown code without asking the token again', async () => {
    const { h, wire } = await harness(59_000);
    const r = await call(h.dispatch, 'our-page', 'otp/codes', { slots: [totp1] });
    assert.ok(r.ok);
    wire.take();
    const copied = await call(h.dispatch, 'our-page', 'otp/copy-shown', { slot: totp1, code: '94287082' });
    assert.deepEqual(copied, { ok: true, value: { clearsInMs: 30_000 } });
    assert.equal(h.clipboard_.text, '94287082');
    assert.deepEqual(wire.take(), [], 'no frame on the wire');
  });

  it('refuses to copy a code it did not hand out, or one whose step has ended', async () => {
    const { h } = await harness(59_000);
    await call(h.dispatch, 'our-page', 'otp/codes', { slots: [totp1] });
    const other = await call(h.dispatch, 'our-page', 'otp/copy-shown', { slot: totp1, code: '12345678' });
    assert.equal(!other.ok && other.error.code, 'bad-request');
    const wrongSlot = await call(h.dispatch, 'our-page', 'otp/copy-shown', { slot: totp2, code: '94287082' });
    assert.equal(wrongSlot.ok, false);
    h.clock.ms = 60_000; // the step [30 s, 60 s) is over
    const stale = await call(h.dispatch, 'our-page', 'otp/copy-shown', { slot: totp1, code: '94287082' });
    assert.equal(stale.ok, false);
    assert.equal(h.clipboard_.writes.length, 0);
  });

  it('forgets every code handed out when the token goes away', async () => {
    const { h } = await harness(59_000);
    await call(h.dispatch, 'our-page', 'otp/codes', { slots: [totp1] });
    await h.session.detach();
    await h.session.attach(new VirtualTransport(h.virtual, 'x'));
    const r = await call(h.dispatch, 'our-page', 'otp/copy-shown', { slot: totp1, code: '94287082' });
    assert.equal(r.ok, false);
  });

  it('refuses an empty slot by name and the IPC guard refuses a malformed request', async () => {
    const { h } = await harness(59_000);
    const empty = await call(h.dispatch, 'our-page', 'otp/codes', { slots: [{ kind: 'totp', index: 9 }] });
    assert.equal(!empty.ok && empty.error.code, 'bad-request');
    const bad = await h.dispatch('otp/copy-shown', 'our-page', [{ slot: totp1, code: 'abc' }]);
    assert.equal(!bad.ok && bad.error.code, 'bad-request');
  });

  it('TOTP codes set the time through the session, so a refused soft set shows in the token panel', async () => {
    const { h, wire } = await harness(1_700_000_000_000); // after 2014: the firmware compares minutes since 2014
    assert.ok((await call(h.dispatch, 'our-page', 'otp/codes', { slots: [totp1] })).ok);
    assert.equal((await h.session.info()).time, 'in-sync');
    // The token's clock an hour ahead of this computer's (a hard SET_TIME): the soft SET_TIME is refused.
    await h.session.use((t) => t.setTime(Math.floor(h.clock.ms / 1000) + 3600, true));
    wire.take();
    const seen = h.events.length;
    const r = await call(h.dispatch, 'our-page', 'otp/codes', { slots: [totp1] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(wire.take(), ['SET_TIME', 'GET_CODE']);
    assert.equal((await h.session.info()).time, 'out-of-sync');
    assert.ok(
      h.events.slice(seen).some((e) => e.event === 'token/changed'),
      'the window is told',
    );
  });
});
