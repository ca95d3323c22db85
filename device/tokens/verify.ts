/**
 * Verify-after-write for either family: the token's code for a credential just written, compared with
 * the code the host computes from the secret it still holds (RFC 4226 / RFC 6238 through otpauth, with
 * the credential's hash and digits). On a Nitrokey 3 the token's code is itself made on the host from
 * CALCULATE's truncated answer (protocol reference §9). A HOTP check uses one counter step.
 */
import { HOTP, Secret, TOTP } from 'otpauth';
import type { AuthOptions, CredentialRef, CredentialWrite, TokenSession } from './types';

/** The outcome of a check: the codes, never the secret. */
export interface CredentialCheck {
  isMatch: boolean;
  /** The token's code. */
  code: string;
  /** The code the secret gives. */
  expected: string;
  /** TOTP: seconds the code stays valid after `unixMs`. */
  validForS?: number;
}

/** The code `w`'s secret gives at `unixMs` (TOTP) or at its counter (HOTP). */
export function expectedCode(w: CredentialWrite, unixMs: number): string {
  const secret = new Secret({ buffer: Uint8Array.from(w.secret ?? []).buffer });
  const algorithm = w.algorithm ?? 'SHA1';
  const digits = w.digits ?? 6;
  if (w.kind === 'hotp') return HOTP.generate({ secret, algorithm, digits, counter: Number(w.counter ?? 0n) });
  return TOTP.generate({ secret, algorithm, digits, period: w.period ?? 30, timestamp: unixMs });
}

/**
 * Asks the token for the code of `ref` (written from `w`) at `unixMs` and compares it with the host's.
 * Rejects like `session.getCode`.
 */
export async function verifyCredential(
  session: TokenSession,
  ref: CredentialRef,
  w: CredentialWrite,
  unixMs: number,
  auth: AuthOptions = {},
): Promise<CredentialCheck> {
  const got = await session.getCode(ref, {
    ...auth,
    unixMs,
    credential: { isPinProtected: w.isPinProtected ?? false },
  });
  const expected = expectedCode(w, unixMs);
  const period = w.period ?? 30;
  return {
    isMatch: got.code === expected,
    code: got.code,
    expected,
    ...(w.kind === 'totp' ? { validForS: period - (Math.floor(unixMs / 1000) % period) } : {}),
  };
}
