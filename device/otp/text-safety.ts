/**
 * Text that came from outside keyslot (a QR code, a URI, a backup, the token, the command line)
 * and is shown on a terminal or in a window. Control characters could move the cursor, set the
 * window title or recolour the screen (ESC, BEL, CSI); bidi overrides can make "moc.knab" read as
 * "bank.com". keyslot refuses them in what it writes (names, issuers, accounts) and escapes them in
 * whatever it prints.
 */

/**
 * C0 controls U+0000–U+001F, DEL U+007F, C1 controls U+0080–U+009F, the bidi marks and overrides
 * (ALM U+061C, LRM/RLM U+200E/U+200F, embeddings and overrides U+202A–U+202E, isolates
 * U+2066–U+2069) and U+FFFD, which stands for bytes that were not UTF-8 (a command-line argument
 * Node could not decode).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/u;

/** True if `text` holds a character keyslot refuses to write into a name, issuer or account. */
export function hasUnsafeText(text: string): boolean {
  return UNSAFE.test(text);
}

/** The characters a terminal must not receive raw: UNSAFE without U+FFFD (it only displays as itself). */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * `text` with every character a terminal would act on written as a visible `\uXXXX` escape, which
 * is also JSON's escape, so escaped JSON output still parses to the same strings. Newline and tab
 * stay as they are (keyslot's own layout).
 */
export function escapeForTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value to quote in a message: escaped, and cut to `max` characters with an ellipsis (a 100 kB --name). */
export function quoteForMessage(text: string, max = 40): string {
  const chars = [...text];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return escapeForTerminal(cut);
}
