/**
 * Plans moving every account from one token to another (issue 12's wizard), before anything is written.
 * Works over the family seam (tokens/types.ts), so a Pro, a Storage, a Librem Key and a Nitrokey 3 are
 * sources and destinations alike: it asks the destination's capabilities, never its model.
 *
 * Neither family gives an OTP secret back (the Pro's READ_SLOT and the Nitrokey 3's GET CREDENTIAL leave it
 * out), so every OTP secret comes from a keyslot backup: an account moves only when the backup holds one of
 * the same kind and name (and digits/period where the source tells them). The source's own counter wins
 * over the backup's for HOTP, as it is the newer one. Password entries are read from the source in full and
 * move without a backup. Pure: give it what both tokens listed and what the backup holds.
 */
import type { BackupAccount } from '../backup/contents';
import type { SlotRef } from '../protocol/commands';
import type { CredentialInfo, CredentialWrite, PwsEntryView, PwsField, PwsRef, TokenCaps } from '../tokens/types';

/** Why an account cannot move. */
export type MoveProblem =
  /** No backup, or the backup holds no account of this kind and name: re-enrol it at its site. */
  | 'no-secret'
  /** The name (with a `P/` period prefix where the destination keeps the period in the name) is too long. */
  | 'name-too-long'
  /** The destination lacks the account's hash (a Pro has only SHA-1). */
  | 'algorithm-unsupported'
  /** The destination cannot make codes of this length. */
  | 'digits-unsupported'
  /** The destination cannot hold this kind (reverse HOTP, HMAC challenge-response). */
  | 'kind-unsupported'
  /** No free slot of this kind, no free password entry, or the destination's store is full. */
  | 'no-free-slot'
  /** The destination already holds a credential of this name. */
  | 'name-taken'
  /** A password field is longer than the destination stores. */
  | 'field-too-long'
  /** The secret is longer than the destination stores. */
  | 'secret-too-long';

/** A note on an account that moves, for the review. */
export type MoveNote =
  /** The HOTP counter comes from the backup (the source does not tell its counter). */
  | 'counter-from-backup'
  /** The destination has no touch button: the account moves without its touch flag. */
  | 'touch-dropped'
  /** The destination has no PIN-protected credentials: the account moves unprotected. */
  | 'pin-protection-dropped'
  /** The destination has no comment field: the comment stays behind. */
  | 'comment-dropped'
  /** The password entry joins the OTP account of the same name on the destination. */
  | 'merged-with-otp'
  /** Tools other than keyslot and Yubico's compute this account with 30 s (period kept in the name). */
  | 'period-in-name';

/** One thing on the source, in the order the source lists it. */
export interface MoveSourceItem {
  what: 'otp' | 'password';
  /** Name as the source shows it. */
  name: string;
  kind: CredentialInfo['kind'];
  /** Where it is on the source. */
  from: { slot: SlotRef } | { name: string } | { index: number };
}

/** Something that will move, and where. Holds the secret or password: main only, never sent to the window. */
export interface MoveStep extends MoveSourceItem {
  /** OTP: the credential to write; password: the entry to write. */
  write: CredentialWrite | null;
  pws: { ref: PwsRef; name: string; login?: string; password?: string; comment?: string } | null;
  /** Where it goes on the destination: the slot or entry index, or the name. */
  to: { slot: SlotRef } | { name: string } | { index: number };
  notes: MoveNote[];
}

/** Something that cannot move, and why. */
export interface MoveRefusal extends MoveSourceItem {
  problem: MoveProblem;
  /** The destination's limit that refused it (bytes, digits), when there is one. */
  limit?: number;
}

export interface MovePlan {
  steps: MoveStep[];
  refusals: MoveRefusal[];
}

/** What planning needs about the source. */
export interface MoveSourceFacts {
  credentials: CredentialInfo[];
  /** Password entries with their fields (read in full; the Pro's need its user PIN). */
  pws: PwsEntryView[];
}

