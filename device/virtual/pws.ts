/**
 * Password safe commands 0x60–0x68, DETECT_SC_AES and NEW_AES_KEY (protocol reference §5.12, §5.13, §14.4).
 * Slots are kept decrypted in the state; "decrypts to garbage" is modelled as random bytes, inactive.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { COMMAND_STATUS } from '../protocol/status';
import { cString, field, status, type Firmware, type Handler } from './ram';
import { garbagePwsSlot, PWS_LOGIN_BYTES, PWS_NAME_BYTES, PWS_PASSWORD_BYTES, PWS_SLOTS } from './flash-state';

const MARKER_ACTIVE = 0xa5;
const NAME_AT = 1;
const PASSWORD_AT = NAME_AT + PWS_NAME_BYTES;
const LOGIN_AT = PASSWORD_AT + PWS_PASSWORD_BYTES;

/** Replaces the safe's key (null = none) and turns all 16 slots into inactive garbage. */
export function wipePasswordSafe(fw: Firmware, key: Uint8Array | null): void {
  fw.flash.pwsKey = key;
  fw.flash.pws = Array.from({ length: PWS_SLOTS }, garbagePwsSlot);
}

/** Zeroed NOT_AUTHORIZED for a locked safe or a slot number >= 16 (§5.12). */
function refusal(fw: Firmware, slot?: number): ReturnType<Handler> | null {
  if (!fw.ram.isPwsUnlocked) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  if (slot !== undefined && slot >= PWS_SLOTS) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  return null;
}

/** 0x60: P[0..15] = 1 for an active slot. */
export const getPwsSlotStatus: Handler = (fw) =>
  refusal(fw) ?? { status: COMMAND_STATUS.OK, payload: Uint8Array.from(fw.flash.pws, (s) => (s.isActive ? 1 : 0)) };

/** 0x61 / 0x62 / 0x63: R[1] slot; the field whatever its active state (hosts check 0x60 first). */
function getField(name: 'name' | 'password' | 'login'): Handler {
  return (fw, { r }) => refusal(fw, r[1]) ?? { status: COMMAND_STATUS.OK, payload: fw.flash.pws[r[1]][name].slice() };
}

export const getPwsSlotName = getField('name');
export const getPwsSlotPassword = getField('password');
export const getPwsSlotLogin = getField('login');

/** 0x64: R[2..12] name, R[13..32] password into a cleared staging buffer; always OK, even locked. */
export const setPwsSlotData1: Handler = (fw, { r }) => {
  const s = fw.ram.pwsStaging;
  s.fill(0);
  s.set(field(r, 2, PWS_NAME_BYTES), NAME_AT);
  s.set(field(r, 13, PWS_PASSWORD_BYTES), PASSWORD_AT);
  return status(COMMAND_STATUS.OK);
};

/**
 * 0x65: R[1] slot, R[2..33] login; stores the staged entry as active. The firmware then encrypts the
 * staging buffer in place (§14.4), so a DATA_2 without a fresh DATA_1 stores ciphertext as name and
 * password. Modelled with AES-256-ECB under the safe's key (zero key if none).
 */
export const setPwsSlotData2: Handler = (fw, { r }) => {
  const refused = refusal(fw, r[1]);
  if (refused) return refused;
  const s = fw.ram.pwsStaging;
  s[0] = MARKER_ACTIVE;
  s.set(field(r, 2, PWS_LOGIN_BYTES), LOGIN_AT);
  fw.flash.pws[r[1]] = {
    isActive: true,
    name: s.slice(NAME_AT, PASSWORD_AT),
    password: s.slice(PASSWORD_AT, LOGIN_AT),
    login: s.slice(LOGIN_AT),
  };
  const cipher = createCipheriv('aes-256-ecb', fw.flash.pwsKey ?? new Uint8Array(32), null).setAutoPadding(false);
  s.set(Buffer.concat([cipher.update(s), cipher.final()]));
  return status(COMMAND_STATUS.OK);
};

