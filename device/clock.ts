/** Time source injected into Token and the virtual token, so tests control time exactly. */
export interface Clock {
  /** Milliseconds since the Unix epoch (wall clock). */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
