/**
 * Nitrokey Storage stick20 commands (0x20–0x41) as far as an OTP / password-safe host uses them
 * (protocol reference §4.3, §5.10, §5.13, §5.20, §8.2). Encrypted volumes are not modelled: every other
 * stick20 command answers stick20 status OK.
 */
import { randomBytes } from 'node:crypto';
import { COMMAND_STATUS } from '../protocol/status';
import { wipePasswordSafe } from './pws';
import { cString, readU64, type Firmware, type Handler, type Reply } from './ram';
import { applyStartupTime } from './time';

/** Stick20 status values, R[22] (§4.3). */
export const STICK20_STATUS = {
  IDLE: 0,
  OK: 1,
  BUSY: 2,
  WRONG_PASSWORD: 3,
  BUSY_PROGRESSBAR: 4,
  NO_USER_PASSWORD_UNLOCK: 6,
  SMARTCARD_ERROR: 7,
} as const;

/** Stick20 command ids that have a handler or a generic OK answer. */
export const STICK20_FIRST = 0x20;
export const STICK20_LAST = 0x41;

/** P offset of the status block (R[20]) and of the data block (R[25]). */
const BLOCK_AT = 13;
const DATA_AT = 18;

/** A stick20 answer: R[6] = 0, status block at R[20..23], optional data from R[25]. */
export function stick20Reply(fw: Firmware, cmd: number, s20: number, data?: Uint8Array): Reply {
  fw.ram.stick20Counter = (fw.ram.stick20Counter + 1) & 0xff;
  const p = new Uint8Array(DATA_AT + (data?.length ?? 0));
  p.set([fw.ram.stick20Counter, cmd, s20, 0], BLOCK_AT);
  if (data) p.set(data, DATA_AT);
  return { status: COMMAND_STATUS.OK, payload: p, isDataOneShot: data !== undefined };
}

/** The payload a stick20 command shows while it is still running (status BUSY, §8.2). */
export function stick20BusyPayload(fw: Firmware, cmd: number): Uint8Array {
  const p = new Uint8Array(DATA_AT);
  p.set([fw.ram.stick20Counter, cmd, STICK20_STATUS.BUSY, 0], BLOCK_AT);
  return p;
}

/** GET_DEVICE_STATUS data block R[25..53] (§8.2). */
function deviceStatusData(fw: Firmware): Uint8Array {
  fw.ram.stick20SendCounter = (fw.ram.stick20SendCounter + 1) & 0xff;
  const d = new Uint8Array(29);
  const view = new DataView(d.buffer);
  d[0] = fw.ram.stick20SendCounter;
  d[1] = 3; // data type: status
  d[2] = 0; // no follow-up bytes
  d[3] = 25; // data size
  d.set([0x18, 0x33], 4); // magic 0x1833 copied raw from the big-endian CPU
  d[9] = fw.profile.minor; // R[34]; R[33] major and R[36] build iteration stay 0
  d[15] = 1; // R[40]: SD card filled with random data
  view.setUint32(16, (fw.card.serial ^ 0x5a5a5a5a) >>> 0, true); // R[41..44] SD card id (made up)
  d[22] = fw.card.tries('user') ?? 0xff; // R[47]
  d[23] = fw.card.tries('admin') ?? 0xff; // R[48]
  view.setUint32(24, fw.card.serial, true); // R[49..52]
  return d;
}

function kindOf(byte: number): 'admin' | 'user' | null {
  if (byte === 0x41) return 'admin'; // 'A'
  if (byte === 0x50) return 'user'; // 'P'
  return null;
}

/** 0x2E GET_DEVICE_STATUS. */
const getDeviceStatus: Handler = (fw, { r }) => stick20Reply(fw, r[0], STICK20_STATUS.OK, deviceStatusData(fw));

