/**
 * The window's words for every error code (renderer/i18n/errors*.ts). Payloads are built by main's
 * own `toErrorPayload` from real DeviceErrors and AppErrors, so messages and hints are the ones main sends.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKUP_MESSAGES, DeviceError, ERROR_MESSAGES, type DeviceErrorCode } from '../../../device/index';
import type { AppErrorCode, ErrorPayload } from '../../../electron/ipc/contract';
import { AppError, serve, silentLogger, toErrorPayload, type Handlers } from '../../../electron/ipc/serve';
import {
  describeError,
  errorFieldsDe,
  errorsDe,
  errorsEnOwn,
  OWN_WORDS,
  type ErrorCode,
} from '../../../renderer/i18n/errors';
import { errorText, setLanguage } from '../../../renderer/i18n/index';

const APP_CODES = [
  'bad-request',
  'no-token',
  'confirmation-needed',
  'nothing-found',
  'import-expired',
  'capture-unavailable',
] as const satisfies readonly AppErrorCode[];
// Does not compile when AppErrorCode gains a code that APP_CODES lacks.
const isAppListComplete: [Exclude<AppErrorCode, (typeof APP_CODES)[number]>] extends [never] ? true : false = true;

const DEVICE_CODES = Object.keys(ERROR_MESSAGES) as DeviceErrorCode[];
const BACKUP_CODES = Object.keys(BACKUP_MESSAGES) as (keyof typeof BACKUP_MESSAGES)[];
/** Every code of ErrorPayload['code'], at run time. */
const ALL_CODES: ErrorCode[] = [...new Set<ErrorCode>([...DEVICE_CODES, ...APP_CODES, ...BACKUP_CODES])];
const isDeviceCode = (code: ErrorCode): code is DeviceErrorCode => Object.hasOwn(ERROR_MESSAGES, code);
const isOwn = (code: ErrorCode) => (OWN_WORDS as readonly string[]).includes(code);
/** Main's English sentence for a device or backup code. */
const MAIN_SENTENCES: Partial<Record<ErrorCode, string>> = { ...ERROR_MESSAGES, ...BACKUP_MESSAGES };

/** The payload main sends for `code` with specifics: a DeviceError's hint, or an app error's own sentence. */
function samplePayload(code: ErrorCode): ErrorPayload {
  if (code === 'unknown') return toErrorPayload(new Error('boom'), silentLogger);
  if (isDeviceCode(code))
    return toErrorPayload(
      new DeviceError(code, { hint: 'It has 20 bytes; the token stores 15.', retriesLeft: 2 }),
      silentLogger,
    );
  return toErrorPayload(AppError.specific(code, `Slot TOTP 3 holds "GitHub". (${code})`), silentLogger);
}

