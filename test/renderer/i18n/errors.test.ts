/**
 * The window's words for errors (renderer/i18n/errors.ts over shared/vocabulary). Payloads are built
 * by main's own `toErrorPayload` from real DeviceErrors and AppErrors: code and fields, no words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceError } from '../../../device/index';
import { AppError, serve, silentLogger, toErrorPayload, type Handlers } from '../../../electron/ipc/serve';
import { describeError } from '../../../renderer/i18n/errors';
import { errorText, setLanguage } from '../../../renderer/i18n/index';

describe('error words in the window', () => {
  it('sends code and fields, never words, and keeps what is for the log in main', () => {
    const payload = toErrorPayload(
      new DeviceError('name-too-long', { reason: 'bytes', bytes: 20, maxBytes: 15, detail: 'WRITE_SLOT: 3' }),
      silentLogger,
    );
    assert.deepEqual(payload, { code: 'name-too-long', reason: 'bytes', bytes: 20, maxBytes: 15 });
    assert.deepEqual(
      toErrorPayload(new AppError('backup-unreadable', { reason: 'sheet-not-written', text: 'EACCES' }), silentLogger),
      {
        code: 'backup-unreadable',
        reason: 'sheet-not-written',
        text: 'EACCES',
      },
    );
    assert.ok(!('message' in payload));
  });

  it("says a DeviceError's specifics in the window's language", () => {
    const payload = toErrorPayload(
      new DeviceError('name-too-long', { reason: 'bytes', bytes: 20, maxBytes: 15 }),
      silentLogger,
    );
    assert.equal(
      describeError(payload, 'en'),
      'The name is too long for the token. It has 20 bytes; the token stores 15.',
    );
    assert.equal(
      describeError(payload, 'de'),
      'Der Name ist zu lang für den Token. Das sind 20 Bytes; der Token speichert 15.',
    );
  });

  it("says an app error's specifics in German too", () => {
    const payload = toErrorPayload(
      new AppError('confirmation-needed', { reason: 'slot-overwrite', slot: 'TOTP 3', name: 'GitHub' }),
      silentLogger,
    );
    assert.equal(
      describeError(payload, 'de'),
      'Bestätigen Sie diesen Schritt zuerst. Slot TOTP 3 enthält „GitHub“. Bestätigen Sie, um ihn zu überschreiben.',
    );
  });

  it('leaves the tries left to the PIN prompt unless asked, then counts them in the plural rules', () => {
    const payload = toErrorPayload(new DeviceError('wrong-pin', { retriesLeft: 1, detail: 'status 4' }), silentLogger);
    assert.deepEqual(payload, { code: 'wrong-pin', retriesLeft: 1 });
    assert.equal(describeError(payload, 'en'), 'Wrong PIN.');
    assert.equal(describeError(payload, 'en', { withTries: true }), 'Wrong PIN. 1 try left before it locks.');
    assert.equal(
      describeError(payload, 'de', { withTries: true }),
      'Falsche PIN. Noch 1 Versuch, bevor sie gesperrt wird.',
    );
  });

  it('gives the log reference of an unknown error, in each language', () => {
    const payload = toErrorPayload(new Error('boom'), silentLogger);
    assert.ok(payload.ref);
    assert.equal(
      describeError(payload, 'de'),
      `Etwas Unerwartetes ist schiefgegangen. Einzelheiten stehen im Protokoll. (Referenz ${payload.ref})`,
    );
    assert.match(describeError(payload, 'en'), new RegExp(`\\(ref ${payload.ref}\\)$`));
    assert.doesNotMatch(describeError(payload, 'en'), /boom/);
  });

  it("uses the window's words for no token: nothing about --device", () => {
    const payload = toErrorPayload(new AppError('no-token'), silentLogger);
    assert.doesNotMatch(describeError(payload, 'en'), /--device/);
    assert.equal(
      describeError(payload, 'de'),
      'Es ist kein Token eingesteckt. Stecken Sie einen ein und versuchen Sie es erneut.',
    );
  });

  it('says in German why a request was refused by main (untrusted sender)', async () => {
    const dispatch = serve({} as Handlers, { isTrustedSender: () => false });
    const r = await dispatch('token/status', null, []);
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.equal(
        describeError(r.error, 'de'),
        'keyslot konnte die Anfrage nicht ausführen. Die Anfrage kam nicht aus dem Fenster von keyslot.',
      );
  });

  it("says 'unknown' for a code this renderer does not know", () => {
    assert.equal(
      describeError({ code: 'from-a-newer-main' }, 'en'),
      'Something unexpected went wrong. Details are in the log.',
    );
  });

  it('follows the chosen language', () => {
    const payload = toErrorPayload(new DeviceError('slot-empty'), silentLogger);
    setLanguage('de', '');
    const german = errorText(payload);
    setLanguage('en', '');
    assert.deepEqual(
      [german, errorText(payload)],
      ['Dieser Slot hat noch kein Geheimnis.', 'This slot has no secret yet.'],
    );
  });
});
