/**
 * Plans where imported accounts go on a token, before anything is written: the first free slot
 * of the right kind for each, names shortened to the token's 15 bytes so they still tell the
 * accounts apart (`slot-name.ts`; flagged for the user's OK), and
 * a refusal with its reason for each account this token cannot hold. Pure: give it the token's
 * facts (`readTokenFacts`) and it says what would happen.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import type { ImportCandidate } from '../otp/migration';
import type { InputField } from '../otp/result';
import { formatSlotRef } from '../otp/slot';
import type { OtpauthAccount } from '../otp/uri';
import { LIMITS, SLOT_COUNT, type SlotRef } from '../protocol/commands';
import type { Model } from '../transport/types';
import type { Token } from '../token';
import { slotCaps } from '../tokens/slot-session';
import type { TokenCaps } from '../tokens/types';
import { proposeSlotNames } from './slot-name';

/** What planning needs to know about a token. */
export interface TokenFacts {
  model: Model;
  /** Longest secret this firmware stores, in bytes (40, or 20 on old firmware). */
  maxSecretBytes: number;
  /** Every slot, HOTP then TOTP, with its name or null when empty. */
  slots: { slot: SlotRef; name: string | null }[];
  /** The hashes and code lengths the token computes (default: a slot token's, `slotCaps`). */
  caps?: Pick<TokenCaps, 'algorithms' | 'digits'>;
}

/** The capabilities planning asks: the facts' own, else a slot token's. */
export function capsOf(facts: TokenFacts): Pick<TokenCaps, 'algorithms' | 'digits'> {
  return facts.caps ?? slotCaps(facts.maxSecretBytes);
}

/**
 * Why a token with these capabilities cannot make an account's codes (its hash or its code length), or
 * null. Asks the capabilities, not the model (style guide §9).
 */
export function capsProblem(
  a: { algorithm?: string; digits: number },
  caps: Pick<TokenCaps, 'algorithms' | 'digits'>,
): { field: InputField; problem: string } | null {
  const algorithm = a.algorithm ?? 'SHA1';
  const algorithms: readonly string[] = caps.algorithms;
  if (!algorithms.includes(algorithm)) {
    const problem =
      algorithms.length === 1 && algorithms[0] === 'SHA1'
        ? PROBLEMS_EN.algorithmNotSha1({ algorithm })
        : PROBLEMS_EN.nk3Algorithm({ algorithm, algorithms: [...algorithms] });
    return { field: 'algorithm', problem };
  }
  if (!caps.digits.includes(a.digits)) {
    const isSlotDigits = caps.digits.length === 2 && caps.digits[0] === 6 && caps.digits[1] === 8;
    const problem = isSlotDigits
      ? PROBLEMS_EN.tokenDigits
      : PROBLEMS_EN.nk3Digits({ digits: String(a.digits), allowed: [...caps.digits] });
    return { field: 'digits', problem };
  }
  return null;
}

/** Reads the facts of a token (one READ_SLOT per slot). */
export async function readTokenFacts(token: Token): Promise<TokenFacts> {
  const slots = (await token.listSlots()).map((s) => ({ slot: s.slot, name: s.value?.name ?? null }));
  return { model: token.model, maxSecretBytes: token.maxSecretBytes, slots, caps: slotCaps(token.maxSecretBytes) };
}

/** One account and the slot it would be written to. */
export interface Assignment {
  /** Position of the account in the candidates given. */
  index: number;
  label: string;
  account: OtpauthAccount;
  slot: SlotRef;
  /** The name the slot gets, at most 15 UTF-8 bytes. */
  name: string;
  /** True when the name is not what the account is called (cut to 15 bytes, or made up): the user should OK it. */
  isNameChanged: boolean;
  /** Why the name changed, for the review list. */
  nameNote?: string;
  /** The name of the account the slot holds now, when writing replaces it. */
  replaces?: string;
}

/** An account that will not be written, and why (never the secret). */
export interface Refusal {
  index: number;
  label: string;
  problem: string;
  field: InputField | 'slot';
}

/** The outcome of planning. When `problem` is set there are no assignments: nothing may be written. */
export interface ImportPlan {
  assignments: Assignment[];
  refusals: Refusal[];
  /** A reason the whole import cannot go ahead (more accounts than free slots, a slot that does not fit). */
  problem?: string;
  /** Things to look at in the review, e.g. a name another slot already has. */
  notes: string[];
}

/** Choices the user made. */
export interface PlanOptions {
  /** Write the (single) account to this slot, replacing what it holds. */
  slot?: SlotRef;
  /** Name the (single) account this, instead of "Issuer:account". */
  name?: string;
  /** Per candidate, a slot to use if it is free (a restore puts accounts back where they were). */
  preferredSlots?: (SlotRef | undefined)[];
}

const same = (a: SlotRef, b: SlotRef) => a.kind === b.kind && a.index === b.index;

/** Slots a model cannot use although it has them: the Storage ignores writes to TOTP slot 15 (§5.3). */
function isUsable(model: Model, slot: SlotRef): boolean {
  return !(model === 'storage' && slot.kind === 'totp' && slot.index === SLOT_COUNT.totp - 1);
}

