/**
 * An error for a person, chosen by code, never by message text (style guide §3). The words are the
 * one vocabulary's (shared/vocabulary: errors-en.ts, errors-de.ts), made from the payload's fields
 * (bytes, slot, reason, ref ...) in the window's language. Tries left are left out unless asked for:
 * the PIN prompt and the PIN dialog show `retriesLeft` beside the text.
 */
import type { ErrorPayload } from '../../electron/ipc/contract';
import { describeError as describeCode, type Language } from '../../shared/vocabulary/index';

/** An error as the window gets it; `code` is a string because a newer main may send a code we lack. */
export type ShownError = Omit<ErrorPayload, 'code'> & { code: string };

/** The words for `error` in `language`; with `withTries`, "2 tries left before it locks." too. */
export function describeError(error: ShownError, language: Language, opts: { withTries?: boolean } = {}): string {
  const { code, ...fields } = error;
  return describeCode(code, fields, language, { withoutTries: !opts.withTries });
}
