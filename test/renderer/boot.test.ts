import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { takeBootState } from '../../renderer/boot';
import { createKeyslotStore, isSameData } from '../../renderer/store';

/** A document with one element of that id holding `text`; records whether it was removed. */
function fakeDoc(id: string, text: string) {
  const el = {
    textContent: text,
    isRemoved: false,
    remove() {
      this.isRemoved = true;
    },
  };
  return { el, doc: { getElementById: (x: string) => (x === id ? (el as unknown as HTMLElement) : null) } };
}

const boot = {
  appInfo: { version: '0', host: 'web', hasTray: false, locale: '', hasFileDialogs: false, canCaptureScreen: false },
  settings: {
    clearCodeAfterS: 30,
    clearPasswordAfterS: 60,
    isStartMinimized: false,
    isCloseToTray: false,
    language: 'en',
  },
  token: null,
  slots: [],
};

describe('boot data in the page', () => {
  it('reads the block and removes it from the page', () => {
    const { el, doc } = fakeDoc('keyslot-boot', JSON.stringify(boot));
    assert.deepEqual(takeBootState(doc), boot);
    assert.equal(el.isRemoved, true);
  });

  it('ignores a missing, broken or incomplete block', () => {
    assert.equal(takeBootState(fakeDoc('other', '{}').doc), null);
    assert.equal(takeBootState(fakeDoc('keyslot-boot', '{"appInfo":').doc), null);
    assert.equal(takeBootState(fakeDoc('keyslot-boot', JSON.stringify({ ...boot, slots: 'x' })).doc), null);
  });
});

describe('store updates with unchanged data', () => {
  it('keeps the same slot list object when main sends an equal one, so nothing re-renders', () => {
    const store = createKeyslotStore();
    const slots = [{ slot: { kind: 'totp' as const, index: 0 }, name: 'A', digits: 6 as const, period: 30 }];
    store.getState().setSlots(slots);
    let notified = 0;
    store.subscribe(() => notified++);
    store.getState().setSlots(structuredClone(slots));
    assert.equal(store.getState().slots, slots);
    assert.equal(notified, 0);
    store.getState().setSlots([{ ...slots[0], name: 'B' }]);
    assert.equal(notified, 1);
  });

  it('compares data by value', () => {
    assert.equal(isSameData({ a: [1, 2] }, { a: [1, 2] }), true);
    assert.equal(isSameData({ a: [1, 2] }, { a: [2, 1] }), false);
    assert.equal(isSameData(null, null), true);
  });
});
