/**
 * Firmware command status codes (R[6], protocol reference §4.2) and their mapping to DeviceError.
 */
import { DeviceError, type DeviceErrorCode } from '../errors';

/** Command status byte values, named as in the firmware and libnitrokey. */
export const COMMAND_STATUS = {
  OK: 0,
  WRONG_CRC: 1,
  WRONG_SLOT: 2,
  SLOT_NOT_PROGRAMMED: 3,
  WRONG_PASSWORD: 4,
  NOT_AUTHORIZED: 5,
  TIMESTAMP_WARNING: 6,
  NO_NAME_ERROR: 7,
  NOT_SUPPORTED: 8,
  UNKNOWN_COMMAND: 9,
  AES_DEC_FAILED: 10,
  AES_CREATE_KEY_FAILED: 11,
  ERROR_CHANGING_USER_PASSWORD: 12,
  ERROR_CHANGING_ADMIN_PASSWORD: 13,
  ERROR_UNBLOCKING_PIN: 14,
  UNKNOWN_ERROR: 100,
} as const;

export type CommandStatusName = keyof typeof COMMAND_STATUS;

/** The firmware's name for a status byte, or `STATUS_<n>` for one it does not define. */
export function commandStatusName(status: number): string {
  for (const [name, value] of Object.entries(COMMAND_STATUS)) if (value === status) return name;
  return `STATUS_${status}`;
}

const STATUS_TO_CODE: Record<number, DeviceErrorCode> = {
  [COMMAND_STATUS.WRONG_CRC]: 'bad-response',
  [COMMAND_STATUS.WRONG_SLOT]: 'wrong-slot',
  [COMMAND_STATUS.SLOT_NOT_PROGRAMMED]: 'slot-empty',
  [COMMAND_STATUS.WRONG_PASSWORD]: 'wrong-pin',
  [COMMAND_STATUS.NOT_AUTHORIZED]: 'not-authorized',
  [COMMAND_STATUS.TIMESTAMP_WARNING]: 'time-refused',
  [COMMAND_STATUS.NO_NAME_ERROR]: 'name-empty',
  [COMMAND_STATUS.NOT_SUPPORTED]: 'not-supported',
  [COMMAND_STATUS.UNKNOWN_COMMAND]: 'not-supported',
  [COMMAND_STATUS.AES_DEC_FAILED]: 'pws-no-key',
  [COMMAND_STATUS.AES_CREATE_KEY_FAILED]: 'pws-no-key',
  [COMMAND_STATUS.ERROR_CHANGING_USER_PASSWORD]: 'pin-change-refused',
  [COMMAND_STATUS.ERROR_CHANGING_ADMIN_PASSWORD]: 'pin-change-refused',
  [COMMAND_STATUS.ERROR_UNBLOCKING_PIN]: 'pin-change-refused',
  [COMMAND_STATUS.UNKNOWN_ERROR]: 'refused',
};

/**
 * Maps a non-OK command status to a DeviceError. The raw status goes into `detail` for the log.
 * Callers with more context (a PIN command, the password safe) refine the code themselves.
 */
export function errorForStatus(status: number, command: string): DeviceError {
  const code = STATUS_TO_CODE[status] ?? 'unknown';
  return new DeviceError(code, { detail: `${command}: ${commandStatusName(status)} (${status})`, status });
}