/** A refusal for what this token cannot hold, or null. */
function tokenProblem(a: OtpauthAccount, facts: TokenFacts): { field: InputField; problem: string } | null {
  if (a.secret.length > facts.maxSecretBytes) {
    return facts.maxSecretBytes < LIMITS.secret
      ? {
          field: 'secret',
          problem: PROBLEMS_EN.secretOverFirmware({
            bytes: a.secret.length,
            maxBytes: facts.maxSecretBytes,
            updated: LIMITS.secret,
          }),
        }
      : {
          field: 'secret',
          problem: PROBLEMS_EN.secretBytes({ bytes: a.secret.length, maxBytes: facts.maxSecretBytes }),
        };
  }
  const unsupported = capsProblem(a, capsOf(facts));
  if (unsupported) return unsupported;
  if (a.kind === 'totp' && !(Number.isInteger(a.period ?? 30) && (a.period ?? 30) >= 1 && (a.period ?? 30) <= 0xffff)) {
    return { field: 'period', problem: PROBLEMS_EN.tokenPeriods };
  }
  if (a.secret.length > 0 && a.secret.every((b) => b === 0))
    return {
      field: 'secret',
      problem: PROBLEMS_EN.zeroSecret,
    };
  return null;
}

const nameRequest = (a: OtpauthAccount) => ({ issuer: a.issuer, account: a.account, name: a.name });

/**
 * Plans an import. Refuses per account what this token cannot hold (secret over this firmware's
 * limit, digits, period); refuses the whole import when the usable accounts outnumber the free
 * slots of their kind, or `opts.slot` is of the wrong kind or given for several accounts.
 */
export function planImport(candidates: ImportCandidate[], facts: TokenFacts, opts: PlanOptions = {}): ImportPlan {
  const refusals: Refusal[] = [];
  const usable: { index: number; label: string; account: OtpauthAccount }[] = [];
  candidates.forEach((c, index) => {
    if (!c.ok) return refusals.push({ index, label: c.label, problem: c.problem, field: c.field });
    const p = tokenProblem(c.account, facts);
    if (p) return refusals.push({ index, label: c.label, ...p });
    usable.push({ index, label: c.label, account: c.account });
  });
  const notes: string[] = [];
  const none = (problem: string): ImportPlan => ({ assignments: [], refusals, problem, notes });
  if (usable.length === 0) return { assignments: [], refusals, notes };
  if ((opts.slot || opts.name !== undefined) && usable.length > 1) {
    return none(PROBLEMS_EN.oneAtATime({ count: usable.length }));
  }
  const taken: SlotRef[] = [];
  const assignments: Assignment[] = [];
  if (opts.slot) {
    const u = usable[0];
    if (u.account.kind !== opts.slot.kind)
      return none(
        PROBLEMS_EN.accountSlotKind({ kind: u.account.kind, slot: formatSlotRef(opts.slot), slotKind: opts.slot.kind }),
      );
    if (!isUsable(facts.model, opts.slot)) return none(PROBLEMS_EN.storageSlot15);
    const replaces = facts.slots.find((s) => same(s.slot, opts.slot!))?.name ?? undefined;
    // The slot's own name goes with what it holds, so it does not count as taken.
    const kept = facts.slots.filter((s) => s.name !== null && !same(s.slot, opts.slot!)).map((s) => s.name!);
    const [named] = proposeSlotNames([{ ...nameRequest(u.account), given: opts.name }], kept);
    assignments.push({
      index: u.index,
      label: u.label,
      account: u.account,
      slot: opts.slot,
      ...named,
      ...(replaces ? { replaces } : {}),
    });
  } else {
    const free = facts.slots.filter((s) => s.name === null && isUsable(facts.model, s.slot)).map((s) => s.slot);
    for (const kind of ['hotp', 'totp'] as const) {
      const want = usable.filter((u) => u.account.kind === kind).length;
      const have = free.filter((s) => s.kind === kind).length;
      if (want > have) {
        return none(PROBLEMS_EN.tooFewSlots({ kind, want, have }));
      }
    }
    // Only free slots are written here, so every programmed slot keeps its name.
    const names = proposeSlotNames(
      usable.map((u) => ({ ...nameRequest(u.account), given: opts.name })),
      facts.slots.flatMap((s) => (s.name === null ? [] : [s.name])),
    );
    usable.forEach((u, n) => {
      const preferred = opts.preferredSlots?.[u.index];
      const slot =
        preferred && free.some((s) => same(s, preferred)) && !taken.some((s) => same(s, preferred))
          ? preferred
          : free.find((s) => s.kind === u.account.kind && !taken.some((t) => same(t, s)))!;
      taken.push(slot);
      assignments.push({ index: u.index, label: u.label, account: u.account, slot, ...names[n] });
    });
  }
  for (const a of assignments) {
    const clash = facts.slots.find((s) => s.name === a.name && !same(s.slot, a.slot));
    if (clash) notes.push(PROBLEMS_EN.alreadyCalled({ slot: formatSlotRef(clash.slot), name: a.name }));
  }
  return { assignments, refusals, notes };
}
