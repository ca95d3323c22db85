/**
 * Restoring a backup to a token (the same one or a spare): the backup's accounts become import
 * candidates, planned on the target like an import, preferring the slots they were in. Open the
 * backup fully first (`openBackup` checks everything before returning any account), so a bad
 * file restores nothing; `planRestore` refuses the whole restore when any account does not fit.
 * Accounts the token holds already (`findOnToken`) are left out, so a second restore onto the
 * same token writes no duplicates.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { systemClock, type Clock } from '../clock';
import { isDeviceError } from '../errors';
import { verifySlot } from '../enrol/verify';
import { accountLabel } from '../otp/import';
import type { ImportCandidate } from '../otp/migration';
import { checkSlotName, formatSlotRef } from '../otp/slot';
import { capsOf, capsProblem, planImport, type ImportPlan, type TokenFacts } from '../enrol/plan';
import { slotCaps } from '../tokens/slot-session';
import type { SlotRef } from '../protocol/commands';
import type { Token } from '../token';
import { asSlotAccount, type BackupContents } from './contents';

/** A backup account the token holds already, in `slot` under `name`. */
export interface AlreadyOnToken {
  /** Position of the account in the backup. */
  index: number;
  label: string;
  slot: SlotRef;
  name: string;
}

/** What asking the token found: accounts it holds already, and why some could not be compared. */
export interface OnTokenCheck {
  present: { index: number; slot: SlotRef }[];
  /** Sentences for the review (no secret, no code). */
  notes: string[];
}

/** A restore's plan: an import plan over the accounts still to write, and those left out. */
export interface RestorePlan extends ImportPlan {
  /** Accounts not written because the token holds them already (by index into the backup). */
  alreadyOnToken: AlreadyOnToken[];
}

/**
 * The backup's accounts as candidates for a slot token, with the names they had. An account the token's
 * capabilities cannot compute (`facts.caps`: a SHA-256 or 7-digit account from a Nitrokey 3) is a refused
 * candidate with its reason.
 */
export function backupCandidates(contents: BackupContents, facts?: TokenFacts): ImportCandidate[] {
  const caps = facts ? capsOf(facts) : slotCaps();
  return contents.accounts.map((b): ImportCandidate => {
    const label = accountLabel({ ...b.account, name: b.name });
    const refused = capsProblem(b.account, caps);
    const account = asSlotAccount(b.account);
    if (refused || !account) return { ok: false, label, ...(refused ?? capsProblem(b.account, slotCaps())!) };
    return { ok: true, account: { ...account, name: b.name }, label };
  });
}

const same = (a: SlotRef, b: SlotRef) => a.kind === b.kind && a.index === b.index;

/**
 * Finds the backup's TOTP accounts the token holds already: a TOTP slot with the account's name,
 * digits and period whose code is the code of the account's secret (`verifySlot`: it sets the
 * token's clock softly, and accepts the next time step near a boundary, since the Pro's tick phase
 * survives SET_TIME, protocol reference §14.1). HOTP slots are never asked: each code advances
 * the counter (RFC 4226 §5.2). Asks nothing when the token wants the user PIN for codes and does
 * not hold it, or when it refuses the time ('time-refused'); a note says so. Throws DeviceError
 * for other token failures.
 */
export async function findOnToken(
  token: Token,
  contents: BackupContents,
  facts: TokenFacts,
  clock: Clock = systemClock,
): Promise<OnTokenCheck> {
  const present: OnTokenCheck['present'] = [];
  // Only accounts a slot can hold are compared (a SHA-256 or 7-digit one is planned as refused).
  const pairs = contents.accounts.flatMap((b, index) => {
    const account = asSlotAccount(b.account);
    return account?.kind === 'totp'
      ? facts.slots
          .filter((s) => s.slot.kind === 'totp' && s.name === b.name)
          .map((s) => ({ index, b: { account, name: b.name }, slot: s.slot }))
      : [];
  });
  if (pairs.length === 0) return { present, notes: [] };
  if ((await token.isUserPinRequiredForCodes()) && !token.isAuthenticated('user')) {
    return {
      present,
      notes: [PROBLEMS_EN.restoreNotCompared],
    };
  }
  for (const { index, b, slot } of pairs) {
    if (present.some((p) => p.index === index || same(p.slot, slot))) continue;
    try {
      if ((await verifySlot(token, slot, { account: b.account, name: b.name }, clock)).ok)
        present.push({ index, slot });
    } catch (e) {
      if (!isDeviceError(e) || (e.code !== 'time-refused' && e.code !== 'not-authorized')) throw e;
      const why =
        e.code === 'time-refused'
          ? "the token's clock is ahead of this computer's"
          : 'the token wants the user PIN for codes';
      return {
        present,
        notes: [PROBLEMS_EN.restoreCompareFailed({ why })],
      };
    }
  }
  return { present, notes: [] };
}

/**
 * Plans a restore on a token. Accounts in `onToken.present` are left out and listed in
 * `alreadyOnToken`. For the rest a restore is all or nothing: if any of them is refused (say a
 * 40-byte secret on old firmware) the plan gets a `problem` and no assignments.
 */
export function planRestore(
  contents: BackupContents,
  facts: TokenFacts,
  onToken: OnTokenCheck = { present: [], notes: [] },
): RestorePlan {
  const all = backupCandidates(contents, facts);
  const isPresent = (i: number) => onToken.present.some((p) => p.index === i);
  const todo = contents.accounts.map((_, i) => i).filter((i) => !isPresent(i));
  const alreadyOnToken = onToken.present.map((p) => ({
    index: p.index,
    label: all[p.index].label,
    slot: p.slot,
    name: contents.accounts[p.index].name,
  }));
  const planned = planImport(
    todo.map((i) => all[i]),
    facts,
    { preferredSlots: todo.map((i) => contents.accounts[i].slot) },
  );
  // planImport numbers the accounts it was given; give them back their place in the backup.
  const plan: RestorePlan = {
    ...planned,
    assignments: planned.assignments.map((a) => ({ ...a, index: todo[a.index] })),
    refusals: planned.refusals.map((r) => ({ ...r, index: todo[r.index] })),
    notes: [...onToken.notes, ...planned.notes],
    alreadyOnToken,
  };
  // Accounts keep the names they had in the backup when a slot can take them (a Nitrokey 3's may be
  // longer than 15 bytes: those keep the name planImport proposed, flagged as changed).
  for (const a of plan.assignments) {
    if (!checkSlotName(contents.accounts[a.index].name).ok) continue;
    a.name = contents.accounts[a.index].name;
    a.isNameChanged = false;
    delete a.nameNote;
  }
  // planImport looked for clashes under the names it proposed; a restore keeps the backup's names.
  for (const a of plan.assignments) {
    const clash = facts.slots.find((s) => s.name === a.name && !same(s.slot, a.slot));
    if (!clash) continue;
    const ref = formatSlotRef(clash.slot);
    const plain = PROBLEMS_EN.alreadyCalled({ slot: ref, name: a.name });
    const note =
      a.account.kind === 'hotp' && clash.slot.kind === 'hotp'
        ? PROBLEMS_EN.alreadyCalledHotp({ slot: ref, name: a.name })
        : plain;
    plan.notes = plan.notes.filter((n) => n !== plain);
    if (!plan.notes.includes(note)) plan.notes.push(note);
  }
  if (plan.refusals.length && !plan.problem) {
    return {
      ...plan,
      assignments: [],
      problem: PROBLEMS_EN.restoreRefused({ refused: plan.refusals.length, count: todo.length }),
    };
  }
  return plan;
}
