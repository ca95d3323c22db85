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
  'no-token': 'No Nitrokey 3, Nitrokey Pro, Nitrokey Storage or Librem Key is plugged in. Plug one in, then try again.',
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
  // Nitrokey 3 (Secrets app; protocol reference nitrokey3-secrets.md §4.1, §7, §8).
  'touch-timeout':
    'The Nitrokey 3 was not touched in time (or the touch was refused), so it did nothing. Touch it when it blinks, then try again.',
  'credential-exists': (f) =>
    f.name !== undefined
      ? `The token already holds a credential named "${f.name}". Delete it first or choose another name.`
      : 'The token already holds a credential of that name. Delete it first or choose another name.',
  'credential-not-found':
    'The token has no credential of that name. Credentials protected by the PIN are found only with the PIN.',
  'store-full': (f) =>
    f.max !== undefined
      ? `The token holds ${f.max} credentials, as many as it can. Delete one first.`
      : 'The token has no room for another credential. Delete one first.',
  'pin-not-set': 'The token has no PIN yet. Set one first (keyslot pin set).',
  'pin-already-set': 'The token has a PIN already. To change it, give the current PIN as well.',
  'pin-required': 'This needs the PIN. Enter it and try again.',
  'code-rejected': 'The token did not accept this code.',
  'credential-kind-mismatch':
    'This credential cannot do that (a password-only entry makes no codes; a reverse HOTP entry only checks them).',
  'nk3-algorithm-unsupported': 'The Nitrokey 3 computes codes with SHA-1 and SHA-256 only.',
  'nk3-digits-unsupported': 'The Nitrokey 3 makes codes of 6, 7 or 8 digits.',
  'socket-path-taken': (f) =>
    `${f.text} exists and is not a socket, so keyslot leaves it alone. Choose another path for --socket.`,
  'text-unsafe': (f) =>
    `The ${f.field ?? 'text'} contains control characters or a text-direction override, which keyslot does not write: they could hide or change what a terminal or window shows.`,
  'file-too-large': (f) =>
    `The file is larger than keyslot reads for this (at most ${Math.round((f.maxBytes ?? 0) / 1048576)} MiB), so it was not read.`,
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
  'verify-failed': (f) =>
    `The token's first code${f.name ? ` for "${f.name}"` : ''} is not the code its secret gives, so it would not work at the site. Erase it and add it again; check the secret.`,
  'move-expired': 'This move plan is no longer held (the tokens changed or it was left unused). Plan the move again.',
} as const satisfies Record<string, Words>;

/** Problems of a backup file (device/backup/errors.ts: BackupProblem, a value, not an exception). */
export const backupErrorsEn = {
  'backup-missing': 'The backup file does not exist.',
  'backup-exists': 'A file of that name exists already; keyslot does not overwrite it. Choose another name.',
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
  'backup-too-large':
    'This file is larger than any keyslot backup (at most 1 MiB), so it was not read. Nothing was restored.',
  'backup-too-costly':
    'This backup asks for more memory or time to open than keyslot allows (scrypt at most 256 MiB); keyslot never writes such a file. Nothing was restored.',
} as const satisfies Record<string, Words>;

/**
 * Words for the specifics of one case, after the code's words: `reason` picks one. Keys are free;
 * the German table must have the same keys.
 */
