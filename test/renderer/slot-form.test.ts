import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldLimits } from '../../electron/ipc/contract';
import { checkSlotForm, type SlotForm } from '../../renderer/components/slot-form';

const limits: FieldLimits = { slotName: 15, secretMax: 20, pwsName: 11, pwsLogin: 32, pwsPassword: 20, pin: 24 };
const ok: SlotForm = {
  kind: 'totp',
  index: 0,
  name: 'GitHub',
  secret: 'JBSWY3DPEHPK3PXP',
  encoding: 'base32',
  digits: 6,
  period: '30',
  counter: '0',
};

describe('slot dialog field checks', () => {
  it('accepts a complete TOTP form', () => {
    assert.deepEqual(checkSlotForm(ok, limits), {});
  });

  it('lets an edit of the same slot leave the secret empty, and nothing else', () => {
    assert.deepEqual(checkSlotForm({ ...ok, secret: '' }, limits, true), {});
    assert.match(checkSlotForm({ ...ok, secret: '' }, limits, false).secret ?? '', /Enter the secret/);
  });

  const cases: [string, Partial<SlotForm>, string, RegExp][] = [
    ['an empty name', { name: '' }, 'name', /needs a name/],
    ['a name of 16 bytes', { name: 'Bücherbücherbx' }, 'name', /16 bytes; the token stores at most 15/],
    [
      'a secret over the firmware maximum',
      { secret: 'ab'.repeat(21), encoding: 'hex' },
      'secret',
      /21 bytes; this token stores at most 20/,
    ],
    ['a base32 secret with 0 or 1', { secret: 'JBSWY3DPEHPK3PX0' }, 'secret', /A–Z and the digits 2–7/],
    ['a period of 0', { period: '0' }, 'period', /1 to 65535/],
    ['a period over 65535', { period: '65536' }, 'period', /1 to 65535/],
    [
      'a counter over 2^64-1',
      { kind: 'hotp', counter: '18446744073709551616' },
      'counter',
      /0 to 18446744073709551615/,
    ],
  ];
  for (const [what, change, field, words] of cases) {
    it(`refuses ${what} at its field`, () => {
      const problems = checkSlotForm({ ...ok, ...change }, limits) as Record<string, string>;
      assert.match(problems[field] ?? '', words);
    });
  }
});
