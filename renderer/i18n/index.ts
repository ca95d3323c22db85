/**
 * English and German words of the UI. The German table must have every English key (the compiler
 * checks). Errors are translated by code, never by message text (style guide §3; errors.ts).
 */
import { de } from './de';
import { en, type MessageKey } from './en';
import { describeError, type ShownError } from './errors';
import { pluralFor } from '../../shared/vocabulary/index';

export type { MessageKey };

export type Language = 'en' | 'de';
let language: Language = 'en';

/** Picks the language: a setting, else the system's. */
export function setLanguage(choice: 'system' | Language, systemLocale: string): void {
  language = choice === 'system' ? (systemLocale.toLowerCase().startsWith('de') ? 'de' : 'en') : choice;
  // Absent where the host draws the first HTML (renderer/prerender.tsx runs under Node).
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return language;
}

/**
 * The words for `key`, with `{name}` placeholders filled; `{n|try|tries}` is the word for the count `n`
 * by the language's plural rules (Intl.PluralRules): "1 try", "2 tries".
 */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = (language === 'de' ? de : en)[key];
  const plural = pluralFor(language);
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, k: string, one: string, other: string) =>
      vars[k] === undefined ? whole : plural(Number(vars[k]), one, other),
    )
    .replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** An error for a person, by code, in the chosen language (errors.ts); `withTries` adds the tries left. */
export function errorText(error: ShownError, opts: { withTries?: boolean } = {}): string {
  return describeError(error, language, opts);
}