/** 0x35 SEND_STARTUP: R[1..8] Unix time; clock quirk of §7.5; answers with the status block. */
const sendStartup: Handler = (fw, { r }) => {
  applyStartupTime(fw, readU64(r, 1));
  return stick20Reply(fw, r[0], STICK20_STATUS.OK, deviceStatusData(fw));
};

/**
 * 0x32 SEND_PASSWORD: R[1] 'P' user / 'A' admin, R[2..21] PIN. Verified at once (a wrong PIN costs a
 * try) and remembered for 0x33 and 0x11.
 */
const sendPassword: Handler = (fw, { r }) => {
  const kind = kindOf(r[1]);
  if (!kind) return stick20Reply(fw, r[0], STICK20_STATUS.WRONG_PASSWORD);
  const pin = cString(r, 2, 20);
  const result = fw.card.verify(kind, pin);
  fw.ram.stick20Password = { kind, pin, isVerified: result === 'ok' };
  if (result === 'error') return stick20Reply(fw, r[0], STICK20_STATUS.SMARTCARD_ERROR);
  return stick20Reply(fw, r[0], result === 'ok' ? STICK20_STATUS.OK : STICK20_STATUS.WRONG_PASSWORD);
};

/**
 * 0x33 SEND_NEW_PASSWORD: R[1] kind, R[2..21] new PIN; needs a verified SEND_PASSWORD of the same
 * kind before it (otherwise WRONG_PASSWORD, no try consumed). A PIN the card refuses -> WRONG_PASSWORD.
 */
const sendNewPassword: Handler = (fw, { r }) => {
  const kind = kindOf(r[1]);
  const sent = fw.ram.stick20Password;
  if (!kind || !sent || sent.kind !== kind || !sent.isVerified)
    return stick20Reply(fw, r[0], STICK20_STATUS.WRONG_PASSWORD);
  const result = fw.card.setPin(kind, cString(r, 2, 20));
  if (result === 'error') return stick20Reply(fw, r[0], STICK20_STATUS.SMARTCARD_ERROR);
  if (result === 'ok') fw.ram.stick20Password = null;
  return stick20Reply(fw, r[0], result === 'ok' ? STICK20_STATUS.OK : STICK20_STATUS.WRONG_PASSWORD);
};

/**
 * 0x26 GENERATE_NEW_KEYS: R[1] kind byte, R[2..31] admin PIN (§5.13). The PIN is checked first here
 * (the reference gives the Pro's order only); then a new safe key and card AES key; the safe is locked.
 */
const generateNewKeys: Handler = (fw, { r }) => {
  const result = fw.card.verify('admin', cString(r, 2, 30));
  if (result === 'error') return stick20Reply(fw, r[0], STICK20_STATUS.SMARTCARD_ERROR);
  if (result !== 'ok') return stick20Reply(fw, r[0], STICK20_STATUS.WRONG_PASSWORD);
  wipePasswordSafe(fw, randomBytes(32));
  fw.ram.isPwsUnlocked = false;
  const loaded = fw.card.loadAesKey();
  return stick20Reply(fw, r[0], loaded === 'ok' ? STICK20_STATUS.OK : STICK20_STATUS.SMARTCARD_ERROR);
};

const genericOk: Handler = (fw, { r }) => stick20Reply(fw, r[0], STICK20_STATUS.OK);

const HANDLERS: Record<number, Handler> = {
  0x26: generateNewKeys,
  0x2e: getDeviceStatus,
  0x32: sendPassword,
  0x33: sendNewPassword,
  0x35: sendStartup,
};

/** Handler for a stick20 command id (0x20..0x41). */
export function stick20Handler(id: number): Handler {
  return HANDLERS[id] ?? genericOk;
}

/** 0x70 SD_CARD_HIGH_WATERMARK: write-min, write-max, read-min, read-max percent (values made up). */
export const sdCardHighWatermark: Handler = () => ({
  status: COMMAND_STATUS.OK,
  payload: Uint8Array.of(0, 100, 0, 100),
});