describe('error words', () => {
  it('lists every code of the union: German has exactly those, English words of its own only the OWN_WORDS', () => {
    assert.equal(isAppListComplete, true);
    assert.deepEqual(Object.keys(errorsDe).sort(), [...ALL_CODES].sort());
    assert.deepEqual(Object.keys(errorsEnOwn).sort(), [...OWN_WORDS].sort());
  });

  for (const code of ALL_CODES) {
    it(`has German words for '${code}' that are not main's English`, () => {
      assert.ok(errorsDe[code].trim().length > 0);
      const english = MAIN_SENTENCES[code] ?? samplePayload(code).message;
      assert.notEqual(errorsDe[code], english);
      const plain: ErrorPayload = { code, message: english };
      assert.notEqual(describeError(plain, 'de'), describeError(plain, 'en'));
    });
  }

  it('fills every placeholder from a sample payload', () => {
    const placeholder = /\{\w+\}/;
    for (const code of ALL_CODES) {
      const payload = samplePayload(code);
      for (const language of ['en', 'de'] as const) {
        const text = describeError(payload, language);
        assert.doesNotMatch(text, placeholder, `${language} '${code}': ${text}`);
      }
    }
    assert.match(errorFieldsDe.ref, placeholder, 'the field words do use a placeholder');
  });

  it("shows main's message in English, which holds the specifics", () => {
    for (const code of ALL_CODES.filter((c) => !isOwn(c))) {
      const payload = samplePayload(code);
      assert.equal(describeError(payload, 'en'), payload.message);
    }
  });

  it("carries a DeviceError's and an AppError's specifics as the hint field", () => {
    assert.equal(
      toErrorPayload(new DeviceError('name-too-long', { hint: 'It has 20 bytes.' }), silentLogger).hint,
      'It has 20 bytes.',
    );
    assert.equal(
      toErrorPayload(new DeviceError('wrong-pin', { retriesLeft: 2, detail: 'AUTHORIZE status 4' }), silentLogger).hint,
      undefined,
    );
    assert.equal(
      toErrorPayload(
        new AppError('backup-unreadable', 'The sheet could not be written there (EACCES).', '(EACCES)'),
        silentLogger,
      ).hint,
      '(EACCES)',
    );
    assert.equal(toErrorPayload(new AppError('nothing-found', 'No account was found.'), silentLogger).hint, undefined);
  });

  it("keeps a DeviceError's specifics after the German words", () => {
    const payload = toErrorPayload(
      new DeviceError('name-too-long', { hint: 'It has 20 bytes; the token stores 15.' }),
      silentLogger,
    );
    assert.equal(
      describeError(payload, 'de'),
      'Der Name ist zu lang für den Token. It has 20 bytes; the token stores 15.',
    );
  });

  it("keeps the slot an import stopped at, and why (main's hint names them)", () => {
    const payload = toErrorPayload(
      new DeviceError('secret-too-long', {
        hint: '(GitHub: me in TOTP 3) It has 40 bytes; this token stores at most 20.',
      }),
      silentLogger,
    );
    assert.equal(
      describeError(payload, 'de'),
      `${errorsDe['secret-too-long']} (GitHub: me in TOTP 3) It has 40 bytes; this token stores at most 20.`,
    );
  });

  it("keeps an app error's own sentence after the German words", () => {
    const payload = toErrorPayload(
      AppError.specific('confirmation-needed', 'Slot TOTP 3 holds "GitHub". Confirm to overwrite it.'),
      silentLogger,
    );
    assert.equal(
      describeError(payload, 'de'),
      'Bestätigen Sie diesen Schritt zuerst. Slot TOTP 3 holds "GitHub". Confirm to overwrite it.',
    );
  });

  it('never reads the message for German: only the code and the fields count', () => {
    assert.equal(
      describeError({ code: 'slot-empty', message: 'Anything at all, even </b> or {n}.' }, 'de'),
      errorsDe['slot-empty'],
    );
    assert.equal(
      describeError({ code: 'slot-empty', message: 'Anything.', hint: 'TOTP 4.' }, 'de'),
      `${errorsDe['slot-empty']} TOTP 4.`,
    );
  });

  it('gives the German words alone when main said nothing more', () => {
    const payloads = [
      toErrorPayload(new DeviceError('wrong-pin', { retriesLeft: 2 }), silentLogger),
      toErrorPayload(new DeviceError('token-unplugged', { detail: 'GET_STATUS: read failed' }), silentLogger),
      toErrorPayload(new AppError('nothing-found', 'No account was found.'), silentLogger),
    ];
    assert.deepEqual(
      payloads.map((p) => describeError(p, 'de')),
      ['Falsche PIN.', errorsDe['token-unplugged'], 'Es wurde kein Konto gefunden.'],
    );
  });

  it('gives the log reference of an unknown error in German words, once', () => {
    const payload = toErrorPayload(new Error('boom'), silentLogger);
    assert.ok(payload.ref);
    assert.equal(
      describeError(payload, 'de'),
      `Etwas Unerwartetes ist schiefgegangen. Einzelheiten stehen im Protokoll. (Referenz ${payload.ref})`,
    );
    assert.match(describeError(payload, 'en'), new RegExp(`\\(ref ${payload.ref}\\)$`));
  });

  it("uses the window's words, not the terminal's, for codes with words of their own", () => {
    const payload = toErrorPayload(new DeviceError('no-token'), silentLogger);
    assert.match(payload.message, /--device virtual/);
    assert.equal(describeError(payload, 'en'), errorsEnOwn['no-token']);
    assert.equal(describeError(payload, 'de'), errorsDe['no-token']);
  });

  it('says in German why a request was refused by main (untrusted sender, bad arguments)', async () => {
    const dispatch = serve({} as Handlers, { isTrustedSender: () => false });
    const r = await dispatch('token/status', null, []);
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.equal(
        describeError(r.error, 'de'),
        `${errorsDe['bad-request']} The request did not come from keyslot’s window.`,
      );
  });

  it("shows main's message for a code this renderer does not know", () => {
    assert.equal(describeError({ code: 'from-a-newer-main', message: 'Something new.' }, 'de'), 'Something new.');
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
