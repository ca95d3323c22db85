/**
 * How long the virtual token takes per command. The numbers are estimates: real processing times
 * were never measured (protocol reference §13.3). They only need to be plausible so that hosts
 * exercise their polling (§1.4): flash writes take tens of milliseconds, smart-card operations
 * longer, key generation and factory reset hundreds.
 */
import { COMMAND } from '../protocol/command-ids';

/** Processing time per command id, in milliseconds of the injected clock. */
export interface LatencyModel {
  /** ms of processing for a command without an entry in perCommandMs. */
  defaultMs: number;
  /** ms of processing per command id. */
  perCommandMs: Partial<Record<number, number>>;
  /**
   * Storage only: ms after SET_REPORT during which GET_REPORT still returns the previous response
   * (the firmware task has not yet zeroed the buffer); after that, until the answer is ready, the
   * buffer reads all zero with CRC field 0 (§1.3 Storage item 3). Default 0.
   */
  storageParseDelayMs?: number;
  /**
   * ms for GET_CODE on a TOTP slot, which computes an HMAC and writes nothing (HOTP GET_CODE writes
   * its counter to flash and takes perCommandMs[GET_CODE]). Default: defaultMs.
   */
  totpCodeMs?: number;
}

const C = COMMAND;

/**
 * Estimated defaults (not measured, §13.3): 2 ms for reads and TOTP codes; 20–40 ms for flash writes (slot writes,
 * erase, config, SET_TIME, HOTP GET_CODE because it writes its counter); 10 ms to read PIN retry
 * counters; 50–80 ms for smart-card PIN operations; 300–400 ms for key generation and factory reset;
 * on a Storage the previous response stays visible for 1 ms after a request.
 */
export const DEFAULT_LATENCY: LatencyModel = {
  defaultMs: 2,
  storageParseDelayMs: 1,
  totpCodeMs: 2,
  perCommandMs: {
    [C.WRITE_TO_SLOT]: 40,
    [C.ERASE_SLOT]: 30,
    [C.WRITE_CONFIG]: 30,
    [C.SET_TIME]: 20,
    [C.GET_CODE]: 20, // HOTP: the counter is written to flash; TOTP takes totpCodeMs
    [C.VERIFY_OTP_CODE]: 20,
    [C.FIRST_AUTHENTICATE]: 60,
    [C.USER_AUTHENTICATE]: 60,
    [C.GET_PASSWORD_RETRY_COUNT]: 10,
    [C.GET_USER_PASSWORD_RETRY_COUNT]: 10,
    [C.CHANGE_USER_PIN]: 80,
    [C.CHANGE_ADMIN_PIN]: 80,
    [C.UNLOCK_USER_PASSWORD]: 80,
    [C.PW_SAFE_ENABLE]: 70,
    [C.DETECT_SC_AES]: 50,
    [C.SET_PW_SAFE_SLOT_DATA_2]: 30,
    [C.PW_SAFE_ERASE_SLOT]: 30,
    [C.NEW_AES_KEY]: 300,
    [C.FACTORY_RESET]: 400,
    [C.GET_DEVICE_STATUS]: 10,
    [C.SEND_PASSWORD]: 60,
    [C.SEND_NEW_PASSWORD]: 80,
    [C.GENERATE_NEW_KEYS]: 300,
  },
};

/** Processing ms of one command under a model ('none' = 0); `request` tells TOTP from HOTP GET_CODE. */
export function latencyMs(model: LatencyModel | 'none', commandId: number, request?: Uint8Array): number {
  if (model === 'none') return 0;
  const isTotpCode = commandId === COMMAND.GET_CODE && request !== undefined && request[1] >= 0x20;
  if (isTotpCode) return model.totpCodeMs ?? model.defaultMs;
  return model.perCommandMs[commandId] ?? model.defaultMs;
}
