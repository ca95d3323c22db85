/**
 * English and German words of the UI. The German table must have every English key (the compiler
 * checks). Errors are translated by code, never by message text (style guide §3).
 */
import { de } from './de';
import { en, type MessageKey } from './en';

export type { MessageKey };

/** Error words by code, for the codes a person meets; others use main's English message. */
const errorsEn: Record<string, string> = {
  'wrong-pin': 'Wrong PIN.',
  'pin-locked': 'The PIN is locked after too many wrong tries. Unlock the user PIN with the admin PIN; a locked admin PIN needs a factory reset.',
  'token-unplugged': 'The token was unplugged during the operation. Plug it back in and try again.',
  'no-token': 'No token is plugged in.',
  'pws-no-key': 'The password safe has no key yet.',
  'time-refused': 'The token refused to set its clock.',
};
const errorsDe: Record<string, string> = {
  'wrong-pin': 'Falsche PIN.',
  'pin-locked': 'Die PIN ist nach zu vielen Fehlversuchen gesperrt. Entsperren Sie die Benutzer-PIN mit der Admin-PIN; eine gesperrte Admin-PIN erfordert ein Zurücksetzen.',
  'token-unplugged': 'Der Token wurde während des Vorgangs abgezogen. Stecken Sie ihn wieder ein und versuchen Sie es erneut.',
  'no-token': 'Kein Token ist eingesteckt.',
  'pws-no-key': 'Der Passwort-Safe hat noch keinen Schlüssel.',
  'time-refused': 'Der Token hat das Stellen seiner Uhr abgelehnt.',
};

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

/** The words for `key`, with `{name}` placeholders filled. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = (language === 'de' ? de : en)[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** An error for a person: translated by code where we have the words, else main's message. */
export function errorText(error: { code: string; message: string }): string {
  return (language === 'de' ? errorsDe : errorsEn)[error.code] ?? error.message;
}
