/**
 * An error for a person, chosen by code, never by message text (style guide §3). Main's `message`
 * is English: its table's sentence for the code, often followed by the specifics of the case (a
 * byte count, how slots are numbered, why a URI or an account is refused, the account and slot an
 * import stopped at), or, for some app errors, a sentence of its own naming a slot or a reason.
 *
 * English shows main's message, which holds all of that. German shows our words for the code and
 * keeps the specifics: from payload fields where they travel as fields (`ref`), else main's English
 * specifics after the German sentence. The payload has no field for them (DeviceError's `hint` is
 * English text), and a German sentence with an English fact reads better than one without the fact:
 * "Der Name ist zu lang für den Token. It has 20 bytes; the token stores 15." The import review
 * already shows main's English notes as they are (ImportTarget.nameNote).
 */
import type { ErrorPayload } from '../../electron/ipc/contract';
import { errorFieldsDe, errorsDe } from './errors-de';
import { errorsEn, type ErrorCode } from './errors-en';

export { errorsDe, errorFieldsDe, errorsEn, type ErrorCode };

/**
 * Codes whose words here say everything main's message can say for them, so main's message is
 * shown in neither language: main's sentence is written for the terminal (no-token names
 * `--device virtual`, pws-no-key `keyslot pws init`, backup-exists `keyslot otp add --backup`),
 * for the soft clock set the window never makes (time-refused; 'token/set-time' forces), or is
 * one of several wordings of one fact (capture-unavailable, import-expired).
 */
export const OWN_WORDS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['no-token', 'pws-no-key', 'backup-exists', 'time-refused', 'capture-unavailable', 'import-expired']);

/** An error as the window gets it; `code` is a string because a newer main may send a code we lack. */
export type ShownError = { code: string; message: string } & Pick<ErrorPayload, 'ref'>;

/**
 * What main's message says beyond its sentence for the code: the text after that sentence, or the
 * whole message when it does not start with it (an app error's own sentence). Empty when nothing.
 */
export function mainSpecifics(code: ErrorCode, message: string): string {
  const sentence = errorsEn[code];
  if (message.startsWith(sentence)) return message.slice(sentence.length).trim();
  return message.trim();
}

/** `{name}` placeholders filled from `fields`. */
export function fillFields(text: string, fields: Record<string, string | number | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => String(fields[k] ?? whole));
}

/** The words for `error` in `language`. */
export function describeError(error: ShownError, language: 'en' | 'de'): string {
  if (!Object.hasOwn(errorsEn, error.code)) return error.message;
  const code = error.code as ErrorCode;
  if (language === 'en') return OWN_WORDS.has(code) || !error.message ? errorsEn[code] : error.message;
  if (OWN_WORDS.has(code)) return errorsDe[code];
  // Main writes the log reference into its message as "(ref …)"; the field gives it in German.
  const specifics = error.ref !== undefined ? fillFields(errorFieldsDe.ref, { ref: error.ref }) : mainSpecifics(code, error.message);
  return specifics ? `${errorsDe[code]} ${specifics}` : errorsDe[code];
}
