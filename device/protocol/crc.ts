/**
 * The STM32 hardware CRC-32 used by Nitrokey Pro, Storage and Librem Key frames.
 *
 * The input is read as 32-bit little-endian words; the register starts at 0xFFFFFFFF,
 * polynomial 0x04C11DB7, no reflection and no final XOR
 * (protocol reference §3; libnitrokey `misc.cc` `stm_crc32`).
 */

const POLY = 0x04c11db7;

/** One register step per byte value, for the MSB-first variant (byte fed into the top 8 bits). */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ POLY : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/**
 * Computes the STM32 CRC over `length` bytes of `bytes` (default 60, a frame's R[0..59]).
 * `length` must be a multiple of 4 and at most `bytes.length`; throws RangeError otherwise.
 * @returns the CRC as an unsigned 32-bit number.
 */
export function crc32Stm(bytes: Uint8Array, length = 60): number {
  if (length % 4 !== 0 || length > bytes.length) {
    throw new RangeError(`crc32Stm needs a multiple of 4 bytes within the buffer, got ${length}`);
  }
  let crc = 0xffffffff;
  for (let w = 0; w < length; w += 4) {
    // Each word is read little-endian, then shifted through MSB first: feed bytes 3,2,1,0.
    for (let b = 3; b >= 0; b--) {
      crc = ((crc << 8) ^ TABLE[((crc >>> 24) ^ bytes[w + b]) & 0xff]) >>> 0;
    }
  }
  return crc >>> 0;
}
