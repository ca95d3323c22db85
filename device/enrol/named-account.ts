/**
 * Accounts for a token of either family, read and checked against what that token can do (its caps). The otpauth URI parser (otp/uri.ts) speaks for slot tokens
 * (HMAC-SHA1, 6 or 8 digits); here the `algorithm` and `digits` parameters are taken out first, checked
 * against `caps` (a Nitrokey 3 has SHA-256 and 7 digits), and the rest is parsed by that same parser, so a
 * URI's other rules (secret, label, period, counter, text safety) stay in one place. Verify-after-write is
 * tokens/verify.ts.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import type { Parsed } from '../otp/result';
import { parseOtpauthUri, type OtpauthAccount } from '../otp/uri';
import type { BackupOtp } from '../backup/contents';
import type { OtpAlgorithm, TokenCaps } from '../tokens/types';

/** An account as a token of either family may hold it. */
export interface CapsAccount extends Omit<OtpauthAccount, 'digits'> {
  algorithm: OtpAlgorithm;
  digits: number;
}

/** Reads an `otpauth://` URI for a token with these capabilities (its hashes, code lengths and secret size). */
export function parseUriForCaps(uri: string, caps: TokenCaps): Parsed<CapsAccount> {
  const q = uri.indexOf('?');
  if (q < 0) return widen(parseOtpauthUri(uri), 'SHA1', 6, caps);
  const hash = uri.indexOf('#', q);
  const query = uri.slice(q + 1, hash < 0 ? undefined : hash);
  let algorithmText: string | undefined;
  let digitsText: string | undefined;
  const kept = query.split('&').filter((pair) => {
    const [k, v = ''] = pair.split('=', 2);
    const key = k.toLowerCase();
    if (key === 'algorithm' && algorithmText === undefined) algorithmText = decodeURIComponent(v);
    else if (key === 'digits' && digitsText === undefined) digitsText = decodeURIComponent(v);
    else return true;
    return false;
  });
  const algorithm = (algorithmText ?? 'SHA1').trim().toUpperCase().replace('-', '');
  if (!(caps.algorithms as readonly string[]).includes(algorithm))
    return {
      ok: false,
      field: 'algorithm',
      problem: PROBLEMS_EN.nk3Algorithm({ algorithm: algorithmText ?? '', algorithms: [...caps.algorithms] }),
    };
  const digits = Number(digitsText ?? '6');
  if (!/^\d+$/.test(digitsText ?? '6') || !caps.digits.includes(digits))
    return {
      ok: false,
      field: 'digits',
      problem: PROBLEMS_EN.nk3Digits({ digits: String(digitsText), allowed: [...caps.digits] }),
    };
  const rest = `${uri.slice(0, q)}${kept.length ? `?${kept.join('&')}` : ''}`;
  return widen(parseOtpauthUri(rest), algorithm as OtpAlgorithm, digits, caps);
}

function widen(p: Parsed<OtpauthAccount>, algorithm: OtpAlgorithm, digits: number, caps: TokenCaps) {
  if (!p.ok) return p;
  if (p.value.secret.length > caps.maxSecretBytes)
    return {
      ok: false as const,
      field: 'secret' as const,
      problem: PROBLEMS_EN.tokenSecretBytes({ bytes: p.value.secret.length, maxBytes: caps.maxSecretBytes }),
    };
  return { ok: true as const, value: { ...p.value, algorithm, digits } };
}

/**
 * {@link parseUriForCaps} for what an `otp add` writes and a backup keeps: the caps' hashes and code lengths
 * that a backup holds (SHA1 or SHA256; 6, 7 or 8 digits), so the account goes into a backup as it is.
 */
export function parseUriForBackup(uri: string, caps: TokenCaps): Parsed<BackupOtp> {
  const held: TokenCaps = {
    ...caps,
    algorithms: caps.algorithms.filter((a) => a === 'SHA1' || a === 'SHA256'),
    digits: caps.digits.filter((d) => d >= 6 && d <= 8),
  };
  const r = parseUriForCaps(uri, held);
  if (!r.ok) return r;
  const { algorithm, digits, ...rest } = r.value;
  return {
    ok: true,
    value: {
      ...rest,
      digits: digits as 6 | 7 | 8,
      ...(algorithm === 'SHA256' ? { algorithm: 'SHA256' as const } : {}),
    },
  };
}
