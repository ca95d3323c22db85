/**
 * Constants of the Nitrokey 3 Secrets app (protocol reference nitrokey3-secrets.md §2.3, §4, §5, §8).
 * Names keep the firmware's words (trussed-secrets-app `command.rs`, `oath.rs`).
 */

/** The YubiKey OATH AID the Secrets app answers to (§2.3). */
export const OATH_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01);

/** Instruction bytes (§4.3). CALCULATE_ALL and VALIDATE are YKOATH's; the NK3 answers them with 6D00 (§11). */
export const INS = {
  PUT: 0x01,
  DELETE: 0x02,
  YK_STATUS: 0x03,
  RESET: 0x04,
  LIST: 0xa1,
  CALCULATE: 0xa2,
  VALIDATE: 0xa3,
  SELECT: 0xa4,
  CALCULATE_ALL: 0xa4,
  SEND_REMAINING: 0xa5,
  VERIFY_CODE: 0xb1,
  VERIFY_PIN: 0xb2,
  CHANGE_PIN: 0xb3,
  SET_PIN: 0xb4,
  GET_CREDENTIAL: 0xb5,
  UPDATE_CREDENTIAL: 0xb7,
  /** ISO 7816 GET RESPONSE, answered by the CCID dispatcher only (§2.4). */
  GET_RESPONSE: 0xc0,
} as const;

/** TLV tags (§5.1). */
export const TAG = {
  NAME: 0x71,
  NAME_LIST: 0x72,
  KEY: 0x73,
  CHALLENGE: 0x74,
  RESPONSE: 0x75,
  TRUNCATED_RESPONSE: 0x76,
  HOTP: 0x77,
  PROPERTY: 0x78,
  VERSION: 0x79,
  INITIAL_MOVING_FACTOR: 0x7a,
  PASSWORD: 0x80,
  NEW_PASSWORD: 0x81,
  PIN_COUNTER: 0x82,
  PWS_LOGIN: 0x83,
  PWS_PASSWORD: 0x84,
  PWS_METADATA: 0x85,
  SERIAL_NUMBER: 0x8f,
} as const;

/** High nibble of the key byte (§5.2). */
export const KIND = { HOTP: 0x10, TOTP: 0x20, REVERSE_HOTP: 0x30, HMAC: 0x40, NOT_SET: 0xf0 } as const;
/** Low nibble of the key byte (§5.2). */
export const ALGORITHM = { SHA1: 0x01, SHA256: 0x02, SHA512: 0x03 } as const;

/** PUT property bits, sent as `78 P` without a length byte (§5.3). */
export const PUT_PROPERTY = { TOUCH_REQUIRED: 0x02, PIN_ENCRYPTED: 0x04 } as const;
/** LIST v1 property bits, the last byte of each entry (§4.6, §5.3). */
export const LIST_PROPERTY = { TOUCH_REQUIRED: 0x01, PIN_ENCRYPTED: 0x02, PWS_DATA: 0x04 } as const;

/** ISO 7816 status words the app uses (§4.1). */
export const SW = {
  SUCCESS: 0x9000,
  MORE_AVAILABLE: 0x61ff,
  VERIFICATION_FAILED: 0x6300,
  UNSPECIFIED_NONPERSISTENT_EXECUTION_ERROR: 0x6400,
  UNSPECIFIED_PERSISTENT_EXECUTION_ERROR: 0x6500,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  COMMAND_CHAINING_NOT_SUPPORTED: 0x6884,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  OPERATION_BLOCKED: 0x6983,
  CONDITIONS_OF_USE_NOT_SATISFIED: 0x6985,
  INCORRECT_DATA_PARAMETER: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  NOT_FOUND: 0x6a82,
  NOT_ENOUGH_MEMORY: 0x6a84,
  KEY_REFERENCE_NOT_FOUND: 0x6a88,
  INSTRUCTION_NOT_SUPPORTED_OR_INVALID: 0x6d00,
  CLASS_NOT_SUPPORTED: 0x6e00,
  /** CCID dispatcher only: malformed APDU, GET RESPONSE with nothing buffered (§2.4). */
  UNKNOWN: 0x6f00,
} as const;

/** Firmware limits (§8), checked by the host before anything is sent. */
export const NK3_LIMITS = {
  /** Credentials per device, all kinds, PIN-encrypted included. */
  credentials: 50,
  /** Label bytes (UTF-8). */
  labelBytes: 128,
  /** Secret bytes after base32 decoding (HMAC slots exactly 20). */
  secretBytes: 128,
  /** Login, password and metadata bytes each. */
  pwsFieldBytes: 128,
  /** PIN bytes. */
  pinBytes: 128,
  /** PIN retries after SET PIN or a correct PIN. */
  pinRetries: 8,
  /** Reverse HOTP look-ahead window (counter positions). */
  reverseHotpWindow: 10,
  /** Bytes per CTAPHID message, including the SW on responses (§3.2). */
  messageBytes: 3072,
  /** Data bytes per CCID response chunk (§2.4). */
  ccidChunkBytes: 3070,
  /** How long the device waits for a touch, in milliseconds (§7). */
  touchTimeoutMs: 15000,
} as const;

/** Version of the app the emulator reports, and the reference describes (§1: 0.14.0 → `04 0E 00`). */
export const SECRETS_APP_VERSION = { major: 4, minor: 14, patch: 0 } as const;
