/**
 * Parses `otpauth://` key URIs (Google Authenticator's Key URI Format) into what an OTP slot stores,
 * with one specific problem per refusal. otpauth's own `URI.parse` throws generic errors and keeps
 * the counter as a JS number, so the checks here are ours; test/device/otp cross-checks the results
 * against `URI.parse`.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
import { LIMITS } from '../protocol/commands';
import { problem, type Parsed } from './result';
import { parseSecret } from './secret';
import { proposeSlotName } from './slot';
import { hasUnsafeText, quoteForMessage } from './text-safety';

/** What a key URI says about one account. */
export interface OtpauthAccount {
  kind: 'totp' | 'hotp';
  secret: Uint8Array;
  digits: 6 | 8;
  /** TOTP time step in seconds (default 30). */
  period?: number;
  /** HOTP counter of the next code. */
  counter?: bigint;
  issuer?: string;
  account?: string;
  /** A slot name proposed from issuer and account, at most 15 UTF-8 bytes (may be empty). */
  name: string;
}

const MAX_COUNTER = 0xffff_ffff_ffff_ffffn;

/**
 * Parses an `otpauth://totp/…` or `otpauth://hotp/…` URI. Percent-encoding is decoded in label and
 * values; `+` also means a space (form encoding, as Python's urlencode and Java's URLEncoder write it).
 * The issuer parameter wins over an `Issuer:` label prefix. Refuses: other schemes, other types,
 * a missing or invalid secret, a secret over 40 bytes, algorithms other than SHA1 (the firmware is
 * HMAC-SHA1 only, §7.4), digits other than 6 or 8, a period outside 1..65535, and a HOTP URI
 * without a counter from 0 to 2^64−1. Never includes the secret or the URI in a problem.
 */
export function parseOtpauthUri(uri: string): Parsed<OtpauthAccount> {
  const m = /^otpauth:\/\/([^/?#]*)\/?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(uri.trim());
  if (!m) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri.trim())?.[1];
    return problem(
      'uri',
      scheme
        ? `This is a ${scheme}: URI, not an otpauth:// URI.`
        : 'This is not an otpauth:// URI (it should start with otpauth://totp/ or otpauth://hotp/).',
    );
  }
  const kind = m[1].toLowerCase();
  if (kind !== 'totp' && kind !== 'hotp') {
    return problem('type', `The URI's type is "${m[1]}"; the token stores totp and hotp accounts only.`);
  }
  // A `+` in the label is a space too: Keycloak writes the account name with Java's URLEncoder,
  // which turns a space into `+` and a real plus into %2B.
  const label = decode(m[2], true);
  if (label === null)
    return problem('uri', "The URI's label has a broken percent-encoding (a % not followed by two hex digits).");
  const params = readParams(m[3] ?? '');
  if (!params)
    return problem('uri', "The URI's parameters have a broken percent-encoding (a % not followed by two hex digits).");
  if (typeof params === 'string')
    return problem(
      'uri',
      `The URI gives the parameter "${quoteForMessage(params)}" more than once; apps differ on which one counts, so keyslot refuses it.`,
    );

  const secretText = params.get('secret');
  if (secretText === undefined || secretText.trim() === '')
    return problem('secret', 'The URI has no secret parameter.');
  const secret = parseSecret(secretText, 'base32');
  if (!secret.ok) return problem('secret', `The URI's secret is not valid base32. ${secret.problem}`);
  if (secret.bytes.length > LIMITS.secret) {
    return problem(
      'secret',
      `The URI's secret has ${secret.bytes.length} bytes; the token stores at most ${LIMITS.secret}.`,
    );
  }

  const algorithm = (params.get('algorithm') ?? 'SHA1').trim().toUpperCase().replace('-', '');
  if (algorithm !== 'SHA1') {
    const known = ['SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3224', 'SHA3256', 'SHA3384', 'SHA3512', 'MD5'].includes(
      algorithm,
    );
    return problem(
      'algorithm',
      known
        ? `This account uses ${params.get('algorithm')}, but the firmware is HMAC-SHA1 only, so the token cannot make its codes.`
        : `The URI's algorithm "${params.get('algorithm')}" is unknown; the firmware is HMAC-SHA1 only.`,
    );
  }

  const digitsText = params.get('digits') ?? '6';
  if (digitsText !== '6' && digitsText !== '8') {
    return problem(
      'digits',
      `This account uses ${/^\d+$/.test(digitsText) ? `${digitsText} digits` : `digits "${digitsText}"`}; the token makes 6- or 8-digit codes only.`,
    );
  }
  const digits = Number(digitsText) as 6 | 8;

  const base = { kind, secret: secret.bytes, digits, ...splitLabel(label, params.get('issuer')) } as const;
  for (const field of ['issuer', 'account'] as const) {
    const text = base[field];
    if (text !== undefined && hasUnsafeText(text))
      return problem(
        'name',
        `The URI's ${field} contains control characters, a text-direction override or bytes that are not UTF-8; keyslot does not write them.`,
      );
  }
  if (kind === 'totp') {
    const periodText = params.get('period') ?? '30';
    const period = /^\d+$/.test(periodText) ? Number(periodText) : NaN;
    if (!(period >= 1 && period <= 0xffff)) {
      return problem(
        'period',
        `The URI's period "${periodText}" is not a time step the token stores: use 1 to 65535 seconds.`,
      );
    }
    return { ok: true, value: { ...base, period, name: proposeSlotName(base.issuer, base.account) } };
  }
  const counterText = params.get('counter');
  if (counterText === undefined)
    return problem('counter', 'A hotp URI needs a counter parameter (the counter of the next code).');
  if (!/^\d+$/.test(counterText) || BigInt(counterText) > MAX_COUNTER) {
    return problem('counter', `The URI's counter "${counterText}" is not a whole number from 0 to 2^64-1.`);
  }
  return {
    ok: true,
    value: { ...base, counter: BigInt(counterText), name: proposeSlotName(base.issuer, base.account) },
  };
}

/** Decodes percent-encoding; `plusIsSpace` for query values. Null when an escape is broken. */
function decode(text: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return null;
  }
}

/**
 * Query parameters with lower-case keys. Null on broken encoding; the key as a string when a key
 * comes twice (any key, in any case: `algorithm=SHA1&ALGORITHM=SHA256` too).
 */
function readParams(query: string): Map<string, string> | string | null {
  const out = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq), true);
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1), true);
    if (key === null || value === null) return null;
    if (out.has(key.toLowerCase())) return key;
    out.set(key.toLowerCase(), value);
  }
  return out;
}

/** "Issuer:account" (or "Issuer: account") → parts; the issuer parameter wins over the prefix. */
function splitLabel(label: string, issuerParam: string | undefined): { issuer?: string; account?: string } {
  const colon = label.indexOf(':');
  const prefix = colon === -1 ? undefined : label.slice(0, colon).trim();
  const account = (colon === -1 ? label : label.slice(colon + 1)).trim();
  const issuer = issuerParam?.trim() || prefix || undefined;
  return { ...(issuer ? { issuer } : {}), ...(account ? { account } : {}) };
}
