/**
 * Authentication, PIN and reset commands (protocol reference §5.10, §6).
 */
import { COMMAND_STATUS } from '../protocol/status';
import { wipePasswordSafe } from './pws';
import { cString, field, isTempValid, readU32, status, TEMP_PASSWORD_BYTES, type Handler } from './ram';
import { erasedSlot } from './flash-state';

const PIN_FIELD = 25;

/**
 * 0x07 FIRST_AUTHENTICATE / 0x0E USER_AUTHENTICATE: R[1..25] PIN, R[26..50] new temp password.
 * Pro >= 0.9 and Storage >= 0.54 forget the old temp password first; older builds keep it when the
 * PIN is wrong (§6.2, §14.6).
 */
function authenticate(kind: 'admin' | 'user'): Handler {
  return (fw, { r }) => {
    const key = kind === 'admin' ? 'tempAdmin' : 'tempUser';
    if (fw.profile.isTempInvalidatedFirst) fw.ram[key] = null;
    if (fw.card.verify(kind, cString(r, 1, PIN_FIELD)) !== 'ok') return status(COMMAND_STATUS.WRONG_PASSWORD);
    fw.ram[key] = field(r, 26, TEMP_PASSWORD_BYTES);
    return status(COMMAND_STATUS.OK);
  };
}

export const firstAuthenticate = authenticate('admin');
export const userAuthenticate = authenticate('user');

/**
 * 0x08 AUTHORIZE / 0x10 USER_AUTHORIZE: R[1..4] CRC of the next frame, R[5..29] temp password (§6.3).
 * New firmware: Pro answers UNKNOWN_COMMAND; Storage answers OK and from then on (until power-off)
 * reports every NOT_AUTHORIZED as OK.
 */
function authorize(kind: 'admin' | 'user'): Handler {
  return (fw, { r }) => {
    if (fw.profile.isNewProtocol) {
      if (!fw.profile.isStorage) return status(COMMAND_STATUS.UNKNOWN_COMMAND);
      fw.ram.isErrorHiding = true;
      return status(COMMAND_STATUS.OK);
    }
    const key = kind === 'admin' ? 'tempAdmin' : 'tempUser';
    const temp = fw.ram[key];
    if (!temp) return status(COMMAND_STATUS.OK); // no temp password: OK, but nothing is authorised
    if (!isTempValid(temp, r, 5)) return status(COMMAND_STATUS.WRONG_PASSWORD);
    fw.ram[kind === 'admin' ? 'adminAuthorizedCrc' : 'userAuthorizedCrc'] = readU32(r, 1);
    if (fw.profile.isTempConsumedByAuthorize) fw.ram[key] = null;
    return status(COMMAND_STATUS.OK);
  };
}

export const authorizeAdmin = authorize('admin');
export const authorizeUser = authorize('user');

/** 0x09 / 0x0F: P[0] tries left, 0xFF when the card cannot be read. Storage 0x09 also sets R[20] = 0xAA. */
function retryCount(kind: 'admin' | 'user'): Handler {
  return (fw) => {
    const p = new Uint8Array(kind === 'admin' && fw.profile.isStorage ? 14 : 1);
    p[0] = fw.card.tries(kind) ?? 0xff;
    if (p.length > 1) p[13] = 0xaa; // R[20] (§4.3)
    return { status: COMMAND_STATUS.OK, payload: p };
  };
}

export const getPasswordRetryCount = retryCount('admin');
export const getUserPasswordRetryCount = retryCount('user');

/** 0x14 CHANGE_USER_PIN / 0x15 CHANGE_ADMIN_PIN (Pro): R[1..25] current, R[26..50] new PIN. */
function changePin(kind: 'admin' | 'user'): Handler {
  return (fw, { r }) => {
    if (fw.card.verify(kind, cString(r, 1, PIN_FIELD)) !== 'ok') return status(COMMAND_STATUS.WRONG_PASSWORD);
    if (fw.card.setPin(kind, cString(r, 26, PIN_FIELD)) === 'ok') return status(COMMAND_STATUS.OK);
    return status(
      kind === 'admin' ? COMMAND_STATUS.ERROR_CHANGING_ADMIN_PASSWORD : COMMAND_STATUS.ERROR_CHANGING_USER_PASSWORD,
    );
  };
}

export const changeUserPin = changePin('user');
export const changeAdminPin = changePin('admin');

/**
 * 0x11 UNLOCK_USER_PASSWORD.
 * Pro: R[1..25] admin PIN (verified, a wrong one costs an admin try), R[26..50] new user PIN; card refusal -> 14.
 * Storage: R[1] = 'A', R[2..31] new user PIN, authorised by a preceding SEND_PASSWORD 'A' (0x32); failure -> 4.
 */
export const unlockUserPassword: Handler = (fw, { r }) => {
  if (fw.profile.isStorage) {
    const sent = fw.ram.stick20Password;
    if (r[1] !== 0x41 || !sent || sent.kind !== 'admin' || !sent.isVerified)
      return status(COMMAND_STATUS.WRONG_PASSWORD);
    const isDone = fw.card.resetUserPin(cString(r, 2, 30)) === 'ok';
    return status(isDone ? COMMAND_STATUS.OK : COMMAND_STATUS.WRONG_PASSWORD);
  }
  if (fw.card.verify('admin', cString(r, 1, PIN_FIELD)) !== 'ok') return status(COMMAND_STATUS.WRONG_PASSWORD);
  const isDone = fw.card.resetUserPin(cString(r, 26, PIN_FIELD)) === 'ok';
  return status(isDone ? COMMAND_STATUS.OK : COMMAND_STATUS.ERROR_UNBLOCKING_PIN);
};

/** 0x12 LOCK_DEVICE: locks the password safe; the Storage also forgets both temp passwords (§5.10). */
export const lockDevice: Handler = (fw) => {
  fw.ram.isPwsUnlocked = false;
  if (fw.profile.isStorage) {
    fw.ram.tempAdmin = null;
    fw.ram.tempUser = null;
  }
  return status(COMMAND_STATUS.OK);
};

/**
 * 0x13 FACTORY_RESET: R[1..25] admin PIN (§5.10). Both models: card back to factory (default PINs,
 * 3 tries, no AES key), OTP slots erased, password safe and its key gone; temp passwords survive (§6.2).
 * Pro: the general config survives and an unlocked safe stays "unlocked" until LOCK_DEVICE (§5.12).
 * Storage: the general config is erased (0xFF) and the safe is locked.
 */
export const factoryReset: Handler = (fw, { r }) => {
  if (fw.card.verify('admin', cString(r, 1, PIN_FIELD)) !== 'ok') return status(COMMAND_STATUS.WRONG_PASSWORD);
  const flash = fw.flash;
  flash.card = fw.card.factoryReset();
  flash.hotp = flash.hotp.map(erasedSlot);
  flash.totp = flash.totp.map(erasedSlot);
  wipePasswordSafe(fw, null);
  if (fw.profile.isStorage) {
    flash.generalConfig = new Uint8Array(5).fill(0xff);
    fw.ram.isPwsUnlocked = false;
  }
  return status(COMMAND_STATUS.OK);
};
