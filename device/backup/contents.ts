/**
 * The plaintext inside a backup: accounts with their secrets, as JSON. Every account is checked
 * on the way in and out with the same rules as an import, so a restore never meets a bad one.
 */
import { toBase32 } from '../otp/import';
import { parseSecret } from '../otp/secret';
import { checkSlotName, formatSlotRef, parseSlotRef } from '../otp/slot';
import type { OtpauthAccount } from '../otp/uri';
import { LIMITS, type SlotRef } from '../protocol/commands';

/** One account in a backup. */
export interface BackupAccount {
  account: OtpauthAccount;
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
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    accounts: c.accounts.map((b) => ({
      kind: b.account.kind,
      secret: toBase32(b.account.secret),
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
  const r = raw as { createdAt?: unknown; updatedAt?: unknown; accounts?: unknown };
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
    if (a.digits !== 6 && a.digits !== 8) return `${where} has invalid digits`;
    if (!isString(a.name) || !checkSlotName(a.name).ok) return `${where} has an invalid name`;
    if (!isString(a.addedAt)) return `${where} has no addedAt`;
    const slot = isString(a.slot) ? parseSlotRef(a.slot) : null;
    if (slot && !slot.ok) return `${where} has an invalid slot`;
    const base = {
      secret: secret.bytes,
      digits: a.digits as 6 | 8,
      ...(isString(a.issuer) ? { issuer: a.issuer } : {}),
      ...(isString(a.account) ? { account: a.account } : {}),
      name: a.name,
    };
    let account: OtpauthAccount;
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
