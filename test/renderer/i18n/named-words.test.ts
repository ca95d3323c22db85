import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deNamed } from '../../../renderer/i18n/de-named';
import { en } from '../../../renderer/i18n/en';
import { enNamed } from '../../../renderer/i18n/en-named';

describe('the Nitrokey 3 words', () => {
  it('reach the English table unchanged: no other key of the same name overrides one', () => {
    for (const [k, v] of Object.entries(enNamed)) assert.equal(en[k as keyof typeof en], v, k);
  });

  it('have a German word for every English one', () => {
    assert.deepEqual(Object.keys(deNamed).sort(), Object.keys(enNamed).sort());
  });

  it('name every move problem and note the contract knows', () => {
    const contract = readFileSync(new URL('../../../electron/ipc/contract-tokens.ts', import.meta.url), 'utf8');
    const codes = (type: string) =>
      [
        ...contract
          .split(`export type ${type} =`)[1]
          .split(';')[0]
          .matchAll(/'([a-z-]+)'/g),
      ].map((m) => m[1]);
    for (const c of codes('MoveProblemCode')) assert.ok(`move-${c}` in enNamed, c);
    for (const c of codes('MoveNoteCode')) assert.ok(`note-${c}` in enNamed, c);
  });
});
