/**
 * The plaintext inside a backup: accounts with their secrets, as JSON. Every account is checked
 * on the way in and out with the same rules as an import, so a restore never meets a bad one.
 */
import { toBase32 } from '../otp/import';
import { parseSecret } from '../otp/secret';
import { checkSlotName, formatSlotRef, parseSlotRef } from '../otp/slot';
import { hasUnsafeText } from '../otp/text-safety';
import type { OtpauthAccount } from '../otp/uri';
import { LIMITS, type SlotRef } from '../protocol/commands';

/**
 * Version of the contents JSON. 1 (no `version` field): HMAC-SHA1 accounts of 6 or 8 digits named in at
 * most 15 bytes, as a slot token holds them. 2: also `algorithm` (SHA1 or SHA256), 7 digits and names up
 * to MAX_BACKUP_NAME_BYTES, as a Nitrokey 3 holds them. Both are read; 2 is written.
 */
export const CONTENTS_VERSION = 2;
/** Longest account name a version 2 backup holds, in UTF-8 bytes (a Nitrokey 3 label: device/nk3/constants.ts NK3_LIMITS, reference §8). */
export const MAX_BACKUP_NAME_BYTES = 128;

/** An account as a backup holds it: an otpauth account, with SHA-256 and 7 digits for tokens that have them. */
export type BackupOtp = Omit<OtpauthAccount, 'digits'> & { digits: 6 | 7 | 8; algorithm?: 'SHA1' | 'SHA256' };

/** The account as a slot token holds it (HMAC-SHA1, 6 or 8 digits), or null when a slot token cannot. */
export function asSlotAccount(a: BackupOtp): OtpauthAccount | null {
  if ((a.algorithm ?? 'SHA1') !== 'SHA1' || a.digits === 7) return null;
  const { algorithm: _algorithm, ...rest } = a;
  void _algorithm;
  return { ...rest, digits: a.digits };
}

/** One account in a backup. */
export interface BackupAccount {
  account: BackupOtp;
  /** The slot name it was written with. */
  name: string;
  /** Where it was written, if it was (a restore to the same token prefers that slot). */
  slot?: SlotRef;
  /** When it was added, ISO 8601. */
  addedAt: string;
}

/** Everything a backup holds. */
export interface BackupContents {
  createdAt: string;
  updatedAt: string;
  accounts: BackupAccount[];
}

/** JSON form of the contents (secrets in base32, counters as decimal strings). */
export function contentsToJson(c: BackupContents): string {
  return JSON.stringify({
    version: CONTENTS_VERSION,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    accounts: c.accounts.map((b) => ({
      kind: b.account.kind,
      secret: toBase32(b.account.secret),
      algorithm: b.account.algorithm ?? 'SHA1',
      digits: b.account.digits,
      ...(b.account.kind === 'totp'
        ? { period: b.account.period ?? 30 }
        : { counter: String(b.account.counter ?? 0n) }),
      ...(b.account.issuer ? { issuer: b.account.issuer } : {}),
      ...(b.account.account ? { account: b.account.account } : {}),
      name: b.name,
      ...(b.slot ? { slot: formatSlotRef(b.slot) } : {}),
      addedAt: b.addedAt,
    })),
  });
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** Parses and checks the JSON contents; a string naming the first fault, or the contents. */
export function contentsFromJson(text: string): BackupContents | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'the contents are not JSON';
  }
  const r = raw as { version?: unknown; createdAt?: unknown; updatedAt?: unknown; accounts?: unknown };
  const version = r?.version ?? 1;
  if (version !== 1 && version !== 2) return 'the contents are of a version this keyslot does not know';
  if (!r || !isString(r.createdAt) || !isString(r.updatedAt) || !Array.isArray(r.accounts))
    return 'the contents lack createdAt, updatedAt or accounts';
  const accounts: BackupAccount[] = [];
  for (const [i, item] of r.accounts.entries()) {
    const where = `account ${i + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${where} is not an object`;
    const a = item as Record<string, unknown>;
    if (a.kind !== 'totp' && a.kind !== 'hotp') return `${where} has no kind`;
    if (!isString(a.secret)) return `${where} has no secret`;
    const secret = parseSecret(a.secret, 'base32');
    if (!secret.ok || secret.bytes.length > LIMITS.secret) return `${where} has an invalid secret`;
    const algorithm = version === 1 ? (a.algorithm ?? 'SHA1') : a.algorithm;
    if (algorithm !== 'SHA1' && algorithm !== 'SHA256') return `${where} has an invalid algorithm`;
    if (version === 1 && algorithm !== 'SHA1') return `${where} has an algorithm its version does not hold`;
    if (a.digits !== 6 && a.digits !== 8 && (version === 1 || a.digits !== 7)) return `${where} has invalid digits`;
    if (!isString(a.name) || !(version === 1 ? checkSlotName(a.name).ok : isBackupName(a.name)))
      return `${where} has an invalid name`;
    if (!isString(a.addedAt)) return `${where} has no addedAt`;
    const slot = isString(a.slot) ? parseSlotRef(a.slot) : null;
    if (slot && !slot.ok) return `${where} has an invalid slot`;
    const base = {
      secret: secret.bytes,
      digits: a.digits as 6 | 7 | 8,
      // SHA1 stays implicit (an account without `algorithm` is SHA1), so a read account equals the written one.
      ...(algorithm === 'SHA256' ? { algorithm: 'SHA256' as const } : {}),
      ...(isString(a.issuer) ? { issuer: a.issuer } : {}),
      ...(isString(a.account) ? { account: a.account } : {}),
      name: a.name,
    };
    let account: BackupOtp;
    if (a.kind === 'totp') {
      if (typeof a.period !== 'number' || !Number.isInteger(a.period) || a.period < 1 || a.period > 0xffff)
        return `${where} has an invalid period`;
      account = { kind: 'totp', ...base, period: a.period };
    } else {
      if (!isString(a.counter) || !/^\d{1,20}$/.test(a.counter) || BigInt(a.counter) > 0xffff_ffff_ffff_ffffn)
        return `${where} has an invalid counter`;
      account = { kind: 'hotp', ...base, counter: BigInt(a.counter) };
    }
    accounts.push({ account, name: a.name, ...(slot?.ok ? { slot: slot.value } : {}), addedAt: a.addedAt });
  }
  return { createdAt: r.createdAt, updatedAt: r.updatedAt, accounts };
}

/** A version 2 name: not empty, no NUL or unsafe text, at most MAX_BACKUP_NAME_BYTES. */
function isBackupName(name: string): boolean {
  return (
    name.length > 0 &&
    !name.includes('\0') &&
    !hasUnsafeText(name) &&
    new TextEncoder().encode(name).length <= MAX_BACKUP_NAME_BYTES
  );
}
