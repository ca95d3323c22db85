/**
 * Reads Google Authenticator's export, `otpauth-migration://offline?data=BASE64`: a protobuf
 * MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 * int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5 } with OtpParameters
 * { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 * DigitCount digits = 5; OtpType type = 6; int64 counter = 7 }. Large exports are split over
 * several QR codes that share batch_id; `combineMigrationBatches` puts them together.
 * The enum numbers are Google Authenticator's: Algorithm 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5;
 * DigitCount 1 six, 2 eight; OtpType 1 HOTP, 2 TOTP (0 means unspecified in each).
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { LIMITS } from '../protocol/commands';
import { asSigned, readFields, WireFormatError } from './protobuf';
import { problem, type InputField, type Parsed } from './result';
import { proposeSlotName } from './slot';
import { hasUnsafeText } from './text-safety';
import type { OtpauthAccount } from './uri';

/** One account found in an import, usable or refused with a reason (never the secret). */
export type ImportCandidate<A = OtpauthAccount> =
  { ok: true; account: A; label: string } | { ok: false; label: string; problem: string; field: InputField };

/** Where one QR code sits in a multi-code export. */
export interface MigrationBatch {
  /** 0-based position of this code. */
  index: number;
  /** How many codes the export has (1 for a single code). */
  size: number;
  /** Shared by the codes of one export (0 when absent). */
  id: number;
  version: number;
}

/** One decoded `otpauth-migration://` URI. */
export interface MigrationPayload {
  batch: MigrationBatch;
  candidates: ImportCandidate[];
}

const ALGORITHMS: Record<number, string> = { 2: 'SHA256', 3: 'SHA512', 4: 'MD5' };
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** True if the text is an `otpauth-migration:` URI (any case). */
export function isMigrationUri(text: string): boolean {
  return /^\s*otpauth-migration:/i.test(text);
}

/**
 * Decodes one export URI. The data parameter may be percent-encoded, and a literal `+` is kept
 * (base64 has no spaces). Refuses a URI that is not `otpauth-migration://offline`, has no data,
 * or whose data is not base64 of a well-formed payload. Accounts the token cannot hold are
 * returned as refused candidates with their reason, so a review list can show them.
 */
export function parseMigrationUri(uri: string): Parsed<MigrationPayload> {
  const m = /^otpauth-migration:\/\/([^/?#]*)\/?\?([^#]*)/i.exec(uri.trim());
  if (!m || m[1].toLowerCase() !== 'offline') {
    return problem('uri', PROBLEMS_EN.notAnExport);
  }
  const raw = m[2]
    .split('&')
    .find((p) => p.toLowerCase().startsWith('data='))
    ?.slice(5);
  if (!raw) return problem('uri', PROBLEMS_EN.exportNoData);
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return problem('uri', PROBLEMS_EN.exportPercent);
  }
  const b64 = text.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.replace(/=+$/, '').length % 4 === 1) {
    return problem('uri', PROBLEMS_EN.exportNotBase64);
  }
  try {
    return { ok: true, value: decodePayload(new Uint8Array(Buffer.from(b64, 'base64'))) };
  } catch (e) {
    if (e instanceof WireFormatError) return problem('uri', PROBLEMS_EN.exportDamaged({ why: e.message }));
    throw e;
  }
}

function decodePayload(bytes: Uint8Array): MigrationPayload {
  const batch: MigrationBatch = { index: 0, size: 1, id: 0, version: 0 };
  const candidates: ImportCandidate[] = [];
  for (const f of readFields(bytes)) {
    if (f.number === 1 && f.wireType === 2) candidates.push(decodeAccount(f.bytes));
    else if (f.wireType === 0 && f.number >= 2 && f.number <= 5) {
      const v = Number(BigInt.asIntN(32, f.value));
      if (f.number === 2) batch.version = v;
      if (f.number === 3) batch.size = Math.max(v, 1);
      if (f.number === 4) batch.index = v;
      if (f.number === 5) batch.id = v;
    }
  }
  if (batch.index < 0 || batch.index >= batch.size)
    throw new WireFormatError(`it says it is code ${batch.index + 1} of ${batch.size}`);
  return { batch, candidates };
}

