import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call } from '../../../electron/ipc/serve';
import { makeHarness, settle } from '../support/harness';

const totp1 = { kind: 'totp', index: 0 } as const;
const off = { numlock: null, capslock: null, scrolllock: null };
const RFC_KEY_HEX = '3132333435363738393031323334353637383930';

describe('general config service over the virtual token', () => {
  it('shows a factory-fresh token with codes free of the PIN and every lock key off', async () => {
    const h = await makeHarness();
    const info = await h.session.info();
    assert.deepEqual([info.isUserPinRequiredForCodes, info.lockKeys], [false, off]);
  });

  it('writes the config with the admin PIN and returns the token as it now is', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'config/set', {
      isUserPinRequiredForCodes: true,
      lockKeys: { numlock: 1, capslock: null, scrolllock: 2 },
      adminPin: '12345678',
    });
    assert.ok(r.ok);
    assert.deepEqual(
      [r.value.isUserPinRequiredForCodes, r.value.lockKeys],
      [true, { numlock: 1, capslock: null, scrolllock: 2 }],
    );
    // Read back from the token itself, not from the session's cache.
    const config = await h.session.use((t) => t.getConfig());
    assert.deepEqual(config, {
      numlock: 1,
      capslock: null,
      scrolllock: 2,
      isUserPasswordRequired: true,
      isDeleteUserPassword: false,
    });
  });

  it('keeps the config byte it does not show', async () => {
    const h = await makeHarness();
    await h.session.ensureAuth('admin', '12345678');
    await h.session.use((t) =>
      t.setConfig({
        numlock: null,
        capslock: null,
        scrolllock: null,
        isUserPasswordRequired: false,
        isDeleteUserPassword: true,
      }),
    );
    await call(h.dispatch, 'our-page', 'config/set', { isUserPinRequiredForCodes: true, lockKeys: off });
    assert.equal((await h.session.use((t) => t.getConfig())).isDeleteUserPassword, true);
  });

  it('makes codes need the user PIN once turned on', async () => {
    const h = await makeHarness();
    await call(h.dispatch, 'our-page', 'slot/write', {
      slot: totp1,
      name: 'RFC',
      secret: { text: RFC_KEY_HEX, encoding: 'hex' },
      digits: 8,
      period: 30,
      isOverwriteConfirmed: false,
      adminPin: '12345678',
    });
    await call(h.dispatch, 'our-page', 'config/set', { isUserPinRequiredForCodes: true, lockKeys: off });
    const without = await call(h.dispatch, 'our-page', 'otp/copy', { slot: totp1 });
    assert.equal(!without.ok && without.error.code, 'not-authorized');
    const withPin = await call(h.dispatch, 'our-page', 'otp/copy', { slot: totp1, userPin: '123456' });
    assert.ok(withPin.ok);
    assert.match(h.clipboard_.text, /^\d{8}$/);
  });

  it('asks for the admin PIN when the app holds no authorisation, and changes nothing', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'config/set', { isUserPinRequiredForCodes: true, lockKeys: off });
    assert.equal(!r.ok && r.error.code, 'not-authorized');
    assert.equal((await h.session.info()).isUserPinRequiredForCodes, false);
  });

  it('reports a wrong admin PIN with the tries left and refreshes the token panel', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'config/set', {
      isUserPinRequiredForCodes: true,
      lockKeys: off,
      adminPin: '00000000',
    });
    assert.deepEqual(r.ok ? null : [r.error.code, r.error.retriesLeft], ['wrong-pin', 2]);
    await settle();
    const changed = h.events.filter((e) => e.event === 'token/changed').at(-1)?.payload as {
      adminRetries: number;
      isUserPinRequiredForCodes: boolean;
    };
    assert.deepEqual([changed.adminRetries, changed.isUserPinRequiredForCodes], [2, false]);
  });

  it('refuses a lock key bound to a HOTP slot that does not exist, before the token is asked', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'config/set', {
      isUserPinRequiredForCodes: false,
      lockKeys: { ...off, capslock: 3 },
      adminPin: '12345678',
    });
    assert.equal(!r.ok && r.error.code, 'bad-request');
    assert.equal((await h.session.info()).adminRetries, 3);
  });
});
