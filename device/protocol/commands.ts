/**
 * Request encoders and response decoders for every command keyslot sends
 * (protocol reference §5, §6, §8). Offsets are R[i] as in the reference.
 * Pure functions: no I/O, no clock, no randomness.
 */
import { COMMAND, SLOT_BASE } from './command-ids';
import { readCrc } from './frame';
import { request } from './request';
import { getU32, getU64, putField, putU32, putU64, readCString, utf8 } from './fields';
import { LIMITS, SLOT_COUNT } from '../../shared/constants';

/** An OTP slot as users and the app name it; `index` counts from 0 (wire number = base + index). */
export interface SlotRef {
  kind: 'hotp' | 'totp';
  index: number;
}

// Slots keyslot offers (SLOT_COUNT) and field sizes in bytes (LIMITS) live in the shared constants,
// which the renderer may import too.
export { LIMITS, SLOT_COUNT };

/** Config flags byte of a slot (§7.3). */
export const SLOT_FLAG = { EIGHT_DIGITS: 0x01, SEND_ENTER: 0x02, SEND_TOKEN_ID: 0x04 } as const;

/** The slot number on the wire. Throws RangeError for an index outside the host range. */
export function slotNumber(slot: SlotRef): number {
  const count = SLOT_COUNT[slot.kind];
  if (!Number.isInteger(slot.index) || slot.index < 0 || slot.index >= count) {
    throw new RangeError(`${slot.kind} slot index must be 0..${count - 1}, got ${slot.index}`);
  }
  return SLOT_BASE[slot.kind] + slot.index;
}

/** A request with no payload (GET_STATUS, GET_PASSWORD_RETRY_COUNT, LOCK_DEVICE, …). */
export function encodeSimple(id: number): Uint8Array {
  return request(id);
}

/** 0x07 FIRST_AUTHENTICATE / 0x0E USER_AUTHENTICATE: PIN at R[1..25], temp password at R[26..50] (§5.10). */
export function encodeAuthenticate(kind: 'admin' | 'user', pin: Uint8Array, temp: Uint8Array): Uint8Array {
  return request(kind === 'admin' ? COMMAND.FIRST_AUTHENTICATE : COMMAND.USER_AUTHENTICATE, (r) => {
    putField(r, 1, LIMITS.pin, pin);
    putField(r, 26, LIMITS.tempPassword, temp);
  });
}

/** 0x08 AUTHORIZE / 0x10 USER_AUTHORIZE (legacy, §6.3): CRC of the next frame at R[1..4], temp at R[5..29]. */
export function encodeAuthorize(kind: 'admin' | 'user', nextFrame: Uint8Array, temp: Uint8Array): Uint8Array {
  return request(kind === 'admin' ? COMMAND.AUTHORIZE : COMMAND.USER_AUTHORIZE, (r) => {
    putU32(r, 1, readCrc(nextFrame));
    putField(r, 5, LIMITS.tempPassword, temp);
  });
}

/** 0x17 SEND_OTP_DATA (§5.3): temp at R[1..25], type at R[26], chunk index R[27], data R[28..57]. */
export function encodeSendOtpData(temp: Uint8Array, type: 'N' | 'S', index: number, data: Uint8Array): Uint8Array {
  return request(COMMAND.SEND_OTP_DATA, (r) => {
    putField(r, 1, LIMITS.tempPassword, temp);
    r[26] = type.charCodeAt(0);
    r[27] = index;
    putField(r, 28, 30, data);
  });
}

/** What WRITE_TO_SLOT stores besides name and secret. */
export interface SlotParams {
  /** HOTP: initial counter; TOTP: time step in seconds. */
  counterOrStep: bigint;
  flags: number;
  /** Token ID, ≤ 13 bytes (OATH token identifier; usually empty). */
  tokenId: Uint8Array;
}

/** 0x01 WRITE_TO_SLOT, new layout (§5.3): temp R[1..25], slot R[26], u64 R[27..34], flags R[35], token ID R[36..48]. */
export function encodeWriteToSlot(temp: Uint8Array, slot: number, p: SlotParams): Uint8Array {
  return request(COMMAND.WRITE_TO_SLOT, (r) => {
    putField(r, 1, LIMITS.tempPassword, temp);
    r[26] = slot;
    putU64(r, 27, p.counterOrStep);
    r[35] = p.flags;
    putField(r, 36, LIMITS.tokenId, p.tokenId);
  });
}

