import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClipboardService } from '../../../electron/services/clipboard-service';
import { FakeClipboard, FakeTimers } from '../support/harness';

function make(ms = { code: 30_000, password: 60_000 }) {
  const clipboard = new FakeClipboard();
  const timers = new FakeTimers();
  const cleared: string[] = [];
  const service = new ClipboardService({
    clipboard,
    timers,
    clearAfterMs: (k) => ms[k],
    onCleared: (r) => cleared.push(r),
  });
  return { clipboard, timers, cleared, service };
}

describe('clipboard clearing rules', () => {
  it('clears a code when its time runs out and the clipboard still holds it', async () => {
    const t = make();
    assert.deepEqual(await t.service.copy('123456', 'code'), { clearsInMs: 30_000 });
    assert.equal([...t.timers.pending.values()][0].ms, 30_000);
    t.timers.fireAll();
    await new Promise((r) => setImmediate(r));
    assert.equal(t.clipboard.text, '');
    assert.deepEqual(t.cleared, ['timeout']);
  });

  it('uses the password time for passwords', async () => {
    const t = make();
    await t.service.copy('hunter2', 'password');
    assert.equal([...t.timers.pending.values()][0].ms, 60_000);
  });

  it('leaves the clipboard alone when the person copied something else since', async () => {
    const t = make();
    await t.service.copy('123456', 'code');
    t.clipboard.text = 'my own text';
    assert.equal(await t.service.clearIfOurs('timeout'), false);
    assert.equal(t.clipboard.text, 'my own text');
  });

  it('replaces the timer of an earlier copy', async () => {
    const t = make();
    await t.service.copy('111111', 'code');
    await t.service.copy('222222', 'code');
    assert.equal(t.timers.pending.size, 1);
  });

  it('clears on quit only if it still holds our value, and only once', async () => {
    const t = make();
    await t.service.copy('123456', 'code');
    assert.equal(await t.service.clearIfOurs('quit'), true);
    assert.equal(t.clipboard.text, '');
    t.clipboard.text = 'later';
    assert.equal(await t.service.clearIfOurs('quit'), false);
    assert.equal(t.clipboard.text, 'later');
  });

  it('never clears by time when the setting is 0', async () => {
    const t = make({ code: 0, password: 0 });
    assert.deepEqual(await t.service.copy('123456', 'code'), { clearsInMs: 0 });
    assert.equal(t.timers.pending.size, 0);
  });

  it('does not clear when the clipboard cannot be read', async () => {
    const t = make();
    await t.service.copy('123456', 'code');
    t.clipboard.readText = () => {
      throw new Error('denied');
    };
    assert.equal(await t.service.clearIfOurs('timeout'), false);
    assert.equal(t.clipboard.text, '123456');
  });
});
