/**
 * A minimal protocol-buffers wire-format reader: enough to walk Google Authenticator's export
 * payload without a protobuf dependency in the device layer. It reads varints (up to 64 bits, as
 * bigint), length-delimited fields and skips fixed32/fixed64; groups (wire types 3 and 4) are
 * obsolete and refused.
 * @see https://protobuf.dev/programming-guides/encoding/
 */

/** One field as it appears on the wire. */
export type WireField =
  | { number: number; wireType: 0; value: bigint }
  | { number: number; wireType: 2; bytes: Uint8Array }
  | { number: number; wireType: 1 | 5; bytes: Uint8Array };

/** Thrown for bytes that are not a well-formed message; callers turn it into a problem value. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

/** Reads a varint at `pos`; returns its value and the position after it. At most 10 bytes (64 bits). */
function readVarint(bytes: Uint8Array, pos: number): { value: bigint; next: number } {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= bytes.length) throw new WireFormatError('a varint runs past the end of the data');
    const b = bytes[pos + i];
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if ((b & 0x80) === 0) return { value: value & 0xffff_ffff_ffff_ffffn, next: pos + i + 1 };
  }
  throw new WireFormatError('a varint is longer than 10 bytes');
}

/** Every top-level field of one message, in wire order. Throws WireFormatError on malformed bytes. */
export function readFields(bytes: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const key = readVarint(bytes, pos);
    pos = key.next;
    const number = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (number === 0) throw new WireFormatError('field number 0 is not allowed');
    if (wireType === 0) {
      const v = readVarint(bytes, pos);
      pos = v.next;
      out.push({ number, wireType, value: v.value });
    } else if (wireType === 2) {
      const len = readVarint(bytes, pos);
      pos = len.next;
      if (len.value > BigInt(bytes.length - pos))
        throw new WireFormatError('a length-delimited field runs past the end of the data');
      out.push({ number, wireType, bytes: bytes.subarray(pos, pos + Number(len.value)) });
      pos += Number(len.value);
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (pos + size > bytes.length) throw new WireFormatError('a fixed-size field runs past the end of the data');
      out.push({ number, wireType, bytes: bytes.subarray(pos, pos + size) });
      pos += size;
    } else {
      throw new WireFormatError(`wire type ${wireType} is not used by this message`);
    }
  }
  return out;
}

/** A varint field read as a signed 64-bit integer (int64/int32 two's complement). */
export function asSigned(value: bigint): bigint {
  return value >= 0x8000_0000_0000_0000n ? value - 0x1_0000_0000_0000_0000n : value;
}
