/**
 * Typed errors of the device layer (style guide §3). Their words live in the one vocabulary,
 * shared/vocabulary (errors-en.ts, errors-de.ts): to add a code, add its entry there. A throw site
 * passes a code and fields ({ retriesLeft, maxBytes, slot, ... }), never a sentence.
 */
import { describeError, type DeviceErrorCode, type ErrorFields } from '../shared/vocabulary/index';

export type { DeviceErrorCode };

/** The fields of the words (shared/vocabulary/types.ts) plus what is for the log only. */
export interface DeviceErrorInfo extends ErrorFields {
  /** For the log: command name, status byte, cause. */
  detail?: string;
  /** Raw firmware command status, if the token sent one. */
  status?: number;
}

/** An error of the device layer with a stable `code` the UI and CLI switch on. */
export class DeviceError extends Error {
  readonly code: DeviceErrorCode;
  readonly info: DeviceErrorInfo;
  constructor(code: DeviceErrorCode, info: DeviceErrorInfo = {}) {
    super(describeError(code, info, 'en', { withoutTries: true }));
    this.name = 'DeviceError';
    this.code = code;
    this.info = info;
  }
  /** Message plus tries left, as a person should read it, in `lang`. */
  describe(lang: 'en' | 'de' = 'en'): string {
    return describeError(this.code, this.info, lang);
  }
}

/** True if `e` is a DeviceError (also across module copies). */
export function isDeviceError(e: unknown): e is DeviceError {
  return (
    e instanceof DeviceError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'DeviceError')
  );
}