/** What planning needs about the destination. */
export interface MoveDestinationFacts {
  caps: TokenCaps;
  credentials: CredentialInfo[];
  /** Used password entries (slot tokens: their indexes; named tokens: the credentials carrying fields). */
  pws: PwsEntryView[];
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;
const sameSlot = (a: SlotRef, b: SlotRef) => a.kind === b.kind && a.index === b.index;

/** The bytes a name takes on the destination: a named token keeps a period ≠ 30 s as a `P/` prefix. */
export function storedNameBytes(caps: TokenCaps, name: string, period: number | undefined): number {
  const prefix = !caps.isPeriodStored && period !== undefined && period !== 30 ? `${period}/` : '';
  return utf8(prefix + name);
}

/**
 * The name without a `P/` period prefix that a named token keeps (ykman's convention, protocol reference
 * nitrokey3-secrets.md §9): "60/Bank:bob" with a 60 s period is "Bank:bob" on any other token.
 */
export function baseName(c: Pick<CredentialInfo, 'name' | 'kind' | 'period'>): string {
  const prefix = c.kind === 'totp' && c.period !== undefined ? `${c.period}/` : null;
  return prefix && c.name.startsWith(prefix) && c.name.length > prefix.length ? c.name.slice(prefix.length) : c.name;
}

/** The backup account that holds this credential's secret, or null. */
export function findBackupAccount(c: CredentialInfo, backup: readonly BackupAccount[]): BackupAccount | null {
  const same = backup.filter(
    (b) =>
      b.account.kind === c.kind &&
      (b.name === c.name || b.name === baseName(c)) &&
      (c.digits === undefined || b.account.digits === c.digits) &&
      (c.kind !== 'totp' || c.period === undefined || (b.account.period ?? 30) === c.period),
  );
  const ref = c.ref;
  const bySlot = 'slot' in ref ? same.find((b) => b.slot && sameSlot(b.slot, ref.slot)) : undefined;
  return bySlot ?? same[0] ?? null;
}

/** Hands out free slots of each kind (slot tokens) or counts free places (named tokens). */
class Places {
  private readonly usedSlots: SlotRef[];
  private readonly names: Set<string>;
  private freeCount: number;
  constructor(
    private readonly caps: TokenCaps,
    credentials: CredentialInfo[],
  ) {
    this.usedSlots = credentials.flatMap((c) => ('slot' in c.ref ? [c.ref.slot] : []));
    this.names = new Set(credentials.map((c) => c.name));
    this.freeCount = caps.maxCredentials - credentials.length;
  }
  isNameTaken(name: string): boolean {
    return this.caps.addressing === 'names' && this.names.has(name);
  }
  take(kind: 'totp' | 'hotp' | 'password', name: string): { slot: SlotRef } | { name: string } | null {
    if (this.caps.addressing === 'names') {
      if (this.freeCount <= 0) return null;
      this.freeCount--;
      this.names.add(name);
      return { name };
    }
    if (kind === 'password' || !this.caps.slots) return null;
    for (let index = 0; index < this.caps.slots[kind]; index++) {
      const slot: SlotRef = { kind, index };
      if (!this.usedSlots.some((u) => sameSlot(u, slot))) {
        this.usedSlots.push(slot);
        return { slot };
      }
    }
    return null;
  }
}

function otpStep(
  c: CredentialInfo,
  backup: readonly BackupAccount[],
  dest: MoveDestinationFacts,
  places: Places,
): MoveStep | Omit<MoveRefusal, keyof MoveSourceItem> {
  const caps = dest.caps;
  if (c.kind !== 'totp' && c.kind !== 'hotp') return { problem: 'kind-unsupported' };
  if (!caps.kinds.includes(c.kind)) return { problem: 'kind-unsupported' };
  const algorithm = c.algorithm ?? 'SHA1';
  if (!caps.algorithms.includes(algorithm)) return { problem: 'algorithm-unsupported' };
  const found = findBackupAccount(c, backup);
  if (!found) return { problem: 'no-secret' };
  const a = found.account;
  if (!caps.digits.includes(a.digits)) return { problem: 'digits-unsupported' };
  if (a.secret.length > caps.maxSecretBytes) return { problem: 'secret-too-long', limit: caps.maxSecretBytes };
  const period = c.kind === 'totp' ? (c.period ?? a.period ?? 30) : undefined;
  const name = baseName(c);
  const stored = !caps.isPeriodStored && period !== undefined && period !== 30 ? `${period}/${name}` : name;
  if (storedNameBytes(caps, name, period) > caps.maxNameBytes)
    return { problem: 'name-too-long', limit: caps.maxNameBytes };
  if (places.isNameTaken(stored)) return { problem: 'name-taken' };
  const to = places.take(c.kind, stored);
  if (!to) return { problem: 'no-free-slot' };
  const notes: MoveNote[] = [];
  const counter = c.kind === 'hotp' ? (c.counter !== undefined ? BigInt(c.counter) : (a.counter ?? 0n)) : undefined;
  if (c.kind === 'hotp' && c.counter === undefined) notes.push('counter-from-backup');
  if (c.isTouchRequired && !caps.touch) notes.push('touch-dropped');
  if (c.isPinProtected && !caps.hasPinProtectedCredentials) notes.push('pin-protection-dropped');
  if (period !== undefined && period !== 30 && !caps.isPeriodStored) notes.push('period-in-name');
  const write: CredentialWrite = {
    ...('slot' in to ? { slot: to.slot } : {}),
    name,
    kind: c.kind,
    secret: a.secret,
    algorithm,
    digits: a.digits,
    ...(period !== undefined ? { period } : {}),
    ...(counter !== undefined ? { counter } : {}),
    ...(caps.touch && c.isTouchRequired ? { isTouchRequired: true } : {}),
    ...(caps.hasPinProtectedCredentials && c.isPinProtected ? { isPinProtected: true } : {}),
  };
  return { what: 'otp', name: c.name, kind: c.kind, from: c.ref, write, pws: null, to, notes };
}

function tooLong(caps: TokenCaps, field: PwsField, value: string | undefined): number | null {
  const max = caps.pws.maxFieldBytes[field];
  return value !== undefined && max !== undefined && utf8(value) > max ? max : null;
}

function pwsStep(
  e: PwsEntryView,
  dest: MoveDestinationFacts,
  places: Places,
  otpNames: Set<string>,
  freeIndexes: number[],
): MoveStep | Omit<MoveRefusal, keyof MoveSourceItem> {
  const caps = dest.caps;
  for (const f of ['name', 'login', 'password'] as const) {
    const limit = tooLong(caps, f, e[f]);
    if (limit !== null) return { problem: f === 'name' ? 'name-too-long' : 'field-too-long', limit };
  }
  const notes: MoveNote[] = [];
  const hasComment = caps.pws.fields.includes('comment');
  if (e.comment && !hasComment) notes.push('comment-dropped');
  const fields = {
    ...(e.login ? { login: e.login } : {}),
    ...(e.password ? { password: e.password } : {}),
    ...(e.comment && hasComment ? { comment: e.comment } : {}),
  };
  const from = e.ref;
  let to: MoveStep['to'];
  if (caps.pws.entries === null) {
    if (utf8(e.name) > caps.maxNameBytes) return { problem: 'name-too-long', limit: caps.maxNameBytes };
    if (otpNames.has(e.name)) notes.push('merged-with-otp');
    else {
      if (places.isNameTaken(e.name)) return { problem: 'name-taken' };
      if (!places.take('password', e.name)) return { problem: 'no-free-slot' };
    }
    to = { name: e.name };
  } else {
    const index = freeIndexes.shift();
    if (index === undefined) return { problem: 'no-free-slot' };
    to = { index };
  }
  const ref: PwsRef = 'name' in to ? { name: to.name } : { index: (to as { index: number }).index };
  return {
    what: 'password',
    name: e.name,
    kind: 'password',
    from,
    write: null,
    pws: { ref, name: e.name, ...fields },
    to,
    notes,
  };
}

/**
 * Plans the move: OTP credentials first (each needs its secret from `backup`), then password entries (which
 * join an OTP account of the same name on a named destination). Everything the destination cannot hold is a
 * refusal with its reason; nothing is dropped silently.
 */
export function planMove(
  source: MoveSourceFacts,
  dest: MoveDestinationFacts,
  backup: readonly BackupAccount[] = [],
): MovePlan {
  const steps: MoveStep[] = [];
  const refusals: MoveRefusal[] = [];
  const places = new Places(dest.caps, dest.credentials);
  for (const c of source.credentials) {
    if (c.kind === 'password') continue;
    const r = otpStep(c, backup, dest, places);
    if ('problem' in r) refusals.push({ what: 'otp', name: c.name, kind: c.kind, from: c.ref, ...r });
    else steps.push(r);
  }
  const otpNames = new Set(steps.flatMap((s) => ('name' in s.to ? [s.to.name] : [])));
  const usedIndexes = new Set(dest.pws.flatMap((p) => ('index' in p.ref ? [p.ref.index] : [])));
  const total = dest.caps.pws.entries ?? 0;
  const freeIndexes = Array.from({ length: total }, (_, i) => i).filter((i) => !usedIndexes.has(i));
  for (const e of source.pws) {
    if (!e.login && !e.password && !e.comment) continue;
    const r = pwsStep(e, dest, places, otpNames, freeIndexes);
    const from = 'index' in e.ref ? { index: e.ref.index } : { name: e.ref.name };
    if ('problem' in r) refusals.push({ what: 'password', name: e.name, kind: 'password', from, ...r });
    else steps.push({ ...r, from });
  }
  return { steps, refusals };
}
