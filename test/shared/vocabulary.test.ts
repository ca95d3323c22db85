/**
 * The one error vocabulary (shared/vocabulary): every code and every reason has English and German
 * words, made from the fields without holes, counts through the language's plural rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  appErrorsDe,
  appErrorsEn,
  backupErrorsDe,
  backupErrorsEn,
  describeError,
  deviceErrorsDe,
  deviceErrorsEn,
  isErrorCode,
  reasonsDe,
  reasonsEn,
  renderWords,
  type ErrorFields,
  type Words,
} from '../../shared/vocabulary/index';

/** A value for every field, so an entry that reads a field shows it. */
const SAMPLE: ErrorFields = {
  bytes: 20,
  maxBytes: 15,
  min: 1,
  max: 16,
  count: 3,
  slot: 'TOTP 3',
  name: 'GitHub',
  field: 'login',
  kind: 'admin',
  other: 'HOTP',
  algorithm: 'SHA256',
  value: 'x7',
  text: '20 s',
};
const EN: Record<string, Words> = { ...deviceErrorsEn, ...appErrorsEn, ...backupErrorsEn };
const DE: Record<string, Words> = { ...deviceErrorsDe, ...appErrorsDe, ...backupErrorsDe };

describe('the error vocabulary', () => {
  it('has German words for exactly the English codes and reasons', () => {
    assert.deepEqual(Object.keys(DE).sort(), Object.keys(EN).sort());
    assert.deepEqual(Object.keys(reasonsDe).sort(), Object.keys(reasonsEn).sort());
    assert.ok(Object.keys(EN).length >= 40, 'the device, app and backup codes');
  });

  for (const [table, en, de] of [
    ['code', EN, DE],
    ['reason', reasonsEn as Record<string, Words>, reasonsDe as Record<string, Words>],
  ] as const) {
    it(`renders every ${table} from the fields, in each language, without holes`, () => {
      for (const key of Object.keys(en)) {
        const english = renderWords(en[key], SAMPLE, 'en');
        const german = renderWords(de[key], SAMPLE, 'de');
        for (const text of [english, german]) {
          assert.ok(text.trim().length > 0, key);
          assert.doesNotMatch(text, /undefined|NaN|\{\w+\}|\$\{/, `${key}: ${text}`);
        }
        // Words that are all data (a path, a list) may read the same; sentences differ.
        if (/\s\w+\s/.test(english) && english.length > 20) assert.notEqual(german, english, key);
      }
    });
  }

  it('counts tries through the plural rules: 1 try, 2 tries, and the lock at 0', () => {
    const say = (n: number, lang: 'en' | 'de') => describeError('wrong-pin', { retriesLeft: n }, lang);
    assert.equal(say(1, 'en'), 'Wrong PIN. 1 try left before it locks.');
    assert.equal(say(2, 'en'), 'Wrong PIN. 2 tries left before it locks.');
    assert.equal(say(0, 'en'), 'Wrong PIN. No tries are left: the PIN is now locked.');
    assert.equal(say(1, 'de'), 'Falsche PIN. Noch 1 Versuch, bevor sie gesperrt wird.');
    assert.equal(say(2, 'de'), 'Falsche PIN. Noch 2 Versuche, bevor sie gesperrt wird.');
    assert.equal(describeError('wrong-pin', { retriesLeft: 2 }, 'en', { withoutTries: true }), 'Wrong PIN.');
  });

  it("puts the reason's words, the account and the log reference after the code's words", () => {
    assert.equal(
      describeError('name-too-long', { reason: 'bytes', bytes: 20, maxBytes: 15 }),
      'The name is too long for the token. It has 20 bytes; the token stores 15.',
    );
    assert.equal(
      describeError(
        'secret-too-long',
        { reason: 'bytes', bytes: 40, maxBytes: 20, account: 'GitHub: me', slot: 'TOTP 3' },
        'de',
      ),
      'Das Geheimnis ist länger, als dieser Token speichern kann. Das sind 40 Bytes; der Token speichert 20. (GitHub: me in TOTP 3)',
    );
    assert.equal(
      describeError('unknown', { ref: '1a2b3c4d' }, 'de'),
      'Etwas Unerwartetes ist schiefgegangen. Einzelheiten stehen im Protokoll. (Referenz 1a2b3c4d)',
    );
  });

  it("reads a code it does not know as 'unknown', and ignores a reason it does not know", () => {
    assert.equal(isErrorCode('from-a-newer-main'), false);
    assert.equal(describeError('from-a-newer-main', {}, 'en'), describeError('unknown', {}, 'en'));
    assert.equal(
      describeError('slot-empty', { reason: 'from-a-newer-main' as never }, 'de'),
      'Dieser Slot hat noch kein Geheimnis.',
    );
  });

  it('never uses a property of the prototype as a code or a reason', () => {
    assert.equal(isErrorCode('toString'), false);
    assert.equal(describeError('slot-empty', { reason: 'toString' as never }), 'This slot has no secret yet.');
  });
});
