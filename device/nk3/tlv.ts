/**
 * BER-TLV as the Secrets app reads and writes it (protocol reference §4.2): single-byte tags; lengths
 * on input in BER short/`81 LL`/`82 HH LL` form; on output LIST and GET CREDENTIAL use one raw length
 * byte, SELECT uses BER.
 */

/** One tag and its value. */
export interface Tlv {
  tag: number;
  value: Uint8Array;
}

/** Encodes `tag` + BER length + `value`. Throws RangeError above 65535 bytes. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  let head: number[];
  if (n < 0x80) head = [tag, n];
  else if (n < 0x100) head = [tag, 0x81, n];
  else if (n < 0x10000) head = [tag, 0x82, n >> 8, n & 0xff];
  else throw new RangeError(`TLV value of ${n} bytes`);
  const out = new Uint8Array(head.length + n);
  out.set(head);
  out.set(value, head.length);
  return out;
}

/** Encodes `tag` + one raw length byte + `value`, as the device writes LIST and GET CREDENTIAL. */
export function encodeRawTlv(tag: number, value: Uint8Array): Uint8Array {
  if (value.length > 0xff) throw new RangeError(`raw TLV value of ${value.length} bytes`);
  return concatBytes(Uint8Array.of(tag, value.length), value);
}

/**
 * Splits `bytes` into TLVs. `lengths: 'ber'` reads BER lengths (device input and SELECT), rejecting `80`
 * and `83`+ like the firmware's flexiber; `'raw'` reads one length byte (LIST, GET CREDENTIAL output).
 * Throws RangeError on a truncated or malformed element.
 */
export function parseTlvs(bytes: Uint8Array, lengths: 'ber' | 'raw'): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const { tlv, next } = readTlv(bytes, i, lengths);
    out.push(tlv);
    i = next;
  }
  return out;
}

/** Reads one TLV at `offset`; returns it and the offset after it. Throws RangeError if malformed. */
export function readTlv(bytes: Uint8Array, offset: number, lengths: 'ber' | 'raw'): { tlv: Tlv; next: number } {
  if (offset + 2 > bytes.length) throw new RangeError('TLV header truncated');
  const tag = bytes[offset];
  let len = bytes[offset + 1];
  let start = offset + 2;
  if (lengths === 'ber' && len >= 0x80) {
    if (len === 0x81 && start + 1 <= bytes.length) {
      len = bytes[start];
      start += 1;
    } else if (len === 0x82 && start + 2 <= bytes.length) {
      len = (bytes[start] << 8) | bytes[start + 1];
      start += 2;
    } else {
      throw new RangeError(`TLV length byte ${len.toString(16)} not accepted`);
    }
  }
  if (start + len > bytes.length) throw new RangeError('TLV value truncated');
  return { tlv: { tag, value: bytes.subarray(start, start + len) }, next: start + len };
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}
