/**
 * OTP slots: addressing, code computation and the reading commands
 * (READ_SLOT_NAME, READ_SLOT, GET_CODE, VERIFY_OTP_CODE; protocol reference §5.5–§5.7, §5.15, §7).
 */
import { createHmac } from 'node:crypto';
import { COMMAND_STATUS } from '../protocol/status';
import { isTempValid, readU32, status, type Firmware, type Handler, type Reply } from './ram';
import type { OtpSlot } from './flash-state';
import { deviceSeconds } from './time';

const HOTP_BASE = 0x10;
const TOTP_BASE = 0x20;
/** Index of the HOTP slot reserved for VERIFY_OTP_CODE (0x13, §5.15). */
const VERIFY_SLOT_INDEX = 3;

/** A slot the firmware can address. */
export interface SlotRef {
  kind: 'hotp' | 'totp';
  index: number;
  slot: OtpSlot;
}

/** The slot with wire number `n`, or null when `n` is outside this firmware's ranges (§7.1). */
export function slotAt(fw: Firmware, n: number): SlotRef | null {
  const { hotpSlots, totpSlots } = fw.profile;
  if (n >= HOTP_BASE && n < HOTP_BASE + hotpSlots)
    return { kind: 'hotp', index: n - HOTP_BASE, slot: fw.flash.hotp[n - HOTP_BASE] };
  if (n >= TOTP_BASE && n < TOTP_BASE + totpSlots)
    return { kind: 'totp', index: n - TOTP_BASE, slot: fw.flash.totp[n - TOTP_BASE] };
  return null;
}

/** Storage >= 0.54 never reports TOTP slot 14 as programmed (§5.3 item 5). */
export function isBrokenSlot(fw: Firmware, ref: SlotRef): boolean {
  return fw.profile.isLastTotpSlotBroken && ref.kind === 'totp' && ref.index === 14;
}

function isProgrammed(fw: Firmware, ref: SlotRef): boolean {
  return ref.slot.isProgrammed && !isBrokenSlot(fw, ref);
}

/**
 * RFC 4226 HOTP with HMAC-SHA1 over the stored secret (20 bytes on legacy firmware, 40 on new;
 * HMAC zero-pads keys, so trailing zeros do not matter). 8 digits if config bit 0, else 6 (§7.3, §7.4).
 */
export function otpValue(fw: Firmware, slot: OtpSlot, movingFactor: bigint): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(movingFactor & 0xffffffffffffffffn);
  const mac = createHmac('sha1', slot.secret.subarray(0, fw.profile.secretBytes)).update(message).digest();
  const offset = mac[19] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return binary % (slot.config & 1 ? 100_000_000 : 1_000_000);
}

/**
 * TOTP moving factor T = floor(device seconds / time step) (§7.5). The Pro truncates the step to
 * 16 bits. A step of 0 gives T = 0: the Pro's Cortex-M3 UDIV returns 0 on division by zero
 * (the reference §13.4 calls the result undefined; we model the Pro's behaviour for both models).
 */
export function totpFactor(fw: Firmware, slot: OtpSlot): bigint {
  const step = fw.profile.isTimeStep16Bit ? slot.counter & 0xffffn : slot.counter;
  return step === 0n ? 0n : deviceSeconds(fw) / step;
}

/** 0x02 READ_SLOT_NAME: R[1] slot. */
export const readSlotName: Handler = (fw, { r }) => {
  const ref = slotAt(fw, r[1]);
  if (!ref) return status(COMMAND_STATUS.WRONG_SLOT);
  if (!isProgrammed(fw, ref)) return status(COMMAND_STATUS.SLOT_NOT_PROGRAMMED);
  return { status: COMMAND_STATUS.OK, payload: ref.slot.name.slice() };
};

/** Decimal ASCII of `value`, at most `maxDigits` digits, then a zero byte. */
function asciiCounter(value: bigint, maxDigits: number): Uint8Array {
  const digits = value.toString().slice(0, maxDigits);
  const out = new Uint8Array(digits.length + 1);
  for (let i = 0; i < digits.length; i++) out[i] = digits.charCodeAt(i);
  return out;
}

