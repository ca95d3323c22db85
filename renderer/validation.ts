/**
 * Field checks in the slot and password-safe dialogs, so every limit is shown at the field before
 * anything is sent. Main checks again with device/otp; these mirror its rules (bytes as UTF-8,
 * base32 per RFC 4648 §6 with spaces, dashes and lower case accepted, hex with spaces or colons).
 */
import { Secret } from 'otpauth';

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

/** Base32 without padding (otpauth's encoder), in groups of four for reading aloud. */
export function toBase32(bytes: Uint8Array): string {
  return grouped(new Secret({ buffer: bytes.slice().buffer }));
}

/** A random secret of `n` bytes (otpauth draws them from the browser's CSPRNG), as grouped base32. */
export function randomSecret(n: number): string {
  return grouped(new Secret({ size: n }));
}

/** The secret's base32 in groups of four; its bytes are wiped afterwards. */
function grouped(secret: Secret): string {
  const text = secret.base32.replace(/(.{4})(?=.)/g, '$1 ');
  secret.bytes.fill(0);
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
