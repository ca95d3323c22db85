/**
 * Whether this thread's event loop ran while some work went on: a behaviour, not a time. How long it
 * stalled (a wall-clock figure that load changes) is measured by `npm run bench` (bench/qr.ts).
 */

/**
 * How many times a 10 ms interval timer of this thread ran while `work` was pending, with the
 * work's own result. Work done on this thread in one piece counts 0 however long it takes; work
 * on another thread lets the timer run, the more so the longer it takes.
 */
export async function timerTurnsDuring<T>(work: () => Promise<T>): Promise<{ turns: number; result: T }> {
  let turns = 0;
  const timer = setInterval(() => turns++, 10);
  try {
    const result = await work();
    return { turns, result };
  } finally {
    clearInterval(timer);
  }
}
