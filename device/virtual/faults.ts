/**
 * Fault injection for the virtual token. A plain mutable object: set a field, and the token consumes
 * it as the fault fires (counters count down to 0 and are then deleted).
 */

/** Faults the virtual token will inject. All fields are optional; absent means "no fault". */
export interface FaultPlan {
  /** The next N SET_REPORTs are lost: not processed, the response buffer is unchanged. */
  dropRequests?: number;
  /** The next N GET_REPORTs that deliver a finished response have one bit of R[60] flipped. */
  corruptResponseCrcs?: number;
  /**
   * The next N GET_REPORTs answer "busy": Pro / Librem Key R[0] = 1 over the previous body (§1.3);
   * Storage (which never reports busy in R[0]) the previous response, stale, with R[0] = 0.
   * The pending response itself is kept and delivered afterwards.
   */
  busyReports?: number;
  /**
   * Unplug the token right after the next SET_REPORT returns. 'after-execute': the command ran
   * (its state changes happened, the answer is lost); 'before-execute': it never ran.
   */
  unplugAfterNextSet?: 'before-execute' | 'after-execute';
  /**
   * The next N smart-card operations fail (PIN verify, PIN change, unblock, retry-count read, AES).
   * Use Infinity for a dead card. A failed verify does not consume a try.
   */
  cardFailures?: number;
}

type CountKey = 'dropRequests' | 'corruptResponseCrcs' | 'busyReports' | 'cardFailures';

/** Consumes one occurrence of a counted fault; true if it fires now. */
export function takeFault(plan: FaultPlan, key: CountKey): boolean {
  const n = plan[key];
  if (n === undefined || !(n > 0)) return false;
  if (n - 1 > 0) plan[key] = n - 1;
  else delete plan[key];
  return true;
}
