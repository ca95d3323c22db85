/**
 * Checks a freshly written slot with the secret the host still holds: the token's own code must be
 * the code RFC 4226/6238 give for that secret. A mismatch is a result with what differed, never a
 * success.
 * @see https://www.rfc-editor.org/rfc/rfc4226 (HOTP)
 * @see https://www.rfc-editor.org/rfc/rfc6238 (TOTP)
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { systemClock, type Clock } from '../clock';
import { computeCode } from '../otp/compute';
import { formatSlotRef } from '../otp/slot';
import type { OtpauthAccount } from '../otp/uri';
import type { SlotRef } from '../protocol/commands';
import type { Token } from '../token';

/** A verified slot: the code the token gave, which is also the code to type into the site. */
export type VerifyResult =
  | {
      ok: true;
      kind: 'totp';
      code: string;
      /** Unix time (ms) when this code's time step ends. */ validUntilMs: number;
    }
  | {
      ok: true;
      kind: 'hotp';
      code: string;
      /** The counter the code used (the slot now holds counter + 1). */ counter: bigint;
    }
  | {
      ok: false;
      kind: 'totp' | 'hotp';
      /** Sentences saying what differed. */ differences: string[];
      tokenCode?: string;
      expectedCode?: string;
    };

/** What was written, to compare the slot with. */
export interface Expected {
  account: OtpauthAccount;
  name: string;
}

/** Mismatches between what READ_SLOT reports and what was written. */
function slotDifferences(read: Awaited<ReturnType<Token['readSlot']>>, slot: SlotRef, e: Expected): string[] {
  const ref = formatSlotRef(slot);
  if (!read) return [PROBLEMS_EN.emptyAfterWriting({ slot: ref })];
  const out: string[] = [];
  if (read.name !== e.name) out.push(PROBLEMS_EN.calledOther({ slot: ref, read: read.name, want: e.name }));
  if (read.digits !== e.account.digits)
    out.push(PROBLEMS_EN.digitsOther({ slot: ref, read: read.digits, want: e.account.digits }));
  if (slot.kind === 'totp' && read.period !== (e.account.period ?? 30))
    out.push(PROBLEMS_EN.periodOther({ slot: ref, read: read.period ?? 0, want: e.account.period ?? 30 }));
  if (slot.kind === 'hotp' && read.counter !== (e.account.counter ?? 0n))
    out.push(
      PROBLEMS_EN.counterOther({ slot: ref, read: String(read.counter), want: String(e.account.counter ?? 0n) }),
    );
  return out;
}

/**
 * TOTP: sets the token's clock (soft: 'time-refused' when the token's clock is ahead), asks for
 * its code and compares it with the code for the same time step. A neighbouring later step is
 * accepted only when the token's clock could have ticked over to it while the commands ran (the
 * Pro's tick phase survives SET_TIME, protocol reference §14.1).
 * HOTP: uses one counter step. Compares the token's code with the code at the counter the slot
 * held before GET_CODE.
 * Needs the user PIN first when the token's config asks for it for codes (getCode throws
 * 'not-authorized'). Throws DeviceError for token failures.
 */
export async function verifySlot(
  token: Token,
  slot: SlotRef,
  expected: Expected,
  clock: Clock = systemClock,
): Promise<VerifyResult> {
  const { account } = expected;
  const differences: string[] = [];
  if (slot.kind !== account.kind)
    return {
      ok: false,
      kind: slot.kind,
      differences: [PROBLEMS_EN.slotKindOther({ slot: formatSlotRef(slot), kind: slot.kind, account: account.kind })],
    };
  if (slot.kind === 'hotp') {
    const read = await token.readSlot(slot);
    differences.push(...slotDifferences(read, slot, expected));
    const counter = read?.counter ?? account.counter ?? 0n;
    const got = await token.getCode(slot);
    if (counter > BigInt(Number.MAX_SAFE_INTEGER)) {
      return {
        ok: false,
        kind: 'hotp',
        differences: [...differences, PROBLEMS_EN.counterTooHigh],
        tokenCode: got.code,
      };
    }
    const want = computeCode({ kind: 'hotp', secret: account.secret, digits: account.digits, counter });
    if (got.code !== want) differences.push(PROBLEMS_EN.hotpCodeOther({ counter: String(counter) }));
    return differences.length
      ? { ok: false, kind: 'hotp', differences, tokenCode: got.code, expectedCode: want }
      : { ok: true, kind: 'hotp', code: got.code, counter };
  }
  const period = account.period ?? 30;
  const before = clock.now();
  const setSeconds = Math.floor(before / 1000);
  await token.setTime(setSeconds);
  const read = await token.readSlot(slot);
  differences.push(...slotDifferences(read, slot, expected));
  const got = await token.getCode(slot);
  const after = clock.now();
  // The token's seconds are at least what was set, and at most that plus the time that passed and one tick phase.
  const first = Math.floor(setSeconds / period);
  const last = Math.floor((setSeconds + Math.ceil((after - before) / 1000) + 1) / period);
  let want = '';
  let matchedStep: number | null = null;
  for (let step = first; step <= last && matchedStep === null; step++) {
    const code = computeCode({
      kind: 'totp',
      secret: account.secret,
      digits: account.digits,
      period,
      timestampMs: step * period * 1000,
    });
    if (step === first) want = code;
    if (code === got.code) matchedStep = step;
  }
  if (matchedStep !== null && differences.length === 0)
    return { ok: true, kind: 'totp', code: got.code, validUntilMs: (matchedStep + 1) * period * 1000 };
  if (matchedStep === null) {
    differences.push(
      PROBLEMS_EN.totpCodeOther({
        time: new Date(setSeconds * 1000).toISOString(),
        step: first,
        orNext: last > first,
      }),
    );
  }
  return { ok: false, kind: 'totp', differences, tokenCode: got.code, expectedCode: want };
}