/**
 * 0x01 WRITE_TO_SLOT, legacy layout (§5.4): slot R[1], name R[2..16], secret R[17..36], flags R[37],
 * token ID R[38..50], counter R[51..58]. Pro: HOTP counter u64 LE, TOTP step u16 LE.
 * Storage ≤ 0.53: HOTP counter as ASCII decimal (≤ 8 characters).
 */
export function encodeLegacyWriteToSlot(
  slot: number,
  name: Uint8Array,
  secret: Uint8Array,
  p: SlotParams,
  isStorage: boolean,
): Uint8Array {
  return request(COMMAND.WRITE_TO_SLOT, (r) => {
    r[1] = slot;
    putField(r, 2, LIMITS.slotName, name);
    putField(r, 17, LIMITS.legacySecret, secret);
    r[37] = p.flags;
    putField(r, 38, LIMITS.tokenId, p.tokenId);
    const isHotp = slot >= SLOT_BASE.hotp && slot < SLOT_BASE.totp;
    if (isHotp && isStorage) putField(r, 51, 8, utf8(p.counterOrStep.toString()));
    else if (isHotp) putU64(r, 51, p.counterOrStep);
    else new DataView(r.buffer).setUint16(51, Number(p.counterOrStep & 0xffffn), true);
  });
}

/** 0x02 READ_SLOT_NAME (§5.5). */
export function encodeReadSlotName(slot: number): Uint8Array {
  return request(COMMAND.READ_SLOT_NAME, (r) => (r[1] = slot));
}

/** 0x03 READ_SLOT (§5.6); R[2] = 1 asks a Storage ≥ 0.54 for a binary counter (libnitrokey sends 1). */
export function encodeReadSlot(slot: number): Uint8Array {
  return request(COMMAND.READ_SLOT, (r) => {
    r[1] = slot;
    r[2] = 1;
  });
}

/** A decoded READ_SLOT payload. */
export interface SlotRecord {
  name: string;
  flags: number;
  tokenId: string;
  /** HOTP: next counter; TOTP: time step. */
  counterOrStep: bigint;
}

/**
 * Decodes READ_SLOT's payload. `format`: 'binary' u64 (Pro, Storage ≥ 0.54),
 * 'u16' (Pro ≤ 0.7 TOTP step), 'ascii' (Storage ≤ 0.53 counter).
 */
export function decodeReadSlot(p: Uint8Array, format: 'binary' | 'u16' | 'ascii' = 'binary'): SlotRecord {
  let counterOrStep: bigint;
  if (format === 'ascii') {
    const text = readCString(p.subarray(29, 37));
    counterOrStep = /^\d+$/.test(text) ? BigInt(text) : 0n;
  } else if (format === 'u16') {
    counterOrStep = BigInt(p[29] | (p[30] << 8));
  } else {
    counterOrStep = getU64(p, 29);
  }
  return {
    name: readCString(p.subarray(0, 15)),
    flags: p[15],
    tokenId: readCString(p.subarray(16, 29)),
    counterOrStep,
  };
}

/** 0x04 GET_CODE (§5.7): slot R[1]; R[2..18] zero; temp user password at R[19..43] if given. */
export function encodeGetCode(slot: number, userTemp?: Uint8Array): Uint8Array {
  return request(COMMAND.GET_CODE, (r) => {
    r[1] = slot;
    if (userTemp) putField(r, 19, LIMITS.tempPassword, userTemp);
  });
}

/** Decodes GET_CODE's payload into the zero-padded code (§9.8: 8 digits if flags bit 0). */
export function decodeGetCode(p: Uint8Array): { code: string; digits: 6 | 8 } {
  const digits = p[4] & SLOT_FLAG.EIGHT_DIGITS ? 8 : 6;
  return { code: getU32(p, 0).toString().padStart(digits, '0').slice(-digits), digits };
}

/** The five general-config bytes (§5.2 P[6..10], §7.2). */
export interface GeneralConfig {
  /** HOTP slot index typed on NumLock double-press, or null for off. */
  numlock: number | null;
  capslock: number | null;
  scrolllock: number | null;
  /** GET_CODE needs the user PIN (firmware enforces it only when the byte is exactly 1, §14.3). */
  isUserPasswordRequired: boolean;
  /** Stored host hint (`delete_user_password`), no firmware effect. */
  isDeleteUserPassword: boolean;
}

