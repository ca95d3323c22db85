/**
 * Pure pieces of the import flow: the token's facts from the slot list main already holds, and an
 * import's plan as the review the renderer shows (no secrets in it).
 */
import {
  SLOT_COUNT,
  type AlreadyOnToken,
  type ImportCandidate,
  type ImportPlan,
  type Model,
  type OtpauthAccount,
  type SlotRef,
  type TokenFacts,
} from '../../device/index';
import { TOTP_PERIOD } from '../../shared/constants';
import type { AccountDetails, ImportItem, ImportReview, ImportSource, SlotSummary } from '../ipc/contract';

/** TokenFacts from the cached slot list: every slot, HOTP then TOTP, with its name or null. */
export function factsFromSlots(model: Model, maxSecretBytes: number, programmed: readonly SlotSummary[]): TokenFacts {
  const slots: TokenFacts['slots'] = [];
  for (const kind of ['hotp', 'totp'] as const) {
    for (let index = 0; index < SLOT_COUNT[kind]; index++) {
      const found = programmed.find((s) => s.slot.kind === kind && s.slot.index === index);
      slots.push({ slot: { kind, index }, name: found?.name ?? null });
    }
  }
  return { model, maxSecretBytes, slots };
}

/** Free slots a write may use: the Storage ignores writes to TOTP slot 15 (protocol reference §5.3). */
export function freeSlots(facts: TokenFacts): SlotRef[] {
  return facts.slots
    .filter(
      (s) =>
        s.name === null &&
        !(facts.model === 'storage' && s.slot.kind === 'totp' && s.slot.index === SLOT_COUNT.totp - 1),
    )
    .map((s) => s.slot);
}

/** What an account is, without its secret. */
export function accountDetails(a: OtpauthAccount): AccountDetails {
  return {
    kind: a.kind,
    digits: a.digits,
    ...(a.kind === 'totp' ? { period: a.period ?? TOTP_PERIOD.default } : { counter: String(a.counter ?? 0n) }),
    ...(a.issuer ? { issuer: a.issuer } : {}),
    ...(a.account ? { account: a.account } : {}),
  };
}

/** Everything a review is made of. */
export interface ReviewParts {
  id: string;
  source: ImportSource;
  candidates: readonly ImportCandidate[];
  /** A restore's plan also lists the accounts the token holds already. */
  plan: ImportPlan & { alreadyOnToken?: AlreadyOnToken[] };
  /** Problems of the scan (texts without accounts, export codes missing). */
  scanNotes: readonly string[];
  facts: TokenFacts;
  tokenSerial: string | null;
  backup?: ImportReview['backup'];
}

/** The review list: each account with where it goes, or why it cannot be written. */
export function toReview(p: ReviewParts): ImportReview {
  const items: ImportItem[] = p.candidates.map((c, index) => {
    const item: ImportItem = { index, label: c.label };
    if (c.ok) item.details = accountDetails(c.account);
    const a = p.plan.assignments.find((x) => x.index === index);
    if (a) {
      item.target = { slot: a.slot, name: a.name, isNameChanged: a.isNameChanged };
      if (a.nameNote) item.target.nameNote = a.nameNote;
      if (a.replaces) item.target.replaces = a.replaces;
    }
    const r = p.plan.refusals.find((x) => x.index === index);
    if (r) item.refusal = { problem: r.problem, field: r.field };
    return item;
  });
  const review: ImportReview = {
    id: p.id,
    source: p.source,
    items,
    notes: [...p.scanNotes, ...p.plan.notes],
    tokenSerial: p.tokenSerial,
    freeSlots: freeSlots(p.facts),
  };
  if (p.plan.problem) review.problem = p.plan.problem;
  if (p.backup) review.backup = p.backup;
  if (p.plan.alreadyOnToken)
    review.alreadyOnToken = p.plan.alreadyOnToken.map((a) => ({
      index: a.index,
      label: a.label,
      slot: a.slot,
      name: a.name,
    }));
  return review;
}
