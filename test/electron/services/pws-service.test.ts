import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call } from '../../../electron/ipc/serve';
import { makeHarness } from '../support/harness';

async function unlockedSafe() {
  const h = await makeHarness();
  const first = await call(h.dispatch, 'our-page', 'pws/unlock', { userPin: '123456' });
  assert.equal(!first.ok && first.error.code, 'pws-no-key');
  assert.equal((await call(h.dispatch, 'our-page', 'pws/init', { adminPin: '12345678' })).ok, true);
  const r = await call(h.dispatch, 'our-page', 'pws/unlock', { userPin: '123456' });
  assert.deepEqual(r, { ok: true, value: { isUnlocked: true, hasKey: true, entries: [], capacity: 16 } });
  return h;
}

describe('password safe service over the virtual token', () => {
  it('shows a locked safe with no entries', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'pws/status');
    assert.equal(r.ok && r.value.isUnlocked, false);
  });

  it('adds an entry and lists it by name without its password', async () => {
    const h = await unlockedSafe();
    const r = await call(h.dispatch, 'our-page', 'pws/write', {
      index: 3,
      name: 'Mail',
      login: 'ann@example.org',
      password: 'hunter2',
    });
    assert.deepEqual(r.ok && r.value.entries, [{ index: 3, name: 'Mail' }]);
    assert.deepEqual(await call(h.dispatch, 'our-page', 'pws/read', { index: 3 }), {
      ok: true,
      value: { index: 3, name: 'Mail', login: 'ann@example.org' },
    });
  });

  it('copies the password and the login to the clipboard, cleared after the password time', async () => {
    const h = await unlockedSafe();
    await call(h.dispatch, 'our-page', 'pws/write', { index: 0, name: 'Mail', login: 'ann', password: 'hunter2' });
    assert.deepEqual(await call(h.dispatch, 'our-page', 'pws/copy', { index: 0, field: 'password' }), {
      ok: true,
      value: { clearsInMs: 60_000 },
    });
    assert.equal(h.clipboard_.text, 'hunter2');
    await call(h.dispatch, 'our-page', 'pws/copy', { index: 0, field: 'login' });
    assert.equal(h.clipboard_.text, 'ann');
  });

  it('keeps the stored password when an edit leaves it out', async () => {
    const h = await unlockedSafe();
    await call(h.dispatch, 'our-page', 'pws/write', { index: 0, name: 'Mail', login: 'ann', password: 'hunter2' });
    await call(h.dispatch, 'our-page', 'pws/write', { index: 0, name: 'Mail 2', login: 'bob' });
    await call(h.dispatch, 'our-page', 'pws/copy', { index: 0, field: 'password' });
    assert.equal(h.clipboard_.text, 'hunter2');
  });

  it('refuses a password longer than 20 bytes before sending it', async () => {
    const h = await unlockedSafe();
    const r = await call(h.dispatch, 'our-page', 'pws/write', {
      index: 0,
      name: 'Mail',
      login: 'ann',
      password: 'ü'.repeat(11),
    });
    assert.equal(!r.ok && r.error.code, 'pws-field-too-long');
  });

  it('erases an entry', async () => {
    const h = await unlockedSafe();
    await call(h.dispatch, 'our-page', 'pws/write', { index: 0, name: 'Mail', login: 'ann', password: 'x' });
    const r = await call(h.dispatch, 'our-page', 'pws/erase', { index: 0 });
    assert.deepEqual(r.ok && r.value.entries, []);
  });

  it('is locked again after the token is locked', async () => {
    const h = await unlockedSafe();
    await call(h.dispatch, 'our-page', 'token/lock');
    const r = await call(h.dispatch, 'our-page', 'pws/status');
    assert.equal(r.ok && r.value.isUnlocked, false);
  });
});
