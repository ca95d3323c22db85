/** Measures how long this thread's event loop could not run while some work went on. */

/** The longest stretch, in ms, in which a 10 ms interval timer of this thread could not run while `work` ran. */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 10);
  try {
    await work();
    tick();
  } finally {
    clearInterval(timer);
  }
  return longest;
}
