/**
 * The virtual Nitrokey 3's touch button (protocol reference §7): a policy decides what a touch request
 * gets. `accept` confirms at once (the USB/IP runner's default `accept-all`), `reject` refuses at once,
 * `ask` waits for {@link TouchButton.press} until the firmware's 15 s timeout.
 */

/** How touch requests are answered. */
export type TouchPolicy = 'accept' | 'reject' | 'ask';

/** Outcome of one touch request: `timeout` → `6982`, `cancelled` (CTAPHID CANCEL) → `6500` (§7). */
export type TouchOutcome = 'touched' | 'timeout' | 'cancelled';

/** Options of a {@link TouchButton}. */
export interface TouchButtonOptions {
  policy?: TouchPolicy;
  /** Milliseconds an `ask` request waits; the firmware's UP_TIMEOUT_MILLISECONDS is 15000. */
  timeoutMs?: number;
}

/**
 * The button. A refused touch (`reject`) is reported as `timeout`: the firmware cannot tell a refusal
 * from no touch within 15 s, both answer `6982` (§7; the USB/IP runner's `reject-all` is not documented
 * further — see the open questions of the report).
 */
export class TouchButton {
  policy: TouchPolicy;
  timeoutMs: number;
  /** Touch requests so far (tests count them). */
  requests = 0;
  private waiting: ((o: TouchOutcome) => void) | null = null;
  private readonly listeners = new Set<(isWaiting: boolean) => void>();

  constructor(opts: TouchButtonOptions = {}) {
    this.policy = opts.policy ?? 'accept';
    this.timeoutMs = opts.timeoutMs ?? 15000;
  }

  /** True while a request waits for a press. */
  get isWaiting(): boolean {
    return this.waiting !== null;
  }

  /** Calls `fn(true)` when a request starts waiting and `fn(false)` when it ends; returns an unsubscribe. */
  onWaitingChange(fn: (isWaiting: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** One touch request, as the firmware's `user_present()`. */
  request(): Promise<TouchOutcome> {
    this.requests++;
    if (this.policy === 'accept') return Promise.resolve('touched');
    if (this.policy === 'reject') return Promise.resolve('timeout');
    if (this.waiting) this.waiting('cancelled');
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish('timeout'), this.timeoutMs);
      const finish = (o: TouchOutcome) => {
        clearTimeout(timer);
        if (this.waiting === finish) {
          this.waiting = null;
          for (const fn of this.listeners) fn(false);
        }
        resolve(o);
      };
      this.waiting = finish;
      for (const fn of this.listeners) fn(true);
    });
  }

  /** Presses the button: a waiting request is confirmed. Returns false if none was waiting. */
  press(): boolean {
    if (!this.waiting) return false;
    this.waiting('touched');
    return true;
  }

  /** Ends a waiting request as interrupted (CTAPHID CANCEL, §3.9). Returns false if none was waiting. */
  cancel(): boolean {
    if (!this.waiting) return false;
    this.waiting('cancelled');
    return true;
  }
}
