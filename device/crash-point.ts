/**
 * A test hook for crash safety: when KEYSLOT_TEST_CRASH_AT names this step, the process kills
 * itself with SIGKILL right there, as a power cut or `kill -9` would. The fault-injection suite
 * (test/device/faults) uses it to stop the state-file and backup writes at every step. Unset, it
 * costs one environment lookup.
 */
export function crashPoint(step: string): void {
  if (process.env.KEYSLOT_TEST_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}
