/** Byte helpers for fixed-size request fields (protocol reference §5.1: zero-padded strings). */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes a zero-padded field: bytes up to the first 0 (or the whole field), as UTF-8. */
export function readCString(field: Uint8Array): string {
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}

/**
 * Writes `value` into `target` at `offset`, zero-padded to `size` bytes.
 * Throws RangeError if it does not fit (a string may fill its field with no terminator).
 */
export function putField(target: Uint8Array, offset: number, size: number, value: Uint8Array | string): void {
  const bytes = typeof value === 'string' ? utf8(value) : value;
  if (bytes.length > size) throw new RangeError(`field of ${size} bytes cannot hold ${bytes.length} bytes`);
  target.fill(0, offset, offset + size);
  target.set(bytes, offset);
}

/** Little-endian u64 from a bigint (0 ≤ v < 2^64) into `target` at `offset`. */
export function putU64(target: Uint8Array, offset: number, v: bigint): void {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setBigUint64(offset, v, true);
}

/** Little-endian u32 into `target` at `offset`. */
export function putU32(target: Uint8Array, offset: number, v: number): void {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setUint32(offset, v >>> 0, true);
}

/** Reads a little-endian u64 as a bigint. */
export function getU64(source: Uint8Array, offset: number): bigint {
  return new DataView(source.buffer, source.byteOffset, source.byteLength).getBigUint64(offset, true);
}

/** Reads a little-endian u32. */
export function getU32(source: Uint8Array, offset: number): number {
  return new DataView(source.buffer, source.byteOffset, source.byteLength).getUint32(offset, true);
}

/** Lower-case hex, for logs of non-secret fields and tests. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Parses hex with optional spaces; throws RangeError on anything else. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new RangeError('not a hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
