/**
 * English words of every error code: ONE entry per code, in one of three tables by where the error
 * starts (the device library, the app's services, a backup file). An entry is a sentence, or a function
 * of the error's fields (types.ts) for the specifics: bytes, tries left, a slot, a name.
 *
 * To add an error code: add its entry to the right table below, then its German words to errors-de.ts
 * (the compiler insists on both). The throw site passes only the code and fields, for example
 * `new DeviceError('name-too-long', { bytes: 20, maxBytes: 15 })`; it never writes a sentence.
 * When one code has several causes that need their own words, add a key to `reasonsEn` (and `reasonsDe`)
 * and pass `{ reason: 'the-key', ...fields }`.
 *
 * A message says what happened and what to do; no hex, no status numbers, never a secret or a PIN
 * (style guide §3). Counts go through `plural` (Intl.PluralRules), never `n === 1 ? ... : ...`.
 */
import type { Words } from './types';

/** Codes of the device library (device/errors.ts: DeviceError). */
export const deviceErrorsEn = {
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
} as const satisfies Record<string, Words>;

/** Codes of the app's services (electron/services, the web host): not the device's. */
export const appErrorsEn = {
  'bad-request': 'keyslot could not carry out the request.',
  'confirmation-needed': 'Confirm this step first.',
  'nothing-found': 'No account was found.',
  'import-expired':
    'This import is no longer held (it was closed or left unused for 30 minutes). Scan or paste the account again.',
  'capture-unavailable':
    'The screen could not be captured here (the system refused, or there is no screen). Save a screenshot and open it, or paste the URI.',
} as const satisfies Record<string, Words>;

/** Problems of a backup file (device/backup/errors.ts: BackupProblem, a value, not an exception). */
export const backupErrorsEn = {
  'backup-missing': 'The backup file does not exist.',
  'backup-exists':
    'A file of that name exists already; keyslot does not overwrite it. Add accounts to it with keyslot otp add --backup FILE, or choose another name.',
  'backup-unreadable': 'The backup file cannot be read or written here (permissions, or a folder of that name).',
  'backup-not-a-backup': 'This file is not a keyslot backup.',
  'backup-truncated':
    'The backup file is cut short (an interrupted copy or download). Use another copy; nothing was restored.',
  'backup-damaged':
    'The backup file is damaged: its header is not what keyslot writes. Use another copy; nothing was restored.',
  'backup-future-version':
    'This backup was written by a newer keyslot. Update keyslot to open it; nothing was restored.',
  'backup-wrong-password':
    'The password does not open this backup. Check it and try again. (If you are sure it is right, the file was altered where it stores the key parameters.)',
  'backup-tampered':
    'The password is right, but the encrypted accounts were changed or damaged after the backup was written. Use another copy; nothing was restored.',
  'backup-invalid-content': 'The backup opened, but an account in it is not valid, so nothing was restored.',
  'backup-password-empty': 'The backup password is empty. Choose one you will remember; it cannot be recovered.',
} as const satisfies Record<string, Words>;

/**
 * Words for the specifics of one case, after the code's words: `reason` picks one. Keys are free;
 * the German table must have the same keys.
 */
export const reasonsEn = {} as const satisfies Record<string, Words>;

/** Sentences that follow any code's words, made from common fields. */
export const followersEn = {
  triesLeft: (f, plural) =>
    f.retriesLeft === 0
      ? 'No tries are left: the PIN is now locked.'
      : `${f.retriesLeft} ${plural(f.retriesLeft ?? 0, 'try', 'tries')} left before it locks.`,
  ref: (f) => `(ref ${f.ref})`,
} as const satisfies Record<string, Words>;
