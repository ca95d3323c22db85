/**
 * The device clock and SET_TIME (protocol reference §5.11, §7.5, §14.1, §14.2).
 */
import { COMMAND_STATUS } from '../protocol/status';
import { readU64, status, type Firmware, type Handler } from './ram';
import { TIME_NEVER_SET } from './flash-state';

/** Unix time of 2014-01-01 00:00 UTC, the epoch of the stored "last set minute". */
const EPOCH_2014 = 1388534400n;
const U64 = 1n << 64n;
const ONE_YEAR_SECONDS = 31536000n;

/** Pro: firmware ticks since power-up; one tick is one firmware "second" (≈1.01 s, §7.5). */
function proTicks(fw: Firmware): number {
  const c = fw.ram.clock;
  return Math.floor((fw.nowMs() - c.bootMs) / c.tickMs);
}

/** Storage: its elapsed-seconds counter (restarted by SET_TIME, overwritten by SEND_STARTUP). */
function storageElapsed(fw: Firmware): bigint {
  const c = fw.ram.clock;
  return c.counterOffset + BigInt(Math.floor((fw.nowMs() - c.counterStartMs) / 1000));
}

/**
 * Seconds on the device clock now: Pro = last SET_TIME value + ticks since (0 at power-up);
 * Storage = last SET_TIME value + elapsed counter. Wraps at 2^64 like the firmware's u64.
 */
export function deviceSeconds(fw: Firmware): bigint {
  const c = fw.ram.clock;
  const elapsed = fw.profile.isStorage ? storageElapsed(fw) : BigInt(proTicks(fw) - c.ticksAtSet);
  return (c.baseSeconds + elapsed) % U64;
}

function setClock(fw: Firmware, seconds: bigint): void {
  const c = fw.ram.clock;
  c.baseSeconds = seconds;
  // Pro: only the seconds value is replaced, the tick phase runs on (§14.1).
  c.ticksAtSet = proTicks(fw);
  c.counterStartMs = fw.nowMs();
  c.counterOffset = 0n;
}

/**
 * 0x0B SET_TIME: R[1] reset flag, R[2..9] Unix seconds u64 LE (§5.11, §14.2).
 * The comparison is on whole minutes since 2014 (unsigned, so times before 2014 wrap to huge values).
 * The stored value is 24 bits wide: the comparison uses the full new value, the flash keeps its low 24 bits.
 */
export const setTime: Handler = (fw, { r }) => {
  const reset = r[1];
  const time = readU64(r, 2);
  const newMinute = ((time - EPOCH_2014 + U64) % U64) / 60n;
  const oldMinute = fw.flash.lastSetMinute;
  // The reset byte is tested for exactly 0 and 1; e.g. 2 skips this refusal (§14.2).
  if (reset === 0 && oldMinute === 0) return status(COMMAND_STATUS.TIMESTAMP_WARNING);
  if (BigInt(oldMinute) <= newMinute || oldMinute === TIME_NEVER_SET || reset === 1) {
    setClock(fw, time);
    fw.flash.lastSetMinute = Number(newMinute & 0xffffffn);
    return status(COMMAND_STATUS.OK);
  }
  return status(COMMAND_STATUS.TIMESTAMP_WARNING);
};

/**
 * Storage stick20 SEND_STARTUP (0x35) clock quirk: if the elapsed-seconds counter reads less than a
 * year it is overwritten with the supplied Unix time, so TOTP time becomes ≈ twice the real time
 * when this follows a SET_TIME (§7.5).
 */
export function applyStartupTime(fw: Firmware, unixSeconds: bigint): void {
  if (storageElapsed(fw) >= ONE_YEAR_SECONDS) return;
  fw.ram.clock.counterOffset = unixSeconds;
  fw.ram.clock.counterStartMs = fw.nowMs();
}
