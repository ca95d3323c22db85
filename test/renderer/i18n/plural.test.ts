/** Counts in the window's words go through the language's plural rules (renderer/i18n/index.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setLanguage, t } from '../../../renderer/i18n/index';

describe('counts in the window', () => {
  it('says 1 try and 2 tries, 1 Versuch and 2 Versuche', () => {
    setLanguage('en', '');
    assert.deepEqual(
      [1, 2].map((n) => t('pinTriesLeft', { n })),
      ['1 try left.', '2 tries left.'],
    );
    setLanguage('de', '');
    assert.deepEqual(
      [1, 2].map((n) => t('pinTriesLeft', { n })),
      ['Noch 1 Versuch.', 'Noch 2 Versuche.'],
    );
    assert.equal(t('secretBytes', { n: 1, max: 20 }), '1 Byte (höchstens 20)');
    setLanguage('en', '');
    assert.equal(t('secretBytes', { n: 1, max: 20 }), '1 byte (at most 20)');
  });

  it('leaves a plural placeholder whose count is missing as it is', () => {
    setLanguage('en', '');
    assert.equal(t('pinTriesLeft'), '{n} {n|try|tries} left.');
  });
});
