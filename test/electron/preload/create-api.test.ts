import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApi, type IpcRendererLike } from '../../../electron/preload/create-api';

/** A fake ipcRenderer: records invokes, keeps listeners, and can emit like main would. */
class FakeIpc implements IpcRendererLike {
  invoked: [string, unknown[]][] = [];
  listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  reply: unknown = { ok: true, value: 'pong' };
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push([channel, args]);
    return this.reply;
  }
  on(channel: string, l: (event: unknown, ...args: unknown[]) => void) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(l);
  }
  removeListener(channel: string, l: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.get(channel)?.delete(l);
  }
  emit(channel: string, payload: unknown) {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: 'electron-event-object' }, payload);
  }
}

describe('preload API factory', () => {
  it('invokes contract channels under the keyslot prefix and returns main’s Result', async () => {
    const ipc = new FakeIpc();
    const api = createApi(ipc);
    assert.deepEqual(await api.invoke('otp/copy', { slot: { kind: 'totp', index: 0 } }), { ok: true, value: 'pong' });
    assert.deepEqual(ipc.invoked, [['keyslot:otp/copy', [{ slot: { kind: 'totp', index: 0 } }]]]);
  });

  it('rejects a channel outside the contract without sending it', async () => {
    const ipc = new FakeIpc();
    const api = createApi(ipc);
    // @ts-expect-error: not a contract channel
    const r = await api.invoke('shell/open-external', 'https://example.org');
    assert.equal(!r.ok && r.error.code, 'bad-request');
    assert.equal(ipc.invoked.length, 0);
  });

  it('gives listeners the payload only, never Electron’s event object', () => {
    const ipc = new FakeIpc();
    const seen: unknown[][] = [];
    createApi(ipc).on('token/detached', (...args: unknown[]) => void seen.push(args));
    ipc.emit('keyslot:token/detached', { token: 'virtual:x' });
    assert.deepEqual(seen, [[{ token: 'virtual:x' }]]);
  });

  it('returns an unsubscribe function from on', () => {
    const ipc = new FakeIpc();
    let calls = 0;
    const off = createApi(ipc).on('slot/changed', () => void calls++);
    ipc.emit('keyslot:slot/changed', []);
    off();
    ipc.emit('keyslot:slot/changed', []);
    assert.equal(calls, 1);
  });

  it('does not subscribe to events outside the contract', () => {
    const ipc = new FakeIpc();
    // @ts-expect-error: not a contract event
    createApi(ipc).on('keyslot:anything', () => undefined);
    assert.equal(ipc.listeners.size, 0);
  });

  it('turns a failed invoke into a Result instead of throwing', async () => {
    const ipc = new FakeIpc();
    ipc.invoke = async () => {
      throw new Error('No handler registered');
    };
    const r = await createApi(ipc).invoke('slot/list');
    assert.equal(!r.ok && r.error.code, 'bad-request');
  });

  it('is frozen so page scripts cannot swap its methods', () => {
    assert.ok(Object.isFrozen(createApi(new FakeIpc())));
  });
});
