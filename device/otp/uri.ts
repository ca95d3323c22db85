/**
 * Parses `otpauth://` key URIs (Google Authenticator's Key URI Format) into what an OTP slot stores,
 * with one specific problem per refusal. otpauth's own `URI.parse` throws generic errors and keeps
 * the counter as a JS number, so the checks here are ours; test/device/otp cross-checks the results
 * against `URI.parse`.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
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
    return problem('uri', scheme ? PROBLEMS_EN.otherScheme({ scheme }) : PROBLEMS_EN.notOtpauth);
  }
  const kind = m[1].toLowerCase();
  if (kind !== 'totp' && kind !== 'hotp') {
    return problem('type', PROBLEMS_EN.uriType({ type: m[1] }));
  }
  // A `+` in the label is a space too: Keycloak writes the account name with Java's URLEncoder,
  // which turns a space into `+` and a real plus into %2B.
  const label = decode(m[2], true);
  if (label === null) return problem('uri', PROBLEMS_EN.uriLabelPercent);
  const params = readParams(m[3] ?? '');
  if (!params) return problem('uri', PROBLEMS_EN.uriParamsPercent);
  if (typeof params === 'string') return problem('uri', PROBLEMS_EN.uriParamTwice({ name: quoteForMessage(params) }));

  const secretText = params.get('secret');
  if (secretText === undefined || secretText.trim() === '') return problem('secret', PROBLEMS_EN.uriNoSecret);
  const secret = parseSecret(secretText, 'base32');
  if (!secret.ok) return problem('secret', PROBLEMS_EN.uriSecretBase32({ problem: secret.problem }));
  if (secret.bytes.length > LIMITS.secret) {
    return problem('secret', PROBLEMS_EN.uriSecretBytes({ bytes: secret.bytes.length, maxBytes: LIMITS.secret }));
  }

  const algorithm = (params.get('algorithm') ?? 'SHA1').trim().toUpperCase().replace('-', '');
  if (algorithm !== 'SHA1') {
    const known = ['SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3224', 'SHA3256', 'SHA3384', 'SHA3512', 'MD5'].includes(
      algorithm,
    );
    return problem(
      'algorithm',
      known
        ? PROBLEMS_EN.algorithmNotSha1({ algorithm: params.get('algorithm') ?? '' })
        : PROBLEMS_EN.uriAlgorithmUnknown({ algorithm: params.get('algorithm') ?? '' }),
    );
  }

  const digitsText = params.get('digits') ?? '6';
  if (digitsText !== '6' && digitsText !== '8') {
    return problem('digits', PROBLEMS_EN.uriDigits({ digits: digitsText }));
  }
  const digits = Number(digitsText) as 6 | 8;

  const base = { kind, secret: secret.bytes, digits, ...splitLabel(label, params.get('issuer')) } as const;
  for (const field of ['issuer', 'account'] as const) {
    const text = base[field];
    if (text !== undefined && hasUnsafeText(text)) return problem('name', PROBLEMS_EN.uriFieldUnsafe({ field }));
  }
  if (kind === 'totp') {
    const periodText = params.get('period') ?? '30';
    const period = /^\d+$/.test(periodText) ? Number(periodText) : NaN;
    if (!(period >= 1 && period <= 0xffff)) {
      return problem('period', PROBLEMS_EN.uriPeriod({ period: periodText }));
    }
    return { ok: true, value: { ...base, period, name: proposeSlotName(base.issuer, base.account) } };
  }
  const counterText = params.get('counter');
  if (counterText === undefined) return problem('counter', PROBLEMS_EN.hotpNeedsCounter);
  if (!/^\d+$/.test(counterText) || BigInt(counterText) > MAX_COUNTER) {
    return problem('counter', PROBLEMS_EN.uriCounter({ counter: counterText }));
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