function decodeAccount(bytes: Uint8Array): ImportCandidate {
  let secret = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  for (const f of readFields(bytes)) {
    if (f.wireType === 2) {
      if (f.number === 1) secret = new Uint8Array(f.bytes); // a copy: f.bytes may be a Buffer view into a shared pool
      if (f.number === 2) name = utf8.decode(f.bytes);
      if (f.number === 3) issuer = utf8.decode(f.bytes);
    } else if (f.wireType === 0) {
      if (f.number === 4) algorithm = Number(f.value);
      if (f.number === 5) digits = Number(f.value);
      if (f.number === 6) type = Number(f.value);
      if (f.number === 7) counter = asSigned(f.value);
    }
  }
  // Google Authenticator writes the name as "Issuer:account" when the key URI had that label.
  const colon = name.indexOf(':');
  const account = (
    colon !== -1 && issuer && name.slice(0, colon).trim() === issuer.trim() ? name.slice(colon + 1) : name
  ).trim();
  const label = issuer && account ? `${issuer.trim()}: ${account}` : issuer.trim() || account || '(no name)';
  const refuse = (field: InputField, text: string): ImportCandidate => ({ ok: false, label, problem: text, field });
  if (ALGORITHMS[algorithm])
    return refuse('algorithm', PROBLEMS_EN.algorithmNotSha1({ algorithm: ALGORITHMS[algorithm] }));
  if (algorithm > 4) return refuse('algorithm', PROBLEMS_EN.unknownAlgorithm);
  if (digits > 2) return refuse('digits', PROBLEMS_EN.otherDigits);
  if (type > 2) return refuse('type', PROBLEMS_EN.otherKind);
  if (secret.length === 0) return refuse('secret', PROBLEMS_EN.noSecret);
  if (secret.length > LIMITS.secret)
    return refuse('secret', PROBLEMS_EN.accountSecretBytes({ bytes: secret.length, maxBytes: LIMITS.secret }));
  if (hasUnsafeText(issuer) || hasUnsafeText(account)) return refuse('name', PROBLEMS_EN.accountNameUnsafe);
  const kind = type === 1 ? 'hotp' : 'totp';
  if (kind === 'hotp' && counter < 0n) return refuse('counter', PROBLEMS_EN.negativeCounter);
  const parts = { ...(issuer.trim() ? { issuer: issuer.trim() } : {}), ...(account ? { account } : {}) };
  const base = {
    kind,
    secret,
    digits: digits === 2 ? 8 : 6,
    ...parts,
    name: proposeSlotName(parts.issuer, parts.account),
  } as const;
  const value: OtpauthAccount = kind === 'hotp' ? { ...base, counter } : { ...base, period: 30 };
  return { ok: true, account: value, label };
}

/** The accounts of several export codes, and which codes of a batch are missing (1-based). */
export interface CombinedMigration {
  candidates: ImportCandidate[];
  /** Per batch id: the code numbers (1-based) not given, e.g. [2] for "code 2 of 3". */
  missing: { id: number; size: number; numbers: number[] }[];
}

/**
 * Puts the codes of one or more exports together: the same code given twice counts once, codes
 * are ordered by their index, and codes missing from a batch are listed so the user can scan them.
 */
export function combineMigrationBatches(payloads: MigrationPayload[]): CombinedMigration {
  const byId = new Map<number, Map<number, MigrationPayload>>();
  for (const p of payloads) {
    const codes = byId.get(p.batch.id) ?? new Map<number, MigrationPayload>();
    if (!codes.has(p.batch.index)) codes.set(p.batch.index, p);
    byId.set(p.batch.id, codes);
  }
  const candidates: ImportCandidate[] = [];
  const missing: CombinedMigration['missing'] = [];
  for (const [id, codes] of byId) {
    const size = Math.max(...[...codes.values()].map((c) => c.batch.size));
    for (const index of [...codes.keys()].sort((a, b) => a - b)) candidates.push(...codes.get(index)!.candidates);
    const numbers = Array.from({ length: size }, (_, i) => i)
      .filter((i) => !codes.has(i))
      .map((i) => i + 1);
    if (numbers.length) missing.push({ id, size, numbers });
  }
  return { candidates, missing };
}
