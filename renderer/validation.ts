/**
 * Field checks in the slot and password-safe dialogs, so every limit is shown at the field before
 * anything is sent. Main checks again with device/otp; these mirror its rules (bytes as UTF-8,
 * base32 per RFC 4648 §6 with spaces, dashes and lower case accepted, hex with spaces or colons).
 */
const encoder = new TextEncoder();
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Bytes a text takes on the token. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

export type SecretCheck = { ok: true; bytes: number } | { ok: false; problem: 'empty' | 'alphabet' | 'length' };

/** Counts a secret's bytes, or says why it is not valid. */
export function checkSecret(text: string, encoding: 'base32' | 'hex'): SecretCheck {
  if (encoding === 'hex') {
    const hex = text.replace(/[\s:]/g, '').replace(/^0x/i, '');
    if (!hex) return { ok: false, problem: 'empty' };
    if (!/^[0-9a-f]+$/i.test(hex)) return { ok: false, problem: 'alphabet' };
    if (hex.length % 2) return { ok: false, problem: 'length' };
    return { ok: true, bytes: hex.length / 2 };
  }
  const body = text.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  if (!body) return { ok: false, problem: 'empty' };
  if ([...body].some((c) => !BASE32.includes(c))) return { ok: false, problem: 'alphabet' };
  if ([1, 3, 6].includes(body.length % 8)) return { ok: false, problem: 'length' };
  return { ok: true, bytes: Math.floor((body.length * 5) / 8) };
}

/** Base32 without padding, in groups of four for reading aloud. */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A random secret of `n` bytes from the browser's CSPRNG, as grouped base32. */
export function randomSecret(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  const text = toBase32(bytes);
  bytes.fill(0);
  return text;
}

/** A random password of `n` characters from letters, digits and a few symbols (all 1 byte). */
export function randomPassword(n: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!?#';
  const out: string[] = [];
  while (out.length < n) {
    const [b] = crypto.getRandomValues(new Uint8Array(1));
    // Rejection sampling keeps every character equally likely.
    if (b < 256 - (256 % alphabet.length)) out.push(alphabet[b % alphabet.length]);
  }
  return out.join('');
}

/** Seconds left in the TOTP step containing `nowMs`, for any period. */
export function secondsLeft(nowMs: number, period: number): number {
  return period - (Math.floor(nowMs / 1000) % period);
}
