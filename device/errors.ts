/**
 * Typed errors of the device layer: one table from code to message (style guide §3).
 * Messages say what happened and what to do; they never contain a secret, a PIN, hex or a status number.
 */

export const ERROR_MESSAGES = {
  'no-token':
    'No Nitrokey Pro, Nitrokey Storage or Librem Key is plugged in. Plug one in, or use --device virtual to try the virtual token.',
  'hid-permission':
    'A token is plugged in but this user may not open it. Install the udev rule shown below, then replug the token.',
  'wrong-pin': 'Wrong PIN.',
  'pin-locked':
    'The PIN is locked after too many wrong tries. Unlock the user PIN with the admin PIN; a locked admin PIN needs a factory reset.',
  'pin-invalid': 'That PIN cannot be used: it is empty or too long.',
  'pin-change-refused': 'The token refused the new PIN. Choose another one and try again.',
  'not-authorized': 'The token did not accept the authorisation. Enter the PIN again.',
  'slot-empty': 'This slot has no secret yet.',
  'wrong-slot': 'The token has no such slot.',
  'name-empty': 'A slot needs a name.',
  'name-too-long': 'The name is too long for the token.',
  'secret-invalid': 'The secret is not valid base32 or hex.',
  'secret-too-long': 'The secret is longer than this token can store.',
  'secret-empty': 'The secret is empty.',
  'digits-unsupported': 'The token makes 6- or 8-digit codes only.',
  'algorithm-unsupported':
    'The token computes codes with HMAC-SHA1 only; this account needs another algorithm, so the token cannot produce its codes.',
  'period-unsupported': 'The token cannot store this time step.',
  'counter-invalid': 'The HOTP counter must be a whole number from 0 to 2^64-1.',
  'uri-invalid': 'This is not a valid otpauth:// URI.',
  'time-refused': 'The token refused to set its clock, because the new time is earlier than the last time it was set.',
  'not-supported': 'This token or firmware does not support that command.',
  'pws-locked': 'The password safe is locked. Unlock it with the user PIN.',
  'pws-no-key': 'The password safe has no key yet. Build the AES key with the admin PIN first (keyslot pws init).',
  'pws-slot-empty': 'This password safe entry is empty.',
  'pws-field-too-long': 'A password safe field is too long for the token.',
  refused: 'The token refused the request.',
  'token-unplugged': 'The token was unplugged during the operation. Plug it back in and try again.',
  'bad-response': 'The token sent a damaged reply. Try again; if it repeats, replug the token.',
  timeout: 'The token did not answer in time. Replug it and try again.',
  busy: 'The token is busy with another operation. Wait a moment and try again.',
  'state-corrupt': 'The virtual token state file is damaged; it was left as it is.',
  cancelled: 'Cancelled; nothing was changed.',
  'bad-input': 'The input is not valid.',
  unknown: 'Something unexpected went wrong. Details are in the log.',
} as const;

export type DeviceErrorCode = keyof typeof ERROR_MESSAGES;

/** Details an error may carry; `detail` is for the log only. */
export interface DeviceErrorInfo {
  /** PIN tries left after a wrong PIN. */
  retriesLeft?: number;
  /** Extra words for the user, appended to the message (never secret). */
  hint?: string;
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
    super(info.hint ? `${ERROR_MESSAGES[code]} ${info.hint}` : ERROR_MESSAGES[code]);
    this.name = 'DeviceError';
    this.code = code;
    this.info = info;
  }
  /** Message plus tries left, as a person should read it. */
  describe(): string {
    if (this.info.retriesLeft === undefined) return this.message;
    const n = this.info.retriesLeft;
    if (n === 0) return `${this.message} No tries are left: the PIN is now locked.`;
    return `${this.message} ${n} ${n === 1 ? 'try' : 'tries'} left before it locks.`;
  }
}

/** True if `e` is a DeviceError (also across module copies). */
export function isDeviceError(e: unknown): e is DeviceError {
  return (
    e instanceof DeviceError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'DeviceError')
  );
}
