/**
 * Test helpers for the emulator suites: requests are laid out by hand from the protocol reference
 * (R offsets), framed with encodeRequest, and exchanged with a VirtualToken directly.
 */
import { decodeResponse, encodeRequest, type DecodedResponse } from '../../../device/protocol/frame';
import { VirtualToken, type VirtualTokenOptions } from '../../../device/virtual/token';
import { FakeClock } from '../../support/fake-clock';

/** A field value: ASCII text, raw bytes, or a single byte. */
export type FieldValue = string | number[] | Uint8Array | number;

/** Builds a request: `fields` maps an R offset (1..59) to its bytes. */
export function request(commandId: number, fields: Record<number, FieldValue> = {}): Uint8Array {
  const payload = new Uint8Array(59);
  for (const [key, value] of Object.entries(fields)) {
    const at = Number(key) - 1;
    const bytes =
      typeof value === 'string' ? new TextEncoder().encode(value) : typeof value === 'number' ? [value] : value;
    payload.set(bytes, at);
  }
  return encodeRequest(commandId, payload);
}

/** u64 little-endian bytes. */
export function u64(n: bigint | number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}

/** u32 little-endian bytes. */
export function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, true);
  return b;
}

/** Sends one report and reads the answer at once (for tokens with latency 'none'). */
export function exchange(token: VirtualToken, report: Uint8Array): DecodedResponse {
  token.setReport(report);
  return decodeResponse(token.getReport());
}

/** Command status of one exchange. */
export function statusOf(token: VirtualToken, commandId: number, fields: Record<number, FieldValue> = {}): number {
  return exchange(token, request(commandId, fields)).commandStatus;
}

/** A token with latency 'none' and a fake clock at `startMs`. */
export function instantToken(opts: Omit<VirtualTokenOptions, 'clock' | 'latency'>, startMs = 1_700_000_000_000) {
  const clock = new FakeClock(startMs);
  const token = VirtualToken.create({ cardSerial: 0x5f11, ...opts, clock, latency: 'none' });
  return { token, clock };
}

export const ADMIN_PIN = '12345678';
export const USER_PIN = '123456';
export const TEMP_ADMIN = '123123123';
export const TEMP_USER = '234234234';

/** FIRST_AUTHENTICATE (0x07): R[1..25] admin PIN, R[26..50] temp password. Returns the status. */
export function firstAuthenticate(token: VirtualToken, pin = ADMIN_PIN, temp = TEMP_ADMIN): number {
  return statusOf(token, 0x07, { 1: pin, 26: temp });
}

/** USER_AUTHENTICATE (0x0E). */
export function userAuthenticate(token: VirtualToken, pin = USER_PIN, temp = TEMP_USER): number {
  return statusOf(token, 0x0e, { 1: pin, 26: temp });
}

/** New-protocol slot write (§5.3): 'N', optional 'S' chunks, WRITE_TO_SLOT. Returns each status. */
export function writeSlot(
  token: VirtualToken,
  slot: number,
  opts: {
    name: string;
    secret?: Uint8Array;
    counter?: bigint | number;
    config?: number;
    tokenId?: string;
    temp?: string;
  },
): number[] {
  const temp = opts.temp ?? TEMP_ADMIN;
  const statuses = [statusOf(token, 0x17, { 1: temp, 26: 0x4e, 27: 0, 28: opts.name })];
  const secret = opts.secret ?? new Uint8Array(0);
  for (let i = 0; i * 30 < secret.length; i++) {
    statuses.push(statusOf(token, 0x17, { 1: temp, 26: 0x53, 27: i, 28: secret.subarray(i * 30, i * 30 + 30) }));
  }
  statuses.push(
    statusOf(token, 0x01, {
      1: temp,
      26: slot,
      27: u64(opts.counter ?? 0),
      35: opts.config ?? 0,
      36: opts.tokenId ?? '',
    }),
  );
  return statuses;
}

/** GET_CODE (0x04) -> [status, code]. */
export function getCode(token: VirtualToken, slot: number, tempUser?: string): [number, number] {
  const res = exchange(token, request(0x04, tempUser ? { 1: slot, 19: tempUser } : { 1: slot }));
  return [res.commandStatus, new DataView(res.payload.buffer).getUint32(0, true)];
}

/** SET_TIME (0x0B): R[1] reset, R[2..9] time. */
export function setTime(token: VirtualToken, seconds: number | bigint, reset = 1): number {
  return statusOf(token, 0x0b, { 1: reset, 2: u64(seconds) });
}

/** RFC 4226 / RFC 6238 test secret. */
export const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
