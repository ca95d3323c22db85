/**
 * `describeError(code, fields, lang)`: the one function that turns an error into words, for the CLI,
 * the window and the web host alike. The code's words, then the reason's words, then the tries left
 * and the log reference, each from its table in errors-en.ts / errors-de.ts.
 */
import type { ErrorCode } from './codes';
import { appErrorsDe, backupErrorsDe, deviceErrorsDe, followersDe, reasonsDe } from './errors-de';
import { appErrorsEn, backupErrorsEn, deviceErrorsEn, followersEn, reasonsEn } from './errors-en';
import type { ErrorFields, Language, Plural, Words } from './types';

type Table = Readonly<Record<string, Words>>;

const CODES: Record<Language, Table> = {
  en: { ...deviceErrorsEn, ...appErrorsEn, ...backupErrorsEn },
  de: { ...deviceErrorsDe, ...appErrorsDe, ...backupErrorsDe },
};
const REASONS: Record<Language, Table> = { en: reasonsEn, de: reasonsDe };
const FOLLOWERS: Record<Language, typeof followersEn | typeof followersDe> = { en: followersEn, de: followersDe };

const plurals: Partial<Record<Language, Plural>> = {};
/** The plural chooser of `lang`, through Intl.PluralRules (English and German: one / other). */
export function pluralFor(lang: Language): Plural {
  let p = plurals[lang];
  if (!p) {
    const rules = new Intl.PluralRules(lang);
    p = (n, one, other) => (rules.select(n) === 'one' ? one : other);
    plurals[lang] = p;
  }
  return p;
}

/** Renders one entry. */
export function renderWords(words: Words, fields: ErrorFields, lang: Language): string {
  return typeof words === 'string' ? words : words(fields, pluralFor(lang));
}

/** True if `code` is a code of the vocabulary (a newer sender may send one this copy lacks). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(CODES.en, code);
}

/** Options of {@link describeError}. */
export interface DescribeOptions {
  /** Leave out the tries-left sentence (where the UI shows `retriesLeft` next to the text). */
  withoutTries?: boolean;
}

/**
 * The words for an error in `lang`: the code's entry, the reason's, then "2 tries left before it
 * locks." and "(ref …)" where the fields have them. An unknown code reads as 'unknown'.
 */
export function describeError(
  code: string,
  fields: ErrorFields = {},
  lang: Language = 'en',
  options: DescribeOptions = {},
): string {
  const parts = [renderWords(CODES[lang][isErrorCode(code) ? code : 'unknown'], fields, lang)];
  if (fields.reason !== undefined && Object.hasOwn(REASONS[lang], fields.reason))
    parts.push(renderWords(REASONS[lang][fields.reason], fields, lang));
  if (fields.hint) parts.push(fields.hint);
  if (fields.retriesLeft !== undefined && !options.withoutTries)
    parts.push(renderWords(FOLLOWERS[lang].triesLeft, fields, lang));
  if (fields.account !== undefined) parts.push(renderWords(FOLLOWERS[lang].account, fields, lang));
  if (fields.ref !== undefined) parts.push(renderWords(FOLLOWERS[lang].ref, fields, lang));
  return parts.join(' ');
}
