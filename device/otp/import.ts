/**
 * One entry point for everything an "add account" flow reads: texts from QR codes, a pasted
 * `otpauth://` or `otpauth-migration://` URI, or a typed secret. The result is a list of
 * candidates, each usable or refused with its reason, for a review list.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { LIMITS } from '../protocol/commands';
import {
  combineMigrationBatches,
  isMigrationUri,
  parseMigrationUri,
  type ImportCandidate,
  type MigrationPayload,
} from './migration';
import { problem, type Parsed } from './result';
import { parseSecret, toBase32, type SecretEncoding } from './secret';
import { checkSlotName, proposeSlotName } from './slot';
import { hasUnsafeText } from './text-safety';
import { parseOtpauthUri, type OtpauthAccount } from './uri';

/** What a set of texts held. */
export interface ImportScan<A = OtpauthAccount> {
  /** Accounts in the order found; the same account found twice is listed once. */
  candidates: ImportCandidate<A>[];
  /** Sentences about texts that held no account, and export codes still to scan. */
  problems: string[];
}

/** A short display label for a URI whose parsing failed: its decoded label path, if any. */
function labelOfUri(uri: string): string {
  const m = /^otpauth:\/\/[^/?#]*\/([^?#]*)/i.exec(uri.trim());
  if (!m || m[1] === '') return '(no name)';
  try {
    return decodeURIComponent(m[1].replace(/\+/g, ' '));
  } catch {
    return m[1];
  }
}

/** A display label for an account: "Issuer: account", one of the two, or its slot name. */
export function accountLabel(a: Pick<OtpauthAccount, 'issuer' | 'account' | 'name'>): string {
  return a.issuer && a.account ? `${a.issuer}: ${a.account}` : a.issuer || a.account || a.name || '(no name)';
}

/** What telling two accounts apart looks at (an account of either token family has it). */
type ComparedAccount = Pick<OtpauthAccount, 'kind' | 'issuer' | 'account' | 'secret' | 'name'>;

function sameAccount(a: ComparedAccount, b: ComparedAccount): boolean {
  return (
    a.kind === b.kind &&
    a.issuer === b.issuer &&
    a.account === b.account &&
    a.secret.length === b.secret.length &&
    a.secret.every((x, i) => x === b.secret[i])
  );
}

/**
 * Reads texts (from QR codes or pasted): `otpauth://totp|hotp/…` and `otpauth-migration://offline?…`
 * (several codes of one export are combined). Other texts become a problem sentence each (a web
 * address is named as such), so nothing is silently dropped. `parseUri` reads an otpauth URI (default: the
 * slot tokens' parser; a Nitrokey 3 passes one that also takes SHA-256 and 7 digits).
 */
export function readImportTexts<A extends ComparedAccount = OtpauthAccount>(
  texts: string[],
  parseUri: (text: string) => Parsed<A | OtpauthAccount> = parseOtpauthUri,
): ImportScan<A | OtpauthAccount> {
  const found: ImportCandidate<A | OtpauthAccount>[] = [];
  const problems: string[] = [];
  const payloads: MigrationPayload[] = [];
  for (const raw of texts) {
    const text = raw.trim();
    if (isMigrationUri(text)) {
      const r = parseMigrationUri(text);
      if (r.ok) payloads.push(r.value);
      else problems.push(r.problem);
    } else if (/^otpauth:/i.test(text)) {
      const r = parseUri(text);
      found.push(
        r.ok
          ? { ok: true, account: r.value, label: accountLabel(r.value) }
          : { ok: false, label: labelOfUri(text), problem: r.problem, field: r.field },
      );
    } else if (/^https?:\/\//i.test(text)) {
      problems.push(PROBLEMS_EN.webAddress);
    } else {
      problems.push(PROBLEMS_EN.notAnAccount);
    }
  }
  const combined = combineMigrationBatches(payloads);
  found.push(...combined.candidates);
  for (const m of combined.missing) {
    problems.push(PROBLEMS_EN.exportPartMissing({ size: m.size, numbers: m.numbers }));
  }
  const candidates: ImportCandidate<A | OtpauthAccount>[] = [];
  for (const c of found) {
    if (c.ok && candidates.some((d) => d.ok && sameAccount(d.account, c.account))) continue;
    candidates.push(c);
  }
  return { candidates, problems };
}

/** A typed account, as a form or command line gives it (strings as typed). */
export interface TypedAccount {
  secret: string;
  encoding?: SecretEncoding;
  kind?: 'totp' | 'hotp';
  digits?: string | number;
  /** TOTP seconds (default 30). */
  period?: string | number;
  /** HOTP counter of the next code (default 0). */
  counter?: string | bigint;
  issuer?: string;
  account?: string;
  /** Slot name; proposed from issuer and account when absent. */
  name?: string;
}

/**
 * Checks a typed account the same way a URI is checked: secret (base32 or hex, at most 40 bytes),
 * digits 6 or 8, period 1..65535, counter 0..2^64−1, and a name of 1..15 bytes.
 */
export function accountFromTyped(t: TypedAccount): Parsed<OtpauthAccount> {
  const secret = parseSecret(t.secret, t.encoding ?? 'base32');
  if (!secret.ok) return secret;
  if (secret.bytes.length > LIMITS.secret)
    return problem('secret', PROBLEMS_EN.secretBytes({ bytes: secret.bytes.length, maxBytes: LIMITS.secret }));
  const digits = String(t.digits ?? 6);
  if (digits !== '6' && digits !== '8') return problem('digits', PROBLEMS_EN.digitsNotOne({ digits }));
  const kind = t.kind ?? 'totp';
  const issuer = t.issuer?.trim() || undefined;
  const account = t.account?.trim() || undefined;
  if ((issuer && hasUnsafeText(issuer)) || (account && hasUnsafeText(account)))
    return problem('name', PROBLEMS_EN.issuerOrAccountUnsafe);
  const name = t.name ?? proposeSlotName(issuer, account);
  const checked = checkSlotName(name);
  if (!checked.ok) return checked;
  const base = {
    kind,
    secret: secret.bytes,
    digits: Number(digits) as 6 | 8,
    ...(issuer ? { issuer } : {}),
    ...(account ? { account } : {}),
    name,
  };
  if (kind === 'totp') {
    const text = String(t.period ?? 30);
    const period = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(period >= 1 && period <= 0xffff)) return problem('period', PROBLEMS_EN.periodNot({ period: text }));
    return { ok: true, value: { ...base, period } };
  }
  const text = String(t.counter ?? 0);
  if (!/^\d+$/.test(text) || BigInt(text) > 0xffff_ffff_ffff_ffffn)
    return problem('counter', PROBLEMS_EN.counterNot({ counter: text }));
  return { ok: true, value: { ...base, counter: BigInt(text) } };
}

/** Base32 without padding (RFC 4648 §6), as key URIs carry secrets (secret.ts, otpauth's encoder). */
export { toBase32 };

/**
 * The `otpauth://` key URI of an account (SHA1, as the token computes), for a recovery sheet's QR
 * code: label "Issuer:account" percent-encoded, issuer parameter repeated. Holds the secret.
 */
export function formatOtpauthUri(
  a: Omit<OtpauthAccount, 'digits'> & { digits: number; algorithm?: 'SHA1' | 'SHA256' },
): string {
  const enc = encodeURIComponent;
  const label = a.issuer && a.account ? `${enc(a.issuer)}:${enc(a.account)}` : enc(a.account ?? a.issuer ?? a.name);
  const params = [
    `secret=${toBase32(a.secret)}`,
    ...(a.issuer ? [`issuer=${enc(a.issuer)}`] : []),
    `algorithm=${a.algorithm ?? 'SHA1'}`,
    `digits=${a.digits}`,
  ];
  params.push(a.kind === 'totp' ? `period=${a.period ?? 30}` : `counter=${a.counter ?? 0n}`);
  return `otpauth://${a.kind}/${label}?${params.join('&')}`;
}
