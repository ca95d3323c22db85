import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SlotSummary, TokenInfo } from '../../electron/ipc/contract';
import { createKeyslotStore, selectSelectedSlot, selectVisibleSlots } from '../../renderer/store';

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

  it('matches issuer and account alike, every word in any order (issue 13)', () => {
    const slots = [slot('GitHub', 0), slot('ACME:alice', 1), slot('ACME:bob', 2), slot('Mail:alice', 3)];
    const names = (query: string) => selectVisibleSlots({ slots, query }).map((s) => s.name);
    assert.deepEqual(names('alice'), ['ACME:alice', 'Mail:alice']);
    assert.deepEqual(names('acme'), ['ACME:alice', 'ACME:bob']);
    assert.deepEqual(names('alice acme'), ['ACME:alice']);
    assert.deepEqual(names('acme:bob'), ['ACME:bob']);
    assert.deepEqual(names('  '), ['GitHub', 'ACME:alice', 'ACME:bob', 'Mail:alice']);
    assert.deepEqual(names('zzz'), []);
  });

  it('puts a slot whose whole name is the query first, so Enter copies it', () => {
    const slots = [slot('GitHub work', 0), slot('github', 1)];
    assert.deepEqual(
      selectVisibleSlots({ slots, query: 'GITHUB' }).map((s) => s.name),
      ['github', 'GitHub work'],
    );
  });

  it('keeps the selection within the matches and starts it over with a new query', () => {
    const store = createKeyslotStore();
    store.getState().setSlots([slot('GitHub', 0), slot('GitLab', 1), slot('Mail', 2)]);
    store.getState().setQuery('git');
    store.getState().setSelected(5);
    assert.equal(selectSelectedSlot(store.getState())?.name, 'GitLab');
    store.getState().setQuery('mail');
    assert.equal(store.getState().selected, 0);
    assert.equal(selectSelectedSlot(store.getState())?.name, 'Mail');
    store.getState().setQuery('none');
    assert.equal(selectSelectedSlot(store.getState()), null);
  });

  it('drops shown codes when the token goes away', () => {
    const store = createKeyslotStore();
    store.getState().setToken({ id: 'virtual:x' } as TokenInfo);
    store.getState().setCodes([{ slot: { kind: 'totp', index: 0 }, code: '123456', validUntilMs: 1, period: 30 }]);
    assert.equal(Object.keys(store.getState().codes).length, 1);
    store.getState().setToken(null);
    assert.deepEqual(store.getState().codes, {});
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
