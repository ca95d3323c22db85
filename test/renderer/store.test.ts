import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SlotSummary, TokenInfo } from '../../electron/ipc/contract';
import { createKeyslotStore, selectVisibleSlots } from '../../renderer/store';

const slot = (name: string, index: number): SlotSummary => ({
  slot: { kind: 'totp', index },
  name,
  digits: 6,
  period: 30,
});

describe('renderer store slices', () => {
  it('filters slots by name, ignoring case', () => {
    const store = createKeyslotStore();
    store.getState().setSlots([slot('GitHub', 0), slot('Mail', 1), slot('gitlab', 2)]);
    store.getState().setQuery('GIT');
    assert.deepEqual(
      selectVisibleSlots(store.getState()).map((s) => s.name),
      ['GitHub', 'gitlab'],
    );
  });

  it('forgets slots and the password safe when the token goes away', () => {
    const store = createKeyslotStore();
    store.getState().setToken({ id: 'virtual:x' } as TokenInfo);
    store.getState().setSlots([slot('GitHub', 0)]);
    store.getState().setPws({ isUnlocked: true, hasKey: true, entries: [{ index: 0, name: 'Mail' }], capacity: 16 });
    store.getState().setToken(null);
    const s = store.getState();
    assert.deepEqual([s.token, s.slots, s.pws.isUnlocked, s.pws.entries], [null, [], false, []]);
  });

  it('keeps at most three toasts, newest last', () => {
    const store = createKeyslotStore();
    for (const text of ['a', 'b', 'c', 'd']) store.getState().toast(text);
    assert.deepEqual(
      store.getState().toasts.map((t) => t.text),
      ['b', 'c', 'd'],
    );
  });

  it('holds a PIN prompt without any PIN in it', () => {
    const store = createKeyslotStore();
    store.getState().setPinPrompt({ kind: 'admin', retriesLeft: 2, error: 'Wrong PIN.' });
    assert.deepEqual(Object.keys(store.getState().pinPrompt!).sort(), ['error', 'kind', 'retriesLeft']);
  });
});
