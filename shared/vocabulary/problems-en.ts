/**
 * Words for the problems of what a person gave: a URI, a secret, a slot or a name, a QR image, a
 * Google Authenticator export (device/otp/), and for the notes of an import or restore plan and of the
 * check after writing (device/enrol/, device/backup/). These are values, not exceptions
 * (`{ ok: false, problem }`, style guide §3); the device code passes the fields and gets the words here.
 * English for now: the CLI prints them and the window shows them as they are (a German table would
 * need the problem to travel as a key and fields, as errors do).
 * To add a problem: an entry here, called from the place that finds it.
 */
import { pluralFor } from './render';

const plural = pluralFor('en');
const UNSAFE =
  'contains control characters, a text-direction override or bytes that are not UTF-8; keyslot does not write them.';
const BROKEN_PERCENT = 'has a broken percent-encoding (a % not followed by two hex digits).';

export const PROBLEMS_EN = {
  // electron/ipc/schema.ts, validate.ts: a request that does not fit its schema (a bug or a foreign page)
  unknownChannel: 'Unknown channel.',
  argsNotList: 'The arguments must be a list.',
  tooManyArgs: (f: { max: number; got: number }) => `Expected at most ${f.max} argument(s), got ${f.got}.`,
  unknownField: (f: { path: string; field: string }) => `${f.path} has an unknown field "${f.field}".`,
  fieldMissing: (f: { path: string }) => `${f.path} is missing.`,

  // device/otp/uri.ts
  otherScheme: (f: { scheme: string }) => `This is a ${f.scheme}: URI, not an otpauth:// URI.`,
  notOtpauth: 'This is not an otpauth:// URI (it should start with otpauth://totp/ or otpauth://hotp/).',
  uriType: (f: { type: string }) => `The URI's type is "${f.type}"; the token stores totp and hotp accounts only.`,
  uriLabelPercent: `The URI's label ${BROKEN_PERCENT}`,
  uriParamsPercent: "The URI's parameters have a broken percent-encoding (a % not followed by two hex digits).",
  uriParamTwice: (f: { name: string }) =>
    `The URI gives the parameter "${f.name}" more than once; apps differ on which one counts, so keyslot refuses it.`,
  uriNoSecret: 'The URI has no secret parameter.',
  uriSecretBase32: (f: { problem: string }) => `The URI's secret is not valid base32. ${f.problem}`,
  uriSecretBytes: (f: { bytes: number; maxBytes: number }) =>
    `The URI's secret has ${f.bytes} bytes; the token stores at most ${f.maxBytes}.`,
  algorithmNotSha1: (f: { algorithm: string }) =>
    `This account uses ${f.algorithm}, but the firmware is HMAC-SHA1 only, so the token cannot make its codes.`,
  uriAlgorithmUnknown: (f: { algorithm: string }) =>
    `The URI's algorithm "${f.algorithm}" is unknown; the firmware is HMAC-SHA1 only.`,
  uriDigits: (f: { digits: string }) =>
    `This account uses ${/^\d+$/.test(f.digits) ? `${f.digits} digits` : `digits "${f.digits}"`}; the token makes 6- or 8-digit codes only.`,
  uriFieldUnsafe: (f: { field: string }) => `The URI's ${f.field} ${UNSAFE}`,
  uriPeriod: (f: { period: string }) =>
    `The URI's period "${f.period}" is not a time step the token stores: use 1 to 65535 seconds.`,
  hotpNeedsCounter: 'A hotp URI needs a counter parameter (the counter of the next code).',
  uriCounter: (f: { counter: string }) => `The URI's counter "${f.counter}" is not a whole number from 0 to 2^64-1.`,

  // device/otp/secret.ts
  secretEmpty: 'The secret is empty.',
  base32Padding: 'padding (=) before its end',
  base32BadCharacter: 'a character base32 does not use',
  base32At: (f: { what: string; position: number }) =>
    `The secret has ${f.what} at position ${f.position}. Base32 uses the letters A to Z and the digits 2 to 7 ` +
    '(0, 1, 8 and 9 are not base32; for a hex secret use --hex).',
  base32Length: (f: { length: number }) =>
    `The secret has ${f.length} base32 characters, a length no base32 encoder produces. Check that it was copied completely.`,
  hexAt: (f: { position: number }) =>
    `The hex secret has a character that is not a hex digit at position ${f.position}. Hex uses 0 to 9 and A to F; for a base32 secret use --secret.`,
  hexOdd: (f: { length: number }) =>
    `The hex secret has ${f.length} digits; a whole number of bytes needs an even count.`,

  // device/otp/slot.ts
  notASlot: (f: { text: string; totp: number; hotp: number }) =>
    `"${f.text}" is not a slot. Write totp:1 to totp:${f.totp} or hotp:1 to hotp:${f.hotp}.`,
  notSlotKind: (f: { kind: string }) => `"${f.kind}" is not a slot kind. Write totp:N or hotp:N.`,
  slotNumbered: (f: { kind: string; max: number; value: string }) =>
    `${f.kind} slots are numbered 1 to ${f.max}; "${f.value}" is not one of them.`,
  slotNeedsName: 'A slot needs a name.',
  slotNameNul: 'A slot name cannot contain a NUL character.',
  nameUnsafe: (f: { name: string }) => `The name "${f.name}" ${UNSAFE}`,
  nameBytes: (f: { name: string; bytes: number; maxBytes: number }) =>
    `The name "${f.name}" has ${f.bytes} bytes in UTF-8; the token stores at most ${f.maxBytes}.`,

  // device/otp/qr.ts, qr-async.ts
  noQrCode: 'No QR code was found in the image. Use a screenshot that shows the whole code, sharp and not cut off.',
  noPixels: 'The image has no pixels, or fewer than its size says.',
  tooManyPixels: 'The image is larger than 50 megapixels; crop it around the QR code.',
  pngJpegOnly: 'keyslot reads PNG and JPEG images only. Save the screenshot as PNG and try again.',
  imageBroken: (f: { format: string; isTooLarge: boolean }) =>
    `The ${f.format} image ${f.isTooLarge ? 'is larger than 50 megapixels' : 'is damaged or cut short'}.`,
  noCompiler: 'No C compiler (cc) found to build the hidapi shim. Install one: sudo apt-get install gcc libc6-dev',
  shimBuildFailed: (f: { output: string }) =>
    `Building the hidapi shim failed (is libc6-dev installed? sudo apt-get install gcc libc6-dev):\n${f.output}`,
  qrWorkerStopped: (f: { exitCode: number }) => `The QR worker stopped (exit code ${f.exitCode}) before it answered.`,

  // device/otp/import.ts, migration.ts
  webAddress:
    'A QR code holds a web address, not an OTP account. Look for the code the site shows for an authenticator app.',
  notAnAccount: 'A QR code or text holds something other than an otpauth:// or otpauth-migration:// URI.',
  exportPartMissing: (f: { size: number; numbers: number[] }) =>
    `The Google Authenticator export has ${f.size} QR codes; code ${f.numbers.join(', ')} of ${f.size} was not given. Its accounts are not in this list.`,
  secretBytes: (f: { bytes: number; maxBytes: number }) =>
    `The secret has ${f.bytes} bytes; the token stores at most ${f.maxBytes}.`,
  digitsNotOne: (f: { digits: string }) => `The token makes 6- or 8-digit codes only; ${f.digits} is not one of them.`,
  issuerOrAccountUnsafe: `The issuer or account ${UNSAFE}`,
  periodNot: (f: { period: string }) =>
    `The period "${f.period}" is not a time step the token stores: use 1 to 65535 seconds.`,
  counterNot: (f: { counter: string }) => `The counter "${f.counter}" is not a whole number from 0 to 2^64-1.`,
  notAnExport: 'This is not a Google Authenticator export (it should start with otpauth-migration://offline?data=).',
  exportNoData: 'The export URI has no data parameter.',
  exportPercent: `The export's data ${BROKEN_PERCENT}`,
  exportNotBase64: "The export's data is not base64. Check that the whole QR code or URI was read.",
  exportDamaged: (f: { why: string }) => `The export's data is damaged (${f.why}). Scan the QR code again.`,
  unknownAlgorithm: 'This account uses an algorithm keyslot does not know; the firmware is HMAC-SHA1 only.',
  otherDigits: 'This account uses a code length other than 6 or 8 digits; the token makes 6- or 8-digit codes only.',
  otherKind: 'This account is neither TOTP nor HOTP; the token stores those two kinds only.',
  noSecret: 'This account has no secret.',
  accountSecretBytes: (f: { bytes: number; maxBytes: number }) =>
    `This account's secret has ${f.bytes} bytes; the token stores at most ${f.maxBytes}.`,
  accountNameUnsafe: `This account's issuer or name ${UNSAFE}`,
  negativeCounter: "This account's HOTP counter is negative.",

  // device/enrol/plan.ts, named-account.ts
  secretOverFirmware: (f: { bytes: number; maxBytes: number; updated: number }) =>
    `The secret has ${f.bytes} bytes; this token's firmware stores at most ${f.maxBytes}. A firmware update (Pro 0.8 or later, Storage 0.54 or later) stores ${f.updated}.`,
  tokenDigits: 'The token makes 6- or 8-digit codes only.',
  tokenPeriods: 'The token stores time steps of 1 to 65535 seconds only.',
  zeroSecret: 'A secret of only zero bytes cannot be stored (the firmware reads it as "keep the old secret").',
  oneAtATime: (f: { count: number }) =>
    `${f.count} accounts were found; a slot or name can be chosen for one account at a time.`,
  accountSlotKind: (f: { kind: string; slot: string; slotKind: string }) =>
    `This is a ${f.kind.toUpperCase()} account, but ${f.slot} is a ${f.slotKind.toUpperCase()} slot. Choose a ${f.kind}: slot.`,
  storageSlot15: 'The Nitrokey Storage cannot store TOTP slot 15; choose another slot.',
  tooFewSlots: (f: { kind: string; want: number; have: number }) =>
    `${f.want} ${f.kind.toUpperCase()} ${plural(f.want, 'account', 'accounts')} but ${f.have === 0 ? 'no' : `only ${f.have}`} free ${f.kind.toUpperCase()} ${plural(f.have, 'slot', 'slots')}. ` +
    'Erase slots you no longer use (keyslot otp erase SLOT), or import fewer accounts; nothing was written.',
  alreadyCalled: (f: { slot: string; name: string }) =>
    `${f.slot} is already called "${f.name}"; select slots by number to tell them apart.`,
  alreadyCalledHotp: (f: { slot: string; name: string }) =>
    `${f.slot} is already called "${f.name}". HOTP slots cannot be compared without using up a code, so keyslot cannot tell whether it holds this account: it is written again. Select slots by number to tell them apart.`,
  nk3Algorithm: (f: { algorithm: string; algorithms: string[] }) =>
    `This account uses ${f.algorithm}; this token computes ${f.algorithms.join(' and ')} only.`,
  nk3Digits: (f: { digits: string; allowed: number[] }) =>
    `This account uses digits "${f.digits}"; this token makes ${f.allowed.join(', ')}-digit codes.`,
  tokenSecretBytes: (f: { bytes: number; maxBytes: number }) =>
    `The secret has ${f.bytes} bytes; this token stores at most ${f.maxBytes}.`,

  // device/enrol/slot-name.ts: why a proposed slot name is what it is
  nameIssuerAndUser: 'That is the issuer and the account up to the @.',
  nameIssuerWords: (f: { isOneWord: boolean; isMail: boolean }) =>
    `That is the issuer's ${f.isOneWord ? 'first word' : 'first words'} and the account${f.isMail ? ' up to the @' : ''}.`,
  nameIssuerAlone: 'That is the issuer alone; no other account here has it.',
  nameAccountAlone: 'That is the account alone; no other account here has it.',
  nameUserAlone: 'That is the account up to the @; no other account here has it.',
  nameCutAtWord: 'It is cut after a whole word.',
  nameCutAtBytes: (f: { maxBytes: number }) => `It is cut at ${f.maxBytes} bytes.`,
  nameTooLong: (f: { full: string; bytes: number; maxBytes: number; name: string }) =>
    `"${f.full}" has ${f.bytes} bytes; the token stores ${f.maxBytes}, so it is called "${f.name}".`,
  defaultAccountName: (f: { n: number }) => `Account ${f.n}`,
  nameNone: (f: { name: string }) => `The account has no name; it is called "${f.name}".`,
  nameTwice: (f: { full: string; name: string }) =>
    `Another account here is also called "${f.full}", so this one is called "${f.name}".`,
  nameNumbered: (f: { name: string }) => `It is numbered, as another account or slot is called "${f.name}".`,

  // device/enrol/verify.ts: what differs after writing
  counterTooHigh: 'keyslot cannot compute codes for counters above 2^53-1, so this slot could not be checked.',
  emptyAfterWriting: (f: { slot: string }) => `${f.slot} is empty after writing.`,
  calledOther: (f: { slot: string; read: string; want: string }) => `${f.slot} is called "${f.read}", not "${f.want}".`,
  digitsOther: (f: { slot: string; read: number; want: number }) =>
    `${f.slot} makes ${f.read}-digit codes, not ${f.want}.`,
  periodOther: (f: { slot: string; read: number; want: number }) =>
    `${f.slot} has a time step of ${f.read} s, not ${f.want} s.`,
  counterOther: (f: { slot: string; read: string; want: string }) =>
    `${f.slot} is at counter ${f.read}, not ${f.want}.`,
  slotKindOther: (f: { slot: string; kind: string; account: string }) =>
    `${f.slot} is a ${f.kind} slot; the account is ${f.account}.`,
  hotpCodeOther: (f: { counter: string }) =>
    `The token's code for counter ${f.counter} is not the code this secret gives: the slot holds another secret.`,
  totpCodeOther: (f: { time: string; step: number; orNext: boolean }) =>
    `The token's code is not the code this secret gives at ${f.time} (time step ${f.step}${f.orNext ? ' or the next' : ''}): the slot holds another secret or another time step.`,

  // device/backup/restore.ts
  restoreNotCompared:
    'This token needs the user PIN for codes, so keyslot did not compare its slots with the backup: an account already on it is written again.',
  restoreCompareFailed: (f: { why: string }) =>
    `keyslot could not compare the token's slots with the backup (${f.why}): an account already on it is written again.`,
  restoreRefused: (f: { refused: number; count: number }) =>
    `${f.refused} of ${f.count} accounts cannot be written to this token, so nothing was restored.`,
} as const;