/** 0x66: R[1] slot; an all-zero inactive slot (marker 0x5A). */
export const pwsEraseSlot: Handler = (fw, { r }) => {
  const refused = refusal(fw, r[1]);
  if (refused) return refused;
  fw.flash.pws[r[1]] = {
    isActive: false,
    name: new Uint8Array(PWS_NAME_BYTES),
    password: new Uint8Array(PWS_PASSWORD_BYTES),
    login: new Uint8Array(PWS_LOGIN_BYTES),
  };
  return status(COMMAND_STATUS.OK);
};

function hasKey(fw: Firmware): boolean {
  return fw.card.hasAesKey && fw.flash.pwsKey !== null;
}

/**
 * 0x67 PW_SAFE_ENABLE: R[1..30] user PIN, read up to the first zero byte even past the field
 * (§14.7; we stop at R[59]). Wrong PIN -> 4; no key -> Pro 10, Storage 100; Storage: empty PIN -> 4.
 */
export const pwSafeEnable: Handler = (fw, { r }) => {
  const pin = cString(r, 1, 59);
  if (fw.profile.isStorage && pin.length === 0) return status(COMMAND_STATUS.WRONG_PASSWORD);
  const verified = fw.card.verify('user', pin) === 'ok';
  // PWS_EnableAccess verifies PW1 (mode 82) without selecting the application first (Corrections C3).
  fw.ram.isCardDecipherVerified = verified && !fw.profile.isStorage;
  if (!verified) return status(COMMAND_STATUS.WRONG_PASSWORD);
  if (!hasKey(fw)) return status(fw.profile.isStorage ? COMMAND_STATUS.UNKNOWN_ERROR : COMMAND_STATUS.AES_DEC_FAILED);
  fw.ram.isPwsUnlocked = true;
  return status(COMMAND_STATUS.OK);
};

/**
 * 0x68 PW_SAFE_INIT_KEY (Pro): no PIN and no admin authorisation (pro-firmware report_protocol.c
 * cmd_getPasswordSafeInitKey -> password_safe.c PWS_DecryptedPasswordSafeKey). 0 when the safe is
 * unlocked; else the card is asked to decrypt the stored key, which works only while it holds the
 * user PIN verified for decryption (a PW_SAFE_ENABLE not followed by a command that selects the
 * card's application) — then the safe is unlocked and 0; otherwise 5. 0.15 refuses an empty stored
 * key before asking the card, 0.7 asks anyway (Corrections C3).
 */
export const pwSafeInitKey: Handler = (fw) => {
  if (fw.ram.isPwsUnlocked) return status(COMMAND_STATUS.OK);
  if (!fw.ram.isCardDecipherVerified || !hasKey(fw)) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  fw.ram.isPwsUnlocked = true;
  return status(COMMAND_STATUS.OK);
};

/** 0x6A DETECT_SC_AES (Pro): R[1..25] user PIN (wrong -> 4, costs a try); 0 supported, 8 not. */
export const detectScAes: Handler = (fw, { r }) => {
  if (fw.card.verify('user', cString(r, 1, 25)) !== 'ok') return status(COMMAND_STATUS.WRONG_PASSWORD);
  return status(fw.card.supportsAes() ? COMMAND_STATUS.OK : COMMAND_STATUS.NOT_SUPPORTED);
};

/**
 * 0x6B NEW_AES_KEY (Pro): R[1..25] admin PIN. Firmware order (§5.13): first a new safe key is stored
 * and the safe locked — so even a wrong PIN destroys the contents — then the PIN is verified (4) and
 * a new AES key loaded into the card (failure 11).
 */
export const newAesKey: Handler = (fw, { r }) => {
  wipePasswordSafe(fw, randomBytes(32));
  fw.ram.isPwsUnlocked = false;
  if (fw.card.verify('admin', cString(r, 1, 25)) !== 'ok') return status(COMMAND_STATUS.WRONG_PASSWORD);
  return status(fw.card.loadAesKey() === 'ok' ? COMMAND_STATUS.OK : COMMAND_STATUS.AES_CREATE_KEY_FAILED);
};
