/** PIN and temporary-password helpers for Token (protocol reference §6). */
import { DeviceError } from '../errors';
import { LIMITS } from '../protocol/commands';
import { utf8 } from '../protocol/fields';

export type { PinKind } from '../../shared/constants';
/** Factory-default PINs of the OpenPGP card (§6.1), from the shared constants. */
export { FACTORY_PINS as DEFAULT_PINS } from '../../shared/constants';

/**
 * The bytes of a PIN, checked against a field size. The firmware reads a PIN up to its first zero
 * byte (§5.1, §14.7), so a PIN must be non-empty, contain no NUL and leave room for a terminator.
 * Throws DeviceError('pin-invalid').
 */
export function pinBytes(pin: string, fieldSize: number = LIMITS.pin): Uint8Array {
  const bytes = utf8(pin);
  if (bytes.length === 0 || bytes.includes(0) || bytes.length >= fieldSize) {
    throw new DeviceError('pin-invalid', { reason: 'pin-bytes', max: fieldSize - 1 });
  }
  return bytes;
}

/** Zeroes buffers that held a PIN once the token answered (issue 9 item 10); absent ones are skipped. */
export function wipe(...buffers: (Uint8Array | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}

/**
 * A fresh 25-byte temporary password of bytes 1..255: hosts copy it with C-string semantics,
 * so a zero byte would shorten it (§6.2).
 */
export function newTempPassword(
  // Web Crypto's global, not node:crypto: loading that module costs a few ms at start-up (issue 10).
  random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
): Uint8Array {
  const out = new Uint8Array(LIMITS.tempPassword);
  let filled = 0;
  while (filled < out.length) {
    for (const b of random(out.length)) {
      if (b !== 0 && filled < out.length) out[filled++] = b;
    }
  }
  return out;
}
