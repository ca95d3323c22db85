/**
 * 64-byte HID feature reports: request and response framing (protocol reference §2).
 * R[i] is byte i of the report as the firmware sees it; hidapi buffers carry a leading report id.
 */
import { crc32Stm } from './crc';

/** Bytes in one feature report, without hidapi's report-id byte. */
export const REPORT_SIZE = 64;
/** Offset of the CRC field in requests and responses (R[60..63]). */
export const CRC_OFFSET = 60;
/** Bytes of command payload a request carries (R[1..59]). */
export const REQUEST_PAYLOAD_SIZE = 59;
/** Offset of the result payload in a response (P[0] = R[7]). */
export const RESPONSE_PAYLOAD_OFFSET = 7;
/** Bytes of result payload in a response (R[7..59]). */
export const RESPONSE_PAYLOAD_SIZE = 53;

/** Device status byte R[0] of a response (§4.1). */
export const DEVICE_STATUS = { READY: 0, BUSY: 1, ERROR: 2, RECEIVED_REPORT: 3 } as const;

/**
 * Builds a request report: R[0] = command id, payload at R[1..], zero padding, CRC over R[0..59].
 * Throws RangeError if the payload is longer than 59 bytes or the id is not a byte.
 */
export function encodeRequest(commandId: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (!Number.isInteger(commandId) || commandId < 0 || commandId > 0xff) {
    throw new RangeError(`command id must be a byte, got ${commandId}`);
  }
  if (payload.length > REQUEST_PAYLOAD_SIZE) {
    throw new RangeError(`request payload is ${payload.length} bytes, at most ${REQUEST_PAYLOAD_SIZE}`);
  }
  const r = new Uint8Array(REPORT_SIZE);
  r[0] = commandId;
  r.set(payload, 1);
  writeCrc(r);
  return r;
}

/** Stores crc32Stm(R[0..59]) little-endian at R[60..63] and returns it. */
export function writeCrc(report: Uint8Array): number {
  const crc = crc32Stm(report, CRC_OFFSET);
  new DataView(report.buffer, report.byteOffset, REPORT_SIZE).setUint32(CRC_OFFSET, crc, true);
  return crc;
}

/** Reads the little-endian CRC field R[60..63]. */
export function readCrc(report: Uint8Array): number {
  return new DataView(report.buffer, report.byteOffset, REPORT_SIZE).getUint32(CRC_OFFSET, true);
}

/** A response report taken apart (§2.2). */
export interface DecodedResponse {
  /** R[0]: live device status on a Pro, always 0 on a Storage. */
  deviceStatus: number;
  /** R[1]: id of the last command the firmware processed. */
  lastCommandId: number;
  /** R[2..5]: CRC of that command (Pro: computed; Storage: as received). */
  lastCommandCrc: number;
  /** R[6]: command status (§4.2). */
  commandStatus: number;
  /** R[7..59], 53 bytes (a copy). */
  payload: Uint8Array;
  /** R[60..63]. */
  crc: number;
  /** Whether `crc` equals the CRC of R[0..59] computed with R[0] = 0. */
  isCrcValid: boolean;
}

/** Decodes a 64-byte response. Throws RangeError for a report of any other length. */
export function decodeResponse(report: Uint8Array): DecodedResponse {
  if (report.length !== REPORT_SIZE) {
    throw new RangeError(`a response report has ${REPORT_SIZE} bytes, got ${report.length}`);
  }
  const view = new DataView(report.buffer, report.byteOffset, REPORT_SIZE);
  const crc = view.getUint32(CRC_OFFSET, true);
  // The firmware computes the response CRC with R[0] = 0 (§1.3 step 5).
  const copy = report.slice();
  copy[0] = 0;
  return {
    deviceStatus: report[0],
    lastCommandId: report[1],
    lastCommandCrc: view.getUint32(2, true),
    commandStatus: report[6],
    payload: report.slice(RESPONSE_PAYLOAD_OFFSET, RESPONSE_PAYLOAD_OFFSET + RESPONSE_PAYLOAD_SIZE),
    crc,
    isCrcValid: crc32Stm(copy, CRC_OFFSET) === crc,
  };
}

/** Fields for building a response, as the firmware does (used by the virtual token). */
export interface ResponseFields {
  deviceStatus?: number;
  lastCommandId: number;
  lastCommandCrc: number;
  commandStatus: number;
  payload?: Uint8Array;
}

/**
 * Builds a response report: CRC over R[0..59] with R[0] = 0, then R[0] = deviceStatus.
 * Throws RangeError if the payload exceeds 53 bytes.
 */
export function encodeResponse(f: ResponseFields): Uint8Array {
  const payload = f.payload ?? new Uint8Array(0);
  if (payload.length > RESPONSE_PAYLOAD_SIZE) {
    throw new RangeError(`response payload is ${payload.length} bytes, at most ${RESPONSE_PAYLOAD_SIZE}`);
  }
  const r = new Uint8Array(REPORT_SIZE);
  const view = new DataView(r.buffer);
  r[1] = f.lastCommandId;
  view.setUint32(2, f.lastCommandCrc >>> 0, true);
  r[6] = f.commandStatus;
  r.set(payload, RESPONSE_PAYLOAD_OFFSET);
  writeCrc(r);
  r[0] = f.deviceStatus ?? DEVICE_STATUS.READY;
  return r;
}
