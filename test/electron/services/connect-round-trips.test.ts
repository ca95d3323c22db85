/**
 * The app's connect on the wire (issue 10): from a plug-in to the slot list the token is asked only
 * what the window shows, once: GET_STATUS and the two retry counts for the token panel, one READ_SLOT
 * per slot. The clock is set before TOTP codes instead (SET_TIME then GET_CODE). Frames are counted
 * where the virtual token receives them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualTransport } from '../../../device/index';
import { call } from '../../../electron/ipc/serve';
import { CountingTransport } from '../../support/counting-transport';
import { makeHarness, settle } from '../support/harness';

const count = (frames: string[]) =>
  frames.reduce<Record<string, number>>((m, f) => ({ ...m, [f]: (m[f] ?? 0) + 1 }), {});

describe('app connect round trips', () => {
  it('reads status once and each slot once from a plug-in to the slot list, with main and the window both asking', async () => {
    const h = await makeHarness({ attach: false });
    const wire = new CountingTransport(new VirtualTransport(h.virtual, 'x'));
    await h.session.attach(wire);
    // What follows a plug-in: main announces the slots (discovery's onAttached), and the window,
    // told 'token/attached', asks for the token and the slot list at the same time.
    const [announced, current, listed] = await Promise.all([
      h.slots.announce(),
      call(h.dispatch, 'our-page', 'token/current'),
      call(h.dispatch, 'our-page', 'slot/list'),
    ]);
    assert.ok(current.ok && current.value && listed.ok);
    assert.deepEqual(listed.value, announced);
    assert.deepEqual(count(wire.frames), {
      GET_STATUS: 1,
      GET_PASSWORD_RETRY_COUNT: 1,
      GET_USER_PASSWORD_RETRY_COUNT: 1,
      READ_SLOT: 18,
    });
    assert.equal(wire.frames.length, 21);
  });

  it('sets the clock softly before a TOTP code: SET_TIME and GET_CODE', async () => {
    const h = await makeHarness({ attach: false });
    const wire = new CountingTransport(new VirtualTransport(h.virtual, 'x'));
    await h.session.attach(wire);
    const w = await call(h.dispatch, 'our-page', 'slot/write', {
      slot: { kind: 'totp', index: 0 },
      name: 'a',
      secret: { text: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', encoding: 'base32' },
      digits: 6,
      period: 30,
      isOverwriteConfirmed: false,
      adminPin: '12345678',
    });
    assert.ok(w.ok, JSON.stringify(w));
    assert.equal((await h.session.current())?.time, 'in-sync');
    await settle(); // the write's announcements re-read the list and the status
    wire.take();
    const r = await call(h.dispatch, 'our-page', 'otp/copy', { slot: { kind: 'totp', index: 0 } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(wire.frames, ['SET_TIME', 'GET_CODE']);
  });
});
