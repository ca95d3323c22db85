/**
 * Host-side computations (protocol reference §9): the code from CALCULATE's truncated value, the TOTP
 * challenge, and the `P/` period prefix Yubico's tools use in credential names.
 */

/** The period in seconds a credential name implies when it has no prefix. */
export const DEFAULT_PERIOD_S = 30;

/**
 * Renders a code from the truncated value: `(t & 0x7FFFFFFF) mod 10^digits`, zero-padded (§9, RFC 4226 §5.3).
 * Throws RangeError for digits outside 1..10.
 */
export function codeFromTruncated(truncated: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 10) throw new RangeError(`digits ${digits}`);
  const v = BigInt((truncated & 0x7fffffff) >>> 0) % 10n ** BigInt(digits);
  return v.toString().padStart(digits, '0');
}

/** TOTP challenge: floor(unixSeconds / period) as 8 bytes big-endian, T0 = 0 (§9, RFC 6238 §4). */
export function totpChallenge(unixMs: number, periodS: number): Uint8Array {
  if (!Number.isInteger(periodS) || periodS < 1) throw new RangeError(`period ${periodS}`);
  const step = BigInt(Math.floor(Math.floor(unixMs / 1000) / periodS));
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, step);
  return out;
}

/** A credential name split the way ykman's `_parse_cred_id` does for TOTP. */
export interface CredentialName {
  /** Seconds; 30 when the name carries no prefix. */
  period: number;
  issuer?: string;
  account: string;
}

// yubikit TOTP_ID_PATTERN: ^((\d+)/)?(([^:]+):)?(.+)$ (§9).
const TOTP_NAME = /^((\d+)\/)?(([^:]+):)?(.+)$/;

/**
 * Parses a stored name as ykman's `_parse_cred_id`: for TOTP a leading `P/` (digits) is the period and
 * `issuer:` the issuer; for other kinds only `issuer:account` is split (at the first colon). A `0/`
 * prefix is no period: the name is then kept whole as the account.
 */
export function parseCredentialName(name: string, isTotp: boolean): CredentialName {
  if (!isTotp) {
    const i = name.indexOf(':');
    return i >= 0
      ? { period: DEFAULT_PERIOD_S, issuer: name.slice(0, i), account: name.slice(i + 1) }
      : { period: DEFAULT_PERIOD_S, account: name };
  }
  const m = TOTP_NAME.exec(name);
  const period = m?.[2] !== undefined ? Number(m[2]) : DEFAULT_PERIOD_S;
  if (!m || !Number.isSafeInteger(period) || period < 1) return { period: DEFAULT_PERIOD_S, account: name };
  return m[4] !== undefined ? { period, issuer: m[4], account: m[5] } : { period, account: m[5] };
}

/**
 * Builds a stored name as ykman's `_format_cred_id`: `"<period>/"` only for TOTP with a period ≠ 30,
 * then `"<issuer>:"` if there is an issuer, then the account.
 */
export function formatCredentialName(n: CredentialName, isTotp: boolean): string {
  const prefix = isTotp && n.period !== DEFAULT_PERIOD_S ? `${n.period}/` : '';
  return `${prefix}${n.issuer ? `${n.issuer}:` : ''}${n.account}`;
}