const lockKey = (b: number): number | null => (b <= 2 ? b : null);

/** Decodes the five config bytes. */
export function decodeConfig(b: Uint8Array): GeneralConfig {
  return {
    numlock: lockKey(b[0]),
    capslock: lockKey(b[1]),
    scrolllock: lockKey(b[2]),
    isUserPasswordRequired: b[3] === 1,
    isDeleteUserPassword: b[4] === 1,
  };
}

/** 0x05 WRITE_CONFIG (§5.8): five bytes at R[1..5], temp admin password at R[6..30] (new protocol). */
export function encodeWriteConfig(c: GeneralConfig, temp: Uint8Array | null): Uint8Array {
  return request(COMMAND.WRITE_CONFIG, (r) => {
    r[1] = c.numlock ?? 0xff;
    r[2] = c.capslock ?? 0xff;
    r[3] = c.scrolllock ?? 0xff;
    r[4] = c.isUserPasswordRequired ? 1 : 0;
    r[5] = c.isDeleteUserPassword ? 1 : 0;
    if (temp) putField(r, 6, LIMITS.tempPassword, temp);
  });
}

/** 0x06 ERASE_SLOT (§5.9): slot R[1], temp admin password R[2..26] (new protocol). */
export function encodeEraseSlot(slot: number, temp: Uint8Array | null): Uint8Array {
  return request(COMMAND.ERASE_SLOT, (r) => {
    r[1] = slot;
    if (temp) putField(r, 2, LIMITS.tempPassword, temp);
  });
}

/** 0x0B SET_TIME (§5.11): reset flag R[1], Unix seconds u64 LE R[2..9]. */
export function encodeSetTime(unixSeconds: number, reset: boolean): Uint8Array {
  return request(COMMAND.SET_TIME, (r) => {
    r[1] = reset ? 1 : 0;
    putU64(r, 2, BigInt(Math.max(0, Math.floor(unixSeconds))));
  });
}

/** Two PIN fields at R[1..25] and R[26..50]: CHANGE_USER_PIN, CHANGE_ADMIN_PIN, UNLOCK_USER_PASSWORD (Pro). */
export function encodeTwoPins(id: number, first: Uint8Array, second: Uint8Array): Uint8Array {
  return request(id, (r) => {
    putField(r, 1, LIMITS.pin, first);
    putField(r, 26, LIMITS.pin, second);
  });
}

/** One PIN at R[1..]: FACTORY_RESET (25), DETECT_SC_AES and NEW_AES_KEY (25), PW_SAFE_ENABLE (30). */
export function encodePin(id: number, pin: Uint8Array, size: number = LIMITS.pin): Uint8Array {
  return request(id, (r) => putField(r, 1, size, pin));
}

/** Storage stick20 commands with a kind byte and a password: 0x32, 0x33, 0x26, 0x11 (§5.10, §5.20). */
export function encodeStick20Password(
  id: number,
  kind: 'P' | 'A',
  pin: Uint8Array,
  size: number = LIMITS.storagePin,
): Uint8Array {
  return request(id, (r) => {
    r[1] = kind.charCodeAt(0);
    putField(r, 2, size, pin);
  });
}

/** Pro / Librem Key GET_STATUS payload (§5.2). */
export interface ProStatus {
  firmware: { major: number; minor: number };
  cardSerial: number;
  config: GeneralConfig;
}

export function decodeProStatus(p: Uint8Array): ProStatus {
  return { firmware: { minor: p[0], major: p[1] }, cardSerial: getU32(p, 2), config: decodeConfig(p.subarray(6, 11)) };
}

/** Storage GET_DEVICE_STATUS fields keyslot uses (§8.2; data from R[25] = P[18]). */
export interface StorageStatus {
  firmware: { major: number; minor: number; buildIteration: number };
  userRetries: number;
  adminRetries: number;
  cardSerial: number;
}

export function decodeStorageStatus(p: Uint8Array): StorageStatus {
  const at = (r: number) => p[r - 7];
  return {
    firmware: { major: at(33), minor: at(34), buildIteration: at(36) },
    userRetries: at(47),
    adminRetries: at(48),
    cardSerial: getU32(p, 49 - 7),
  };
}

/** Storage stick20 status byte R[22] (§4.3), read from a response payload. */
export function stick20Status(p: Uint8Array): number {
  return p[22 - 7];
}

export { encodePwsSlot, encodePwsData1, encodePwsData2 } from './pws-commands';
