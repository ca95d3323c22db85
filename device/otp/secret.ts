/**
 * Parses OTP secrets as people copy them from web sites: base32 (RFC 4648 §6) or hex, and writes
 * them as base32. The base32 codec is otpauth's; the checks before it (which character, which
 * length) are ours, so a problem names a position and never echoes part of a secret.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-6
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { Secret } from 'otpauth';
import { problem, type InputProblem } from './result';

/** How the secret text is written. */
export type SecretEncoding = 'base32' | 'hex';

/** A parsed secret: raw key bytes. */
export type ParsedSecret = { ok: true; bytes: Uint8Array } | InputProblem;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Reads a secret. Base32 accepts lower case, spaces, dashes and missing or present `=` padding,
 * as sites show it ("jbsw y3dp-ehpk 3pxp"); hex accepts spaces, colons and a `0x` prefix.
 * Refuses an empty secret, characters outside the alphabet (naming their position, not the
 * character, so no part of a secret is echoed) and lengths no encoder produces.
 * Does not check the token's limit (40 bytes, 20 on old firmware): the caller knows the token.
 */
export function parseSecret(text: string, encoding: SecretEncoding): ParsedSecret {
  return encoding === 'hex' ? parseHex(text) : parseBase32(text);
}

function parseBase32(text: string): ParsedSecret {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  const body = compact.replace(/=+$/, '');
  if (body.length === 0) return problem('secret', PROBLEMS_EN.secretEmpty);
  const bad = [...body].findIndex((c) => !BASE32_ALPHABET.includes(c));
  if (bad !== -1) {
    const what = body[bad] === '=' ? PROBLEMS_EN.base32Padding : PROBLEMS_EN.base32BadCharacter;
    return problem('secret', PROBLEMS_EN.base32At({ what, position: bad + 1 }));
  }
  // 5 bits per character: 1, 3 or 6 characters left over cannot end a whole byte (RFC 4648 §6).
  if ([1, 3, 6].includes(body.length % 8)) {
    return problem('secret', PROBLEMS_EN.base32Length({ length: body.length }));
  }
  return { ok: true, bytes: Secret.fromBase32(body).bytes };
}

/** Base32 without padding (RFC 4648 §6), as key URIs carry secrets; otpauth's encoder. */
export function toBase32(bytes: Uint8Array): string {
  const secret = new Secret({ buffer: bytes.slice().buffer });
  const text = secret.base32;
  secret.bytes.fill(0);
  return text;
}

function parseHex(text: string): ParsedSecret {
  const compact = text.replace(/[\s:]/g, '').replace(/^0x/i, '');
  if (compact.length === 0) return problem('secret', PROBLEMS_EN.secretEmpty);
  const bad = [...compact].findIndex((c) => !/[0-9a-fA-F]/.test(c));
  if (bad !== -1) {
    return problem('secret', PROBLEMS_EN.hexAt({ position: bad + 1 }));
  }
  if (compact.length % 2 !== 0) {
    return problem('secret', PROBLEMS_EN.hexOdd({ length: compact.length }));
  }
  const out = new Uint8Array(compact.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(compact.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, bytes: out };
}
