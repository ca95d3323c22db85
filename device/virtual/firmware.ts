/**
 * The firmware's request parser: CRC check, command dispatch per model and version, and the
 * response fields (protocol reference §2, §4, §5.1, §5.18, §6.3).
 */
import { randomBytes } from 'node:crypto';
import { COMMAND } from '../protocol/command-ids';
import { crc32Stm } from '../protocol/crc';
import { CRC_OFFSET, readCrc } from '../protocol/frame';
import { COMMAND_STATUS } from '../protocol/status';
import * as auth from './auth';
import { getCode, readSlot, readSlotName, verifyOtpCode } from './otp-read';
import { eraseSlot, sendOtpData, writeConfig, writeToSlot } from './otp-write';
import * as pws from './pws';
import { cString, status, type Firmware, type Handler, type Reply } from './ram';
import { sdCardHighWatermark, stick20Handler, STICK20_FIRST, STICK20_LAST } from './stick20';
import { setTime } from './time';

/** What the firmware writes into its response buffer for one request. */
export interface Processed {
  commandId: number;
  /** R[2..5]: Pro the CRC it computed, Storage the CRC it received (§2.2). */
  echoedCrc: number;
  status: number;
  payload: Uint8Array;
  isDataOneShot: boolean;
}

/** 0x00 GET_STATUS. Pro: version, card serial, config (§5.2). Storage: fixed "version 1", config (§8.2). */
const getStatus: Handler = (fw) => {
  const p = new Uint8Array(11);
  if (fw.profile.isStorage) p[0] = 1;
  else {
    p[0] = fw.profile.minor;
    new DataView(p.buffer).setUint32(2, fw.card.serial, true);
  }
  p.set(fw.flash.generalConfig, 6);
  return { status: COMMAND_STATUS.OK, payload: p };
};

/** 0x1B GET_RANDOM (Pro >= 0.14): P[0] = 1, P[1] = min(n, 55), bytes from P[2]; past P[52] the CRC wins (§5.14). */
const getRandom: Handler = (_fw, { r }) => {
  const count = Math.min(r[1], 55);
  const p = new Uint8Array(Math.min(2 + count, 53));
  p[0] = 1;
  p[1] = count;
  p.set(randomBytes(p.length - 2), 2);
  return { status: COMMAND_STATUS.OK, payload: p };
};

/** The firmware-update PIN's length limits (pro-firmware src/inc/FlashStorage.h UPDATE_PIN_MIN/MAX_SIZE). */
const UPDATE_PIN_MIN = 8;
const UPDATE_PIN_MAX = 20;
const FACTORY_UPDATE_PIN = new TextEncoder().encode('12345678');

/** CheckUpdatePin: 8..20 bytes and equal to the stored PIN, the factory one while never changed (Corrections C2). */
function isUpdatePin(fw: Firmware, pin: Uint8Array): boolean {
  if (pin.length < UPDATE_PIN_MIN || pin.length > UPDATE_PIN_MAX) return false;
  const stored = fw.flash.updatePin ?? FACTORY_UPDATE_PIN;
  return stored.length === pin.length && stored.every((b, i) => b === pin[i]);
}

/**
 * 0x19 FIRMWARE_UPDATE (Pro >= 0.11): R[1..20] update PIN. A wrong one -> 4. The right one makes
 * the real token reset into its bootloader without answering; the virtual token has no bootloader
 * and refuses it too (Corrections C2).
 */
const refuseFirmwareUpdate: Handler = () => status(COMMAND_STATUS.WRONG_PASSWORD);

/**
 * 0x1A FIRMWARE_PASSWORD_CHANGE (Pro >= 0.11): R[1..20] current, R[21..40] new update PIN, each
 * read up to its first zero byte (strnlen, 20). Wrong current or a new one outside 8..20 bytes -> 4;
 * else stored -> 0 (pro-firmware report_protocol.c cmd_changeFirmwarePassword; Corrections C2).
 */
