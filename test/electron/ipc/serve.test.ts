import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceError } from '../../../device/index';
import { serve, type Handlers } from '../../../electron/ipc/serve';
import { makeHarness } from '../support/harness';

function withHandler(over: Partial<Handlers>, logged: string[] = []) {
  return makeHarness({ attach: false }).then((h) =>
    serve({ ...h.handlers, ...over } as Handlers, {
      isTrustedSender: (s) => s === 'our-page',
      log: { info() {}, warn: (m) => logged.push(m), error: (m) => logged.push(m) },
    }),
  );
}

describe('serve: requests become Results', () => {
  it('refuses a request from another sender without running the handler', async () => {
    let ran = false;
    const dispatch = await withHandler({ 'slot/list': () => ((ran = true), []) });
    const r = await dispatch('slot/list', 'some-other-frame', []);
    assert.equal(!r.ok && r.error.code, 'bad-request');
    assert.equal(ran, false);
  });

  it('refuses an unknown channel', async () => {
    const dispatch = await withHandler({});
    const r = await dispatch('app/quit', 'our-page', []);
    assert.deepEqual(r, {
      ok: false,
      error: { code: 'bad-request', reason: 'invalid-request', text: 'Unknown channel.' },
    });
  });

  it('passes a device error across as data with its code and tries left', async () => {
    const dispatch = await withHandler({
      'slot/list': () =>
        Promise.reject(new DeviceError('wrong-pin', { retriesLeft: 1, detail: 'FIRST_AUTHENTICATE: 4' })),
    });
    assert.deepEqual(await dispatch('slot/list', 'our-page', []), {
      ok: false,
      error: { code: 'wrong-pin', retriesLeft: 1 },
    });
  });

  it('turns an unexpected error into unknown with a log reference and no stack', async () => {
    const logged: string[] = [];
    const dispatch = await withHandler(
      {
        'slot/list': () => {
          throw new TypeError('x is undefined');
        },
      },
      logged,
    );
    const r = await dispatch('slot/list', 'our-page', []);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unknown');
    assert.ok(r.error.ref && !JSON.stringify(r.error).includes('x is undefined'));
    assert.ok(logged.some((l) => l.includes(r.error.ref!) && l.includes('x is undefined')));
  });

  it('answers no-token when no token is attached', async () => {
    const dispatch = await withHandler({});
    const r = await dispatch('slot/list', 'our-page', []);
    assert.equal(!r.ok && r.error.code, 'no-token');
  });

  it('never logs the PIN of a refused request', async () => {
    const logged: string[] = [];
    const dispatch = await withHandler({}, logged);
    await dispatch('pin/verify', 'our-page', [{ kind: 'admin', pin: 'SECRET-PIN-1', extra: true }]);
    await dispatch('pin/verify', 'our-page', [{ kind: 'admin', pin: 'SECRET-PIN-2' }]);
    assert.ok(logged.length > 0);
    assert.ok(logged.every((l) => !l.includes('SECRET-PIN')));
  });
});
