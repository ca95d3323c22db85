/**
 * The request schemas of the tokens-side-by-side channels (contract-tokens.ts documents them). Like
 * requests.ts: main validates with these, the contract derives its request types from them. Limits are
 * the widest any token accepts; the services check the token's own capabilities.
 */
import type * as v from 'valibot';
import { MAX_IMAGE_BYTES, MAX_PASTED_TEXT } from '../../shared/constants';
import {
  args,
  bool,
  bytes,
  counter,
  int,
  obj,
  oneOf,
  optional,
  period,
  pin,
  secretEncoding,
  str,
  text,
} from './schema';
import { fileHandle } from './requests-import';

/** A token's id as 'tokens/list' gave it. */
const tokenId = () => str({ min: 1, max: 1024 });
/** A credential name: a Nitrokey 3 stores at most 127 bytes, so 127 characters is the widest. */
const credentialName = () => str({ min: 1, max: 127 });

const namedToken = obj({ token: tokenId() });
const unlock = obj({ token: tokenId(), pin: pin() });
const scan = obj({
  token: tokenId(),
  /** A PNG or JPEG holding an otpauth QR code. */
  bytes: optional(bytes(MAX_IMAGE_BYTES)),
  /** An otpauth:// URI, or an otpauth-migration:// export. */
  uri: optional(text(MAX_PASTED_TEXT)),
  /** Read the clipboard's image, or capture the screens, in main. */
  from: optional(oneOf('clipboard', 'screen')),
});

const password = () => str({ min: 1, max: 256 });
/** The add dialog's backup step: a 'backup-save' handle (requests-import.ts) and the backup's password. */
const credentialBackup = obj({ file: fileHandle(), password: password() });
/** A credential write from the named-credential dialog: a typed secret, or a scanned account's id. */
const credentialWrite = obj({
  token: tokenId(),
  name: credentialName(),
  kind: oneOf('totp', 'hotp'),
  secret: optional(obj({ text: str({ min: 1, max: 256 }), encoding: secretEncoding() })),
  scanId: optional(str({ min: 1, max: 64 })),
  algorithm: oneOf('SHA1', 'SHA256', 'SHA512'),
  digits: int(6, 10),
  period: optional(period()),
  counter: optional(counter()),
  isTouchRequired: bool(),
  isPinProtected: bool(),
  /** Needed for a PIN-protected credential (asked right before, as the firmware requires). */
  pin: optional(pin()),
  /** Add the account to this keyslot backup once its first code matched (opened before the write). */
  backup: optional(credentialBackup),
});
const credentialNamed = obj({ token: tokenId(), name: credentialName(), pin: optional(pin()) });
/** A Nitrokey 3 password field as an edit gives it: '' clears it. */
const pwsText = () => str({ min: 0, max: 128 });
/** Changes in place; the token's `caps.editable` says which it takes (the service refuses the rest). */
const credentialUpdate = obj({
  token: tokenId(),
  name: credentialName(),
  changes: obj({
    name: optional(credentialName()),
    isTouchRequired: optional(bool()),
    login: optional(pwsText()),
    password: optional(pwsText()),
    comment: optional(pwsText()),
  }),
  /** Needed for a PIN-protected credential. */
  pin: optional(pin()),
});
const namedPin = obj({ token: tokenId(), current: optional(pin()), next: pin() });
const credentialField = obj({
  token: tokenId(),
  name: credentialName(),
  field: oneOf('login', 'password', 'comment'),
  pin: optional(pin()),
});
const movePlan = obj({
  /** Without a source, a restore: the backup's accounts are what moves (the backup is then required). */
  source: optional(tokenId()),
  destination: tokenId(),
  /** The keyslot backup holding the source's secrets: a 'backup-open' handle (requests-import.ts). */
  backup: optional(obj({ file: fileHandle(), password: password() })),
  /** PINs the source needs to read its password entries (a slot token's user PIN) or protected credentials. */
  sourcePin: optional(pin()),
});
const moveRun = obj({
  id: str({ min: 1, max: 64 }),
  /**
   * Where the encrypted backup of what moves is written first (must not exist): a 'backup-save' handle.
   * Required for a move between tokens; a restore (a plan without a source) may leave both out.
   */
  backupFile: optional(fileHandle()),
  backupPassword: optional(password()),
  /** The destination's PIN when a step needs it (a slot token's admin PIN; a Nitrokey 3's for protected ones). */
  destinationPin: optional(pin()),
});

/** Argument lists of these channels, by channel. */
export const TOKENS_REQUEST_SCHEMAS = {
  'tokens/list': args(),
  'named/status': args(namedToken),
  'credential/list': args(namedToken),
  'credential/unlock': args(unlock),
  'credential/lock': args(namedToken),
  'credential/scan': args(scan),
  'credential/write': args(credentialWrite),
  'credential/update': args(credentialUpdate),
  'credential/erase': args(credentialNamed),
  'credential/copy': args(credentialNamed),
  'named/cancel-touch': args(namedToken),
  'named/set-pin': args(namedPin),
  'credential/fields': args(credentialNamed),
  'credential/copy-field': args(credentialField),
  'move/plan': args(movePlan),
  'move/run': args(moveRun),
};

export type NamedTokenRequest = v.InferOutput<typeof namedToken>;
export type CredentialUnlockRequest = v.InferOutput<typeof unlock>;
export type CredentialScanRequest = v.InferOutput<typeof scan>;
export type CredentialWriteRequest = v.InferOutput<typeof credentialWrite>;
export type CredentialBackupRequest = v.InferOutput<typeof credentialBackup>;
export type CredentialNameRequest = v.InferOutput<typeof credentialNamed>;
export type CredentialUpdateRequest = v.InferOutput<typeof credentialUpdate>;
export type NamedPinRequest = v.InferOutput<typeof namedPin>;
export type CredentialFieldRequest = v.InferOutput<typeof credentialField>;
export type MovePlanRequest = v.InferOutput<typeof movePlan>;
export type MoveRunRequest = v.InferOutput<typeof moveRun>;
