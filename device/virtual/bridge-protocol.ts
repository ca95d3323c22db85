/**
 * The socket protocol between native/hidapi-shim.c (an LD_PRELOAD hidapi) and
 * device/virtual/serve.ts. The C header comment documents the same bytes; change both together.
 *
 * A Unix stream socket. The shim opens one connection per open hid_device (and a short one per
 * hid_enumerate). A request is 1 op byte plus a fixed body; a reply is 1 status byte plus a fixed
 * body, so neither side needs length prefixes. Requests on one connection are answered in order.
 *
 * | op   | name        | request body      | reply body after the status byte          |
 * |------|-------------|-------------------|-------------------------------------------|
 * | 0x01 | INFO        | none              | 205 bytes, see {@link encodeInfo}         |
 * | 0x02 | SET_FEATURE | 64 bytes R[0..63] | none                                      |
 * | 0x03 | GET_FEATURE | none              | 64 bytes R[0..63] (zeros unless status 0) |
 * | 0x04 | WRITE_OUTPUT| 64 bytes          | none (an output report, CTAPHID devices)  |
 * | 0x05 | READ_INPUT  | none              | 64 bytes; status 3 (NO_DATA) when none is queued, never waits |
 * | 0x10 | UNPLUG      | none              | none (control op, Node tests only)        |
 * | 0x11 | PLUG        | none              | none (control op)                         |
 * | 0x12 | POWER_CYCLE | none              | none (control op)                         |
 *
 * Status 1 (UNPLUGGED) also answers a report op on a connection opened before the token was last
 * unplugged or power-cycled: like a hidraw descriptor after USB re-attach, it never works again.
 * An unknown op is answered with status 2 and the connection is closed.
 */

/** Request op codes. */
export const BRIDGE_OP = {
  INFO: 0x01,
  SET_FEATURE: 0x02,
  GET_FEATURE: 0x03,
  WRITE_OUTPUT: 0x04,
  READ_INPUT: 0x05,
  UNPLUG: 0x10,
  PLUG: 0x11,
  POWER_CYCLE: 0x12,
} as const;

/** Reply status byte. */
export const BRIDGE_STATUS = { OK: 0, UNPLUGGED: 1, ERROR: 2, NO_DATA: 3 } as const;

/** Bytes in a feature report as the firmware sees it (R[0..63]). */
export const BRIDGE_REPORT_SIZE = 64;
/** Bytes of each NUL-padded UTF-8 string field in the INFO reply (at most 63 used). */
export const BRIDGE_STRING_FIELD = 64;
/** Bytes of the INFO reply body, after the status byte. */
export const BRIDGE_INFO_SIZE = 13 + 3 * BRIDGE_STRING_FIELD;

/** Request body length per op, in bytes (undefined = unknown op). */
export function requestBodySize(op: number): number | undefined {
  switch (op) {
    case BRIDGE_OP.SET_FEATURE:
    case BRIDGE_OP.WRITE_OUTPUT:
      return BRIDGE_REPORT_SIZE;
    case BRIDGE_OP.INFO:
    case BRIDGE_OP.GET_FEATURE:
    case BRIDGE_OP.READ_INPUT:
    case BRIDGE_OP.UNPLUG:
    case BRIDGE_OP.PLUG:
    case BRIDGE_OP.POWER_CYCLE:
      return 0;
    default:
      return undefined;
  }
}

/** Reply body length per op, in bytes, after the status byte. */
export function replyBodySize(op: number): number {
  if (op === BRIDGE_OP.INFO) return BRIDGE_INFO_SIZE;
  if (op === BRIDGE_OP.GET_FEATURE || op === BRIDGE_OP.READ_INPUT) return BRIDGE_REPORT_SIZE;
  return 0;
}

/** What the INFO op reports about the token: its USB identity as hidapi would show it. */
export interface BridgeInfo {
  isPlugged: boolean;
  vendorId: number;
  productId: number;
  /** bcdDevice, e.g. 0x0101. */
  releaseNumber: number;
  usagePage: number;
  usage: number;
  interfaceNumber: number;
  manufacturer: string;
  product: string;
  serialNumber: string;
}

/**
 * INFO body, little-endian: u8 isPlugged, u16 vendorId, u16 productId, u16 releaseNumber,
 * u16 usagePage, u16 usage, u8 interfaceNumber, u8 reserved (0), then manufacturer, product and
 * serial as 64-byte NUL-padded UTF-8 fields. Strings longer than 63 bytes are cut.
 */
export function encodeInfo(info: BridgeInfo): Uint8Array {
  const b = new Uint8Array(BRIDGE_INFO_SIZE);
  const v = new DataView(b.buffer);
  b[0] = info.isPlugged ? 1 : 0;
  v.setUint16(1, info.vendorId, true);
  v.setUint16(3, info.productId, true);
  v.setUint16(5, info.releaseNumber, true);
  v.setUint16(7, info.usagePage, true);
  v.setUint16(9, info.usage, true);
  b[11] = info.interfaceNumber;
  [info.manufacturer, info.product, info.serialNumber].forEach((s, i) => {
    b.set(utf8Prefix(s, BRIDGE_STRING_FIELD - 1), 13 + i * BRIDGE_STRING_FIELD);
  });
  return b;
}

/** Inverse of {@link encodeInfo}. Throws RangeError on a body of the wrong size. */
export function decodeInfo(b: Uint8Array): BridgeInfo {
  if (b.length !== BRIDGE_INFO_SIZE)
    throw new RangeError(`INFO body is ${b.length} bytes, expected ${BRIDGE_INFO_SIZE}`);
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const str = (i: number) => {
    const f = b.subarray(13 + i * BRIDGE_STRING_FIELD, 13 + (i + 1) * BRIDGE_STRING_FIELD);
    const end = f.indexOf(0);
    return new TextDecoder().decode(end < 0 ? f : f.subarray(0, end));
  };
  return {
    isPlugged: b[0] !== 0,
    vendorId: v.getUint16(1, true),
    productId: v.getUint16(3, true),
    releaseNumber: v.getUint16(5, true),
    usagePage: v.getUint16(7, true),
    usage: v.getUint16(9, true),
    interfaceNumber: b[11],
    manufacturer: str(0),
    product: str(1),
    serialNumber: str(2),
  };
}

/** UTF-8 bytes of `s`, cut at a character boundary to at most `max` bytes. */
function utf8Prefix(s: string, max: number): Uint8Array {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
