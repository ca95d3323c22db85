import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportReview, SlotSummary } from '../../electron/ipc/contract';
import {
  canWrite,
  choiceProblems,
  initialChoices,
  refusalAdvice,
  toWriteChoices,
} from '../../renderer/components/import/review-form';

const review: ImportReview = {
  id: 'r1',
  source: 'text',
  tokenSerial: '0000abcd',
  freeSlots: [],
  notes: [],
  items: [
    {
      index: 0,
      label: 'GitHub: ann@example.com',
      details: { kind: 'totp', digits: 6, period: 30 },
      target: { slot: { kind: 'totp', index: 1 }, name: 'GitHub:ann@exam', isNameChanged: true, nameNote: 'cut' },
    },
    {
      index: 1,
      label: 'VPN',
      details: { kind: 'hotp', digits: 6, counter: '0' },
      target: { slot: { kind: 'hotp', index: 0 }, name: 'VPN', isNameChanged: false },
    },
    {
      index: 2,
      label: 'Bank: bob',
      details: { kind: 'totp', digits: 6, period: 30 },
      refusal: { problem: 'SHA512', field: 'algorithm' },
    },
  ],
};
const noSlots: SlotSummary[] = [];

describe('add-account review choices', () => {
  it('starts with every writable account ticked, and a shortened name not yet OK’d', () => {
    const c = initialChoices(review);
    assert.deepEqual(
      c.map((x) => [x.index, x.isIncluded, x.isNameOk]),
      [
        [0, true, false],
        [1, true, true],
      ],
    );
    assert.equal(canWrite(c, noSlots, 15), false);
  });

  it('can write once the shortened name is OK’d, or the account is left out', () => {
    const [a, b] = initialChoices(review);
    assert.equal(canWrite([{ ...a, isNameOk: true }, b], noSlots, 15), true);
    assert.equal(canWrite([{ ...a, isIncluded: false }, b], noSlots, 15), true);
    assert.equal(
      canWrite(
        [
          { ...a, isIncluded: false },
          { ...b, isIncluded: false },
        ],
        noSlots,
        15,
      ),
      false,
    );
  });

  it('names the problems: a name too long, two accounts in one slot, a slot to replace', () => {
    const [a, b] = initialChoices(review);
    const taken: SlotSummary[] = [{ slot: { kind: 'hotp', index: 0 }, name: 'Door', digits: 6, counter: '4' }];
    const p = choiceProblems(
      [
        { ...a, name: 'x'.repeat(16), isNameOk: true },
        { ...b, slot: { kind: 'totp', index: 1 } },
      ],
      noSlots,
      15,
    );
    assert.match(p[0], /16 bytes/);
    assert.match(p[1], /Another account goes to this slot/);
    assert.match(choiceProblems([b], taken, 15)[1], /Replace it/);
    assert.equal(canWrite([{ ...b, isReplaceOk: true }], taken, 15), true);
  });

  it('sends only the ticked accounts, confirmed when every name and replacement was OK’d', () => {
    const [a, b] = initialChoices(review);
    assert.deepEqual(toWriteChoices([{ ...a, isIncluded: false }, b], noSlots), {
      choices: [{ index: 1, slot: { kind: 'hotp', index: 0 }, name: 'VPN' }],
      isConfirmed: true,
    });
    assert.equal(toWriteChoices([a, b], noSlots).isConfirmed, false);
  });

  it('says what to do instead for each kind of refusal', () => {
    assert.match(refusalAdvice(review.items[2]), /authenticator app that supports its algorithm/);
    assert.match(
      refusalAdvice({ ...review.items[2], refusal: { problem: 'x', field: 'uri' } }),
      /Set this account up again/,
    );
  });
});