const changeFirmwarePassword: Handler = (fw, { r }) => {
  if (!isUpdatePin(fw, cString(r, 1, UPDATE_PIN_MAX))) return status(COMMAND_STATUS.WRONG_PASSWORD);
  const next = cString(r, 21, UPDATE_PIN_MAX);
  if (next.length < UPDATE_PIN_MIN) return status(COMMAND_STATUS.WRONG_PASSWORD);
  fw.flash.updatePin = next;
  return status(COMMAND_STATUS.OK);
};

/**
 * Pro commands whose firmware selects the card's OpenPGP application (cardAuthenticate,
 * userAuthenticate, getAID, the retry counts, isAesSupported, factoryReset, RestartSmartcard),
 * which ends the card's PIN verification (Corrections C3).
 */
const SELECTS_OPENPGP_APP: ReadonlySet<number> = new Set([
  COMMAND.FIRST_AUTHENTICATE,
  COMMAND.USER_AUTHENTICATE,
  COMMAND.GET_PASSWORD_RETRY_COUNT,
  COMMAND.GET_USER_PASSWORD_RETRY_COUNT,
  COMMAND.CHANGE_USER_PIN,
  COMMAND.CHANGE_ADMIN_PIN,
  COMMAND.UNLOCK_USER_PASSWORD,
  COMMAND.FACTORY_RESET,
  COMMAND.DETECT_SC_AES,
  COMMAND.NEW_AES_KEY,
]);

/** v0.7 compiled 0x69 (types a password) in: 5 when the safe is locked, else 0 (§14.5). */
const pwSafeSendData: Handler = (fw) =>
  status(fw.ram.isPwsUnlocked ? COMMAND_STATUS.OK : COMMAND_STATUS.NOT_AUTHORIZED);

const COMMON: Record<number, Handler> = {
  [COMMAND.GET_STATUS]: getStatus,
  [COMMAND.WRITE_TO_SLOT]: writeToSlot,
  [COMMAND.READ_SLOT_NAME]: readSlotName,
  [COMMAND.READ_SLOT]: readSlot,
  [COMMAND.GET_CODE]: getCode,
  [COMMAND.WRITE_CONFIG]: writeConfig,
  [COMMAND.ERASE_SLOT]: eraseSlot,
  [COMMAND.FIRST_AUTHENTICATE]: auth.firstAuthenticate,
  [COMMAND.AUTHORIZE]: auth.authorizeAdmin,
  [COMMAND.GET_PASSWORD_RETRY_COUNT]: auth.getPasswordRetryCount,
  [COMMAND.SET_TIME]: setTime,
  [COMMAND.USER_AUTHENTICATE]: auth.userAuthenticate,
  [COMMAND.GET_USER_PASSWORD_RETRY_COUNT]: auth.getUserPasswordRetryCount,
  [COMMAND.USER_AUTHORIZE]: auth.authorizeUser,
  [COMMAND.UNLOCK_USER_PASSWORD]: auth.unlockUserPassword,
  [COMMAND.LOCK_DEVICE]: auth.lockDevice,
  [COMMAND.FACTORY_RESET]: auth.factoryReset,
  [COMMAND.GET_PW_SAFE_SLOT_STATUS]: pws.getPwsSlotStatus,
  [COMMAND.GET_PW_SAFE_SLOT_NAME]: pws.getPwsSlotName,
  [COMMAND.GET_PW_SAFE_SLOT_PASSWORD]: pws.getPwsSlotPassword,
  [COMMAND.GET_PW_SAFE_SLOT_LOGINNAME]: pws.getPwsSlotLogin,
  [COMMAND.SET_PW_SAFE_SLOT_DATA_1]: pws.setPwsSlotData1,
  [COMMAND.SET_PW_SAFE_SLOT_DATA_2]: pws.setPwsSlotData2,
  [COMMAND.PW_SAFE_ERASE_SLOT]: pws.pwsEraseSlot,
  [COMMAND.PW_SAFE_ENABLE]: pws.pwSafeEnable,
};

