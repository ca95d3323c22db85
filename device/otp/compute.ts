/**
 * Computes OTP codes on the host with otpauth's HOTP/TOTP (HMAC-SHA1, as the firmware does, §7.4),
 * to cross-check what a token answers.
 * @see https://www.rfc-editor.org/rfc/rfc4226 (HOTP)
 * @see https://www.rfc-editor.org/rfc/rfc6238 (TOTP)
 */
import { HOTP, Secret, TOTP } from 'otpauth';

/** What a code depends on. */
export type CodeInput =
  | { kind: 'hotp'; secret: Uint8Array; digits: 6 | 8; counter: bigint }
  /** `timestampMs`: Unix time in milliseconds; `period` in seconds (default 30). */
  | { kind: 'totp'; secret: Uint8Array; digits: 6 | 8; period?: number; timestampMs: number };

/**
 * The code as a zero-padded string of `digits` digits. Throws RangeError for a HOTP counter above
 * 2^53 − 1, which otpauth cannot represent.
 */
export function computeCode(input: CodeInput): string {
  const secret = new Secret({ buffer: input.secret.slice().buffer });
  if (input.kind === 'hotp') {
    if (input.counter > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('counter above 2^53-1');
    return HOTP.generate({ secret, algorithm: 'SHA1', digits: input.digits, counter: Number(input.counter) });
  }
  return TOTP.generate({
    secret,
    algorithm: 'SHA1',
    digits: input.digits,
    period: input.period ?? 30,
    timestamp: input.timestampMs,
  });
}
