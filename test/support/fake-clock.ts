/**
 * A Clock for tests: time moves only when the test says so. `sleep(ms)` advances it at once.
 */
import type { Clock } from '../../device/clock';

export class FakeClock implements Clock {
  private ms: number;

  /** Starts at `startMs` milliseconds since the Unix epoch (default 0). */
  constructor(startMs = 0) {
    this.ms = startMs;
  }

  now(): number {
    return this.ms;
  }

  /** Advances time by `ms` and resolves immediately. */
  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }

  /** Moves time forward by `ms` (must be >= 0). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot move a clock back (${ms} ms)`);
    this.ms += ms;
  }

  /** Sets the time; must not go back. */
  set(ms: number): void {
    this.advance(ms - this.ms);
  }
}