export const reasonsEn = {
  // device/
  'cli-virtual': 'Or use --device virtual to try the virtual token.',
  'cli-virtual-nk3': 'Or use --device virtual-nk3 to try the virtual Nitrokey 3.',
  'udev-rule': (f) =>
    [
      f.other ? `(${f.other})` : '',
      `Save these lines as /etc/udev/rules.d/${f.value}:`,
      f.text,
      'then run: sudo udevadm control --reload-rules && sudo udevadm trigger',
    ]
      .filter(Boolean)
      .join('\n'),
  'device-spec': (f) =>
    `--device takes auto, hid, nk3, virtual or virtual:FILE, virtual-nk3 or virtual-nk3:FILE, or a serial, not "${f.value}".`,
  // The two token families (device/tokens/): slots and names.
  'names-not-slots': 'A Nitrokey 3 names its credentials: give a name, not a slot number.',
  'slots-not-names': 'This token has numbered slots: give a slot (totp:N or hotp:N).',
  'several-named': (f) => `Several credentials are named "${f.name}" (${f.text}); give the one you mean.`,
  'pin-role': (f) => `This token has no PIN called "${f.value}".`,
  'not-editable': (f) =>
    `The ${f.field} of a credential on this token cannot be changed in place; delete it and write it anew.`,
  'nothing-to-change': 'Nothing to change: the credential already looks like that.',
  'slot-token-only':
    'This command is for tokens with OTP slots (Nitrokey Pro, Nitrokey Storage, Librem Key); a Nitrokey 3 has no such thing.',
  'serial-not-found': (f) => `No token with the serial ${f.value} is plugged in.`,
  'transport-name': (f) => `--transport takes hid or pcsc, not "${f.value}".`,
  'model-name': (f) => `${f.name} takes pro, storage or librem, not "${f.value}".`,
  'firmware-name': (f) => `${f.name} takes a version such as 0.15, not "${f.value}".`,
  'pws-index': (f) => `Password safe entries are numbered 1 to ${f.max}.`,
  'pws-field-bytes': (f) => `The ${f.field} has ${f.bytes} bytes; the token stores ${f.maxBytes}.`,
  'pin-bytes': (f) => `Use 1 to ${f.max} bytes.`,
  'qr-too-slow': (f) =>
    `Reading the image took longer than ${f.text}, so it was stopped. Crop the image around the QR code and try again.`,
  'enter-pin': (f) => `Enter the ${f.kind} PIN.`,
  'enter-pin-again': (f) => `Enter the ${f.kind} PIN again.`,
  'codes-need-user-pin': 'This token needs the user PIN for codes. Enter it again.',
  'check-needs-user-pin':
    'This token needs the user PIN for codes, and checking the written slots needs a code. Enter the user PIN first.',
  'slot-range': (f) => `Use ${f.kind ?? 'a'} slots 1 to ${f.max}.`,
  bytes: (f) => `It has ${f.bytes} bytes; the token stores ${f.maxBytes}.`,
  'bytes-firmware': (f) => `It has ${f.bytes} bytes; this firmware stores ${f.maxBytes}.`,
  'secret-zero': 'A secret of only zero bytes cannot be stored.',
  'secret-every-write': 'This firmware needs the secret with every write.',
  'token-id-bytes': (f) => `The token ID takes at most ${f.maxBytes} bytes.`,
  'period-range': 'Use 1 to 65535 seconds.',
  'counter-8-digits': 'This firmware stores at most 8 decimal digits.',
  'storage-totp-15': 'The Nitrokey Storage cannot store TOTP slot 15; use another slot.',
  'time-not-stored': 'The token could not store the time.',
  'time-use-force': "If this computer's clock is right, set the token's time with force (keyslot time set --force).",
  'totp-needs-period': 'A TOTP slot needs a time step.',
  'new-slot-needs-secret': 'A new slot needs a secret.',
  'write-slot-first': (f) => `Write one with: keyslot otp set ${f.slot} …`,
  'lock-key-slot': (f) => `${f.name} takes a HOTP slot 1..3 or off.`,
  // electron/, web-host/, the window
  'no-file-dialog': 'This host has no file dialog; type the file’s path.',
  'path-not-chosen':
    'keyslot reads and writes only files chosen in its own file dialog, never a path sent by the page. Choose the file again.',
  'file-handle-expired': 'This file was chosen too long ago, or never. Choose the file again.',
  'file-handle-purpose':
    'This file was chosen for something else (to open, to save, or for the sheet). Choose it again for this.',
  'type-reset-word': (f) => `Type ${f.value} to confirm the factory reset.`,
  'sheet-not-written': (f) => `The sheet could not be written there (${f.text}).`,
  'setting-out-of-range': 'A setting has a value out of range.',
  'slot-overwrite': (f) => `Slot ${f.slot} holds "${f.name}". Confirm to overwrite it.`,
  'slot-kind-mismatch': (f) => `${f.slot} is a ${f.kind} slot; this is a ${f.other} account.`,
  'chosen-twice': 'Each account and each slot may be chosen once.',
  'restore-already-on-token': 'This account is on the token already; a restore does not write it again.',
  'restore-all-or-none': 'A restore writes every account of the backup that is not on the token already, or none.',
  'confirm-import-list':
    'Some slots hold an account already, or keyslot shortened a name. Confirm the list to go ahead.',
  'clipboard-no-image': 'The clipboard holds no image. Copy the QR code (or a screenshot of it) first.',
  'no-such-account': (f) => `The import has no account ${f.count}.`,
  'account-unusable': (f) => `${f.name} cannot be used:`,
  'slot-is-empty': (f) => `Slot ${f.slot} is empty.`,
  'code-stale': 'This code is no longer the one keyslot showed. Copy it again.',
  'untrusted-sender': 'The request did not come from keyslot’s window.',
  'unknown-channel': 'Unknown channel.',
  'invalid-request': (f) => `${f.text}`,
  'main-unreachable': 'The app could not reach its main process.',
  'connection-lost': 'The connection to keyslot was lost. Reload the page.',
} as const satisfies Record<string, Words>;

/** Sentences that follow any code's words, made from common fields. */
export const followersEn = {
  triesLeft: (f, plural) =>
    f.retriesLeft === 0
      ? 'No tries are left: the PIN is now locked.'
      : `${f.retriesLeft} ${plural(f.retriesLeft ?? 0, 'try', 'tries')} left before it locks.`,
  account: (f) => `(${f.account} in ${f.slot})`,
  ref: (f) => `(ref ${f.ref})`,
} as const satisfies Record<string, Words>;
