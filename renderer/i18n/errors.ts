/**
 * An error for a person, chosen by code, never by message text (style guide §3). Main's `message`
 * is English and complete; the specifics of the case (a byte count, why an account was refused,
 * which slot holds a name) also travel on their own as `hint`, and a log reference as `ref`.
 *
 * English shows main's message. German shows our words for the code and then the specifics: the
 * log reference in German words, or `hint` as main wrote it. The payload has no German for a
 * hint, and a German sentence with an English fact reads better than one without the fact:
 * "Der Name ist zu lang für den Token. It has 20 bytes; the token stores 15." The import review
 * already shows main's English notes as they are (ImportTarget.nameNote). Tries left are not put
 * into the text: the PIN prompt and the dialogs show `retriesLeft` beside it.
 */
import type { ErrorPayload } from '../../electron/ipc/contract';
import { errorFieldsDe, errorsDe } from './errors-de';
import { OWN_WORDS, errorsEnOwn, type ErrorCode, type OwnWordsCode } from './errors-en';

export { errorsDe, errorFieldsDe, errorsEnOwn, OWN_WORDS, type ErrorCode };

const ownWords: ReadonlySet<string> = new Set(OWN_WORDS);
const isOwnWords = (code: string): code is OwnWordsCode => ownWords.has(code);

/** An error as the window gets it; `code` is a string because a newer main may send a code we lack. */
export type ShownError = { code: string; message: string } & Pick<ErrorPayload, 'ref' | 'hint'>;

/** `{name}` placeholders filled from `fields`. */
export function fillFields(text: string, fields: Record<string, string | number | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => String(fields[k] ?? whole));
}

/** The words for `error` in `language`. */
export function describeError(error: ShownError, language: 'en' | 'de'): string {
  if (!Object.hasOwn(errorsDe, error.code)) return error.message;
  if (language === 'en') return isOwnWords(error.code) ? errorsEnOwn[error.code] : error.message;
  const german = errorsDe[error.code as ErrorCode];
  if (isOwnWords(error.code)) return german;
  const specifics = error.ref !== undefined ? fillFields(errorFieldsDe.ref, { ref: error.ref }) : error.hint;
  return specifics ? `${german} ${specifics}` : german;
}