/** 0x03 READ_SLOT: R[1] slot, R[2] counter format (Storage >= 0.54: 1 binary, 0 ASCII; §5.6). */
export const readSlot: Handler = (fw, { r }) => {
  const ref = slotAt(fw, r[1]);
  if (!ref) return status(COMMAND_STATUS.WRONG_SLOT);
  if (!isProgrammed(fw, ref)) return status(COMMAND_STATUS.SLOT_NOT_PROGRAMMED);
  const { slot } = ref;
  const p = new Uint8Array(53);
  p.set(slot.name, 0);
  p[15] = slot.config;
  p.set(slot.tokenId, 16);
  const view = new DataView(p.buffer);
  const { isStorage, isNewProtocol } = fw.profile;
  if (ref.kind === 'hotp' && isStorage && !isNewProtocol) {
    p.set(asciiCounter(slot.counter & 0xffffffffn, 10), 29);
  } else if (ref.kind === 'hotp' && isStorage && r[2] === 0) {
    p.set(asciiCounter(slot.counter, 7), 29);
  } else if (ref.kind === 'totp' && !isStorage && !isNewProtocol) {
    view.setUint16(29, Number(slot.counter & 0xffffn), true); // Pro <= 0.7 reports 2 bytes
  } else {
    view.setBigUint64(29, slot.counter, true);
  }
  return { status: COMMAND_STATUS.OK, payload: p };
};

/** GET_CODE authorisation: only when GET_STATUS P[9] (config byte 3) is exactly 1 (§14.3). */
function isCodeAuthorized(fw: Firmware, r: Uint8Array, crc: number): boolean {
  if (fw.flash.generalConfig[3] !== 1) return true;
  if (fw.profile.isNewProtocol) return isTempValid(fw.ram.tempUser, r, 19);
  return fw.ram.userAuthorizedCrc !== null && fw.ram.userAuthorizedCrc === crc;
}

/** 0x04 GET_CODE: R[1] slot; R[2..18] ignored (§5.7); R[19..43] temp user password (new protocol). */
export const getCode: Handler = (fw, { r, crc }) => {
  const isAuthorized = isCodeAuthorized(fw, r, crc);
  // Legacy: executing GET_CODE clears the USER_AUTHORIZE register (§6.3).
  if (!fw.profile.isNewProtocol) fw.ram.userAuthorizedCrc = fw.profile.idleAuthorizedCrc;
  if (!isAuthorized) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  const ref = slotAt(fw, r[1]);
  if (!ref || (ref.kind === 'hotp' && ref.index === VERIFY_SLOT_INDEX && fw.profile.hasVerifySlot)) {
    return status(COMMAND_STATUS.WRONG_SLOT);
  }
  if (!isProgrammed(fw, ref)) return status(COMMAND_STATUS.SLOT_NOT_PROGRAMMED);
  const { slot } = ref;
  let value: number;
  if (ref.kind === 'hotp') {
    value = otpValue(fw, slot, slot.counter);
    slot.counter = (slot.counter + 1n) & 0xffffffffffffffffn;
  } else {
    value = otpValue(fw, slot, totpFactor(fw, slot));
  }
  return codeReply(value, slot);
};

function codeReply(value: number, slot: OtpSlot): Reply {
  const p = new Uint8Array(18);
  new DataView(p.buffer).setUint32(0, value, true);
  p[4] = slot.config;
  p.set(slot.tokenId, 5);
  return { status: COMMAND_STATUS.OK, payload: p };
}

/** 0x18 VERIFY_OTP_CODE: R[1..4] code; checks HOTP 0x13 for counters c..c+9 (§5.15). */
export const verifyOtpCode: Handler = (fw, { r }) => {
  const slot = fw.flash.hotp[VERIFY_SLOT_INDEX];
  if (!slot.isProgrammed) return status(COMMAND_STATUS.SLOT_NOT_PROGRAMMED);
  const code = readU32(r, 1);
  for (let k = 0; k < 10; k++) {
    if (otpValue(fw, slot, slot.counter + BigInt(k)) === code) {
      slot.counter = (slot.counter + BigInt(k) + 1n) & 0xffffffffffffffffn;
      return { status: COMMAND_STATUS.OK, payload: Uint8Array.of(1, k) };
    }
  }
  return { status: COMMAND_STATUS.OK, payload: Uint8Array.of(0, 0xfe) };
};
