/**
 * Writes planned accounts to a token and verifies each one. Every write is checked against the
 * token's limits first (`Token.checkSlotWrite`), so a plan that does not fit writes nothing.
 */
import type { Clock } from '../clock';
import { isDeviceError, type DeviceError } from '../errors';
import type { SlotWrite, Token } from '../token';
import type { Assignment } from './plan';
import { verifySlot, type VerifyResult } from './verify';

/** One written account and how its check went. */
export interface WriteResult {
  assignment: Assignment;
  verify: VerifyResult;
}

/** What happened; `failure` is set when the token failed part-way (the accounts before it were written). */
export interface WriteReport {
  results: WriteResult[];
  failure?: { assignment: Assignment; error: unknown };
}

/** The SlotWrite for an assignment. */
export function slotWriteFor(a: Assignment): SlotWrite {
  const { account } = a;
  return {
    name: a.name,
    secret: account.secret,
    digits: account.digits,
    ...(account.kind === 'totp' ? { period: account.period ?? 30 } : { counter: account.counter ?? 0n }),
  };
}

/** The first assignment this token refuses (name, secret, Storage slot 15, …), before anything is sent. */
export function checkAssignments(
  token: Token,
  assignments: Assignment[],
): { assignment: Assignment; error: DeviceError } | null {
  for (const a of assignments) {
    const error = token.checkSlotWrite(a.slot, slotWriteFor(a));
    if (error) return { assignment: a, error };
  }
  return null;
}

/**
 * Writes each assignment and verifies it (HOTP: one counter step). Needs admin authentication
 * first, and the user PIN too when the token wants it for codes. Throws the DeviceError of
 * `checkAssignments` before writing anything; later token failures end the run and are reported
 * in `failure`. `onWritten` is called after each account, for progress.
 */
export async function writeAndVerify(
  token: Token,
  assignments: Assignment[],
  clock?: Clock,
  onWritten?: (r: WriteResult) => void,
): Promise<WriteReport> {
  const refused = checkAssignments(await token.ready(), assignments);
  if (refused) throw refused.error;
  const results: WriteResult[] = [];
  for (const assignment of assignments) {
    try {
      await token.writeSlot(assignment.slot, slotWriteFor(assignment));
      const verify = await verifySlot(
        token,
        assignment.slot,
        { account: assignment.account, name: assignment.name },
        clock,
      );
      const r = { assignment, verify };
      results.push(r);
      onWritten?.(r);
    } catch (error) {
      if (!isDeviceError(error)) throw error;
      return { results, failure: { assignment, error } };
    }
  }
  return { results };
}
