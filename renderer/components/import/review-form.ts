/**
 * The review step's choices: which accounts to write, to which slot and under which name, and
 * whether everything is settled. Pure, so tests read it directly. Holds no secret.
 */
import type { ImportItem, ImportReview, SlotRef, SlotSummary } from '../../../electron/ipc/contract';
import { TOTP_PERIOD } from '../../../shared/constants';
import { t, type MessageKey } from '../../i18n';
import { utf8Bytes } from '../../validation';

/** What the person settled on for one account. */
export interface Choice {
  index: number;
  isIncluded: boolean;
  name: string;
  slot: SlotRef;
  /** The person OK'd a name keyslot shortened (or changed it themselves). */
  isNameOk: boolean;
  /** The person OK'd replacing what the slot holds. */
  isReplaceOk: boolean;
}

const same = (a: SlotRef, b: SlotRef) => a.kind === b.kind && a.index === b.index;

/** One choice per account that can be written, as planned. */
export function initialChoices(review: ImportReview): Choice[] {
  return review.items.flatMap((i) =>
    i.target
      ? [
          {
            index: i.index,
            isIncluded: true,
            name: i.target.name,
            slot: i.target.slot,
            isNameOk: !i.target.isNameChanged,
            isReplaceOk: false,
          },
        ]
      : [],
  );
}

/** The programmed slot a choice would overwrite, or null. */
export function occupant(choice: Pick<Choice, 'slot'>, slots: readonly SlotSummary[]): SlotSummary | null {
  return slots.find((s) => same(s.slot, choice.slot)) ?? null;
}

/** Problems by account index: names that do not fit, slots chosen twice, OKs still missing. */
export function choiceProblems(
  choices: readonly Choice[],
  slots: readonly SlotSummary[],
  nameMax: number,
): Record<number, string> {
  const out: Record<number, string> = {};
  const included = choices.filter((c) => c.isIncluded);
  for (const c of included) {
    const bytes = utf8Bytes(c.name);
    if (bytes === 0) out[c.index] = t('nameEmpty');
    else if (bytes > nameMax) out[c.index] = t('nameTooLong', { n: bytes, max: nameMax });
    else if (included.some((d) => d !== c && same(d.slot, c.slot))) out[c.index] = t('slotTwice');
    else if (!c.isNameOk) out[c.index] = t('nameShortenedOk');
    else if (occupant(c, slots) && !c.isReplaceOk) out[c.index] = t('replaceOk');
  }
  return out;
}

/** True when at least one account is chosen and nothing is left to fix or OK. */
export function canWrite(choices: readonly Choice[], slots: readonly SlotSummary[], nameMax: number): boolean {
  return choices.some((c) => c.isIncluded) && Object.keys(choiceProblems(choices, slots, nameMax)).length === 0;
}

/** The request's choices, and whether the person OK'd every shortened name and every replacement. */
export function toWriteChoices(
  choices: readonly Choice[],
  slots: readonly SlotSummary[],
): { choices: { index: number; slot: SlotRef; name: string }[]; isConfirmed: boolean } {
  const included = choices.filter((c) => c.isIncluded);
  return {
    choices: included.map((c) => ({ index: c.index, slot: c.slot, name: c.name })),
    isConfirmed: included.every((c) => c.isNameOk && (!occupant(c, slots) || c.isReplaceOk)),
  };
}

/** What to do instead, for a refused account, by the field at fault. */
export function refusalAdvice(item: ImportItem): string {
  const field = item.refusal?.field;
  const key = (['algorithm', 'digits', 'secret', 'period'] as const).find((f) => f === field);
  return t((key ? `refuseAdvice_${key}` : 'refuseAdvice_other') as MessageKey);
}

/** "TOTP, 6 digits, every 30 s" for an account. */
export function describeAccount(item: ImportItem): string {
  const d = item.details;
  if (!d) return '';
  return d.kind === 'totp'
    ? t('accountKindTotp', { digits: d.digits, period: d.period ?? TOTP_PERIOD.default })
    : t('accountKindHotp', { digits: d.digits, counter: d.counter ?? '0' });
}
