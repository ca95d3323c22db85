/**
 * Command ids (R[0] of a request), named as in the firmware and libnitrokey `command_id.h`
 * (protocol reference §5.1, §5.20).
 */
export const COMMAND = {
  GET_STATUS: 0x00,
  WRITE_TO_SLOT: 0x01,
  READ_SLOT_NAME: 0x02,
  READ_SLOT: 0x03,
  GET_CODE: 0x04,
  WRITE_CONFIG: 0x05,
  ERASE_SLOT: 0x06,
  FIRST_AUTHENTICATE: 0x07,
  AUTHORIZE: 0x08,
  GET_PASSWORD_RETRY_COUNT: 0x09,
  CLEAR_WARNING: 0x0a,
  SET_TIME: 0x0b,
  TEST_COUNTER: 0x0c,
  TEST_TIME: 0x0d,
  USER_AUTHENTICATE: 0x0e,
  GET_USER_PASSWORD_RETRY_COUNT: 0x0f,
  USER_AUTHORIZE: 0x10,
  UNLOCK_USER_PASSWORD: 0x11,
  LOCK_DEVICE: 0x12,
  FACTORY_RESET: 0x13,
  CHANGE_USER_PIN: 0x14,
  CHANGE_ADMIN_PIN: 0x15,
  WRITE_TO_SLOT_2: 0x16,
  SEND_OTP_DATA: 0x17,
  VERIFY_OTP_CODE: 0x18,
  FIRMWARE_UPDATE: 0x19,
  FIRMWARE_PASSWORD_CHANGE: 0x1a,
  GET_RANDOM: 0x1b,
  // Storage stick20 commands used by OTP/PWS hosts (§5.20)
  ENABLE_CRYPTED_PARI: 0x20,
  GENERATE_NEW_KEYS: 0x26,
  GET_DEVICE_STATUS: 0x2e,
  SEND_PASSWORD: 0x32,
  SEND_NEW_PASSWORD: 0x33,
  SEND_STARTUP: 0x35,
  GET_PW_SAFE_SLOT_STATUS: 0x60,
  GET_PW_SAFE_SLOT_NAME: 0x61,
  GET_PW_SAFE_SLOT_PASSWORD: 0x62,
  GET_PW_SAFE_SLOT_LOGINNAME: 0x63,
  SET_PW_SAFE_SLOT_DATA_1: 0x64,
  SET_PW_SAFE_SLOT_DATA_2: 0x65,
  PW_SAFE_ERASE_SLOT: 0x66,
  PW_SAFE_ENABLE: 0x67,
  PW_SAFE_INIT_KEY: 0x68,
  PW_SAFE_SEND_DATA: 0x69,
  DETECT_SC_AES: 0x6a,
  NEW_AES_KEY: 0x6b,
  GET_PRO_DEBUG: 0x6c,
  SD_CARD_HIGH_WATERMARK: 0x70,
} as const;

export type CommandName = keyof typeof COMMAND;

/** The firmware name of a command id, or `CMD_0x..` for an id without a name. */
export function commandName(id: number): string {
  for (const [name, value] of Object.entries(COMMAND)) if (value === id) return name;
  return `CMD_0x${id.toString(16).padStart(2, '0')}`;
}

/** Slot number on the wire: HOTP slots are 0x10 + index, TOTP slots 0x20 + index (§7.1). */
export const SLOT_BASE = { hotp: 0x10, totp: 0x20 } as const;
