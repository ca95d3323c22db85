/**
 * ISO 7816-4 command APDUs and response splitting for the Secrets app (protocol reference §2.4, §3.5).
 */
import { concatBytes } from './tlv';

/** A command APDU before encoding. */
export interface CommandApdu {
  cla?: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /**
   * Expected response length: absent = no Le (as nitrokey-sdk-py sends); 256 = short `00`;
   * 65536 = extended `00 00`. Over CCID a command without Le that yields data gets `61 xx` and no data (§2.4).
   */
  le?: number;
  /** The data carries a PIN: the channel zeroes it and the encoded APDU once the reply came (issue 9 item 10). */
  isWiped?: boolean;
}

/**
 * Encodes a command APDU: short form when data ≤ 255 bytes and Le ≤ 256, else extended
 * (`00 Lc_hi Lc_lo`, as the SDK's `_iso7816_compose`, §3.5). Throws RangeError on sizes beyond 65535/65536.
 */
export function encodeApdu(c: CommandApdu): Uint8Array {
  const data = c.data ?? new Uint8Array(0);
  const head = Uint8Array.of(c.cla ?? 0, c.ins, c.p1, c.p2);
  if (data.length > 0xffff) throw new RangeError(`APDU data of ${data.length} bytes`);
  const isExtended = data.length > 0xff || (c.le !== undefined && c.le > 0x100);
  const parts: Uint8Array[] = [head];
  if (!isExtended) {
    if (data.length) parts.push(Uint8Array.of(data.length), data);
    if (c.le !== undefined) parts.push(Uint8Array.of(c.le & 0xff));
    return concatBytes(...parts);
  }
  if (data.length) parts.push(Uint8Array.of(0, data.length >> 8, data.length & 0xff), data);
  if (c.le !== undefined) {
    if (c.le > 0x10000) throw new RangeError(`Le ${c.le}`);
    const le = c.le & 0xffff;
    parts.push(data.length ? Uint8Array.of(le >> 8, le & 0xff) : Uint8Array.of(0, le >> 8, le & 0xff));
  }
  return concatBytes(...parts);
}

/** A response: data and status word. */
export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

/** Splits an ISO 7816 response `data… SW1 SW2` (CCID order). Throws RangeError below 2 bytes. */
export function splitResponse(r: Uint8Array): ResponseApdu {
  if (r.length < 2) throw new RangeError(`response of ${r.length} bytes`);
  return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2] << 8) | r[r.length - 1] };
}

/** Turns a CTAPHID 0x70 response payload `SW1 SW2 data…` (SW first, §3.5) into ISO order `data… SW1 SW2`. */
export function ctaphidPayloadToResponse(payload: Uint8Array): Uint8Array {
  if (payload.length < 2) throw new RangeError(`0x70 payload of ${payload.length} bytes`);
  return concatBytes(payload.subarray(2), payload.subarray(0, 2));
}

/** Inverse of {@link ctaphidPayloadToResponse}: `data… SW` → `SW data…`. */
export function responseToCtaphidPayload(response: Uint8Array): Uint8Array {
  const { data } = splitResponse(response);
  return concatBytes(response.subarray(response.length - 2), data);
}

/** A parsed command APDU (device side). */
export interface ParsedApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Le as a number (0 when absent; short `00` = 256; extended `00 00` = 65536). */
  le: number;
}

/**
 * Parses a command APDU like iso7816 `CommandView::try_from` (§2.4, §3.5): cases 1–4, short or extended.
 * Returns undefined when it is malformed (< 4 bytes, inconsistent Lc/Le, CLA FF).
 */
export function parseApdu(b: Uint8Array): ParsedApdu | undefined {
  if (b.length < 4 || b[0] === 0xff) return undefined;
  const base = { cla: b[0], ins: b[1], p1: b[2], p2: b[3] };
  const body = b.subarray(4);
  const empty = new Uint8Array(0);
  if (body.length === 0) return { ...base, data: empty, le: 0 };
  if (body.length === 1) return { ...base, data: empty, le: body[0] || 0x100 };
  if (body[0] !== 0) {
    const lc = body[0];
    if (body.length === 1 + lc) return { ...base, data: body.subarray(1), le: 0 };
    if (body.length === 2 + lc) return { ...base, data: body.subarray(1, 1 + lc), le: body[1 + lc] || 0x100 };
    return undefined;
  }
  // Extended: 00 then Le (2 bytes) or Lc (2 bytes) + data [+ Le (2 bytes)].
  if (body.length < 3) return undefined;
  if (body.length === 3) return { ...base, data: empty, le: (body[1] << 8) | body[2] || 0x10000 };
  const lc = (body[1] << 8) | body[2];
  if (lc === 0) return undefined;
  if (body.length === 3 + lc) return { ...base, data: body.subarray(3), le: 0 };
  if (body.length === 5 + lc) {
    const le = (body[3 + lc] << 8) | body[4 + lc];
    return { ...base, data: body.subarray(3, 3 + lc), le: le || 0x10000 };
  }
  return undefined;
}

/** Hex of bytes, upper case, for logs and error details (never for secret-bearing APDUs). */
export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}