/** The handler for `id` on this firmware, or undefined when it has none (§5.1 "no"). */
export function handlerFor(fw: Firmware, id: number): Handler | undefined {
  const p = fw.profile;
  if (COMMON[id]) return COMMON[id];
  if (id === COMMAND.SEND_OTP_DATA && p.isNewProtocol) return sendOtpData;
  if (id === COMMAND.VERIFY_OTP_CODE && p.hasVerifySlot) return verifyOtpCode;
  if (p.isStorage) {
    if (id >= STICK20_FIRST && id <= STICK20_LAST) return stick20Handler(id);
    if (id === COMMAND.SD_CARD_HIGH_WATERMARK) return sdCardHighWatermark;
    return undefined;
  }
  switch (id) {
    case COMMAND.CHANGE_USER_PIN:
      return auth.changeUserPin;
    case COMMAND.CHANGE_ADMIN_PIN:
      return auth.changeAdminPin;
    case COMMAND.PW_SAFE_INIT_KEY:
      return pws.pwSafeInitKey;
    case COMMAND.DETECT_SC_AES:
      return pws.detectScAes;
    case COMMAND.NEW_AES_KEY:
      return pws.newAesKey;
    case COMMAND.FIRMWARE_UPDATE:
      return p.minor >= 11 ? refuseFirmwareUpdate : undefined;
    case COMMAND.FIRMWARE_PASSWORD_CHANGE:
      return p.minor >= 11 ? changeFirmwarePassword : undefined;
    case COMMAND.GET_RANDOM:
      return p.minor >= 14 ? getRandom : undefined;
    case COMMAND.PW_SAFE_SEND_DATA:
      return p.minor <= 7 ? pwSafeSendData : undefined;
    case COMMAND.GET_PRO_DEBUG:
      return p.minor <= 7 ? () => status(COMMAND_STATUS.OK) : undefined;
    default:
      return undefined;
  }
}

/** Parses and executes one 64-byte request, as the firmware's report parser does. */
export function processRequest(fw: Firmware, r: Uint8Array): Processed {
  const commandId = r[0];
  const computed = crc32Stm(r, CRC_OFFSET);
  const received = readCrc(r);
  const echoedCrc = fw.profile.isStorage ? received : computed;
  const done = (reply: Reply): Processed => ({
    commandId,
    echoedCrc,
    status: reply.status,
    payload: reply.payload ?? new Uint8Array(0),
    isDataOneShot: reply.isDataOneShot ?? false,
  });
  if (computed !== received) return done(status(COMMAND_STATUS.WRONG_CRC)); // not executed (§2.2)
  const handler = handlerFor(fw, commandId);
  // Unknown command: Pro UNKNOWN_COMMAND, Storage an empty OK (§4.2, §5.18).
  if (!handler) return done(status(fw.profile.isStorage ? COMMAND_STATUS.OK : COMMAND_STATUS.UNKNOWN_COMMAND));
  const reply = handler(fw, { r, crc: computed });
  const ram = fw.ram;
  if (!fw.profile.isStorage && SELECTS_OPENPGP_APP.has(commandId)) ram.isCardDecipherVerified = false;
  // Legacy: any command whose CRC equals the authorised one clears the authorisation (§6.3).
  if (!fw.profile.isNewProtocol && ram.adminAuthorizedCrc === computed && commandId !== COMMAND.AUTHORIZE) {
    ram.adminAuthorizedCrc = fw.profile.idleAuthorizedCrc;
  }
  // Storage >= 0.54 after AUTHORIZE hides NOT_AUTHORIZED; the command still did not run (§6.3).
  if (fw.profile.isStorage && ram.isErrorHiding && reply.status === COMMAND_STATUS.NOT_AUTHORIZED) {
    return done({ status: COMMAND_STATUS.OK });
  }
  return done(reply);
}
