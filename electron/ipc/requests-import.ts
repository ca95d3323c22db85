/**
 * The request schemas of the import and backup channels (contract-import.ts documents them). Like
 * requests.ts: main validates with these, the contract derives its request types from them.
 */
import type * as v from 'valibot';
import { MAX_IMAGE_BYTES, MAX_PASTED_TEXT, SLOT_COUNT } from '../../shared/constants';
import {
  args,
  bool,
  bytes,
  counter,
  digits,
  int,
  list,
  obj,
  oneOf,
  optional,
  period,
  pin,
  secretEncoding,
  slotRef,
  str,
  text,
} from './schema';

/** An import's id (main made it). */
const importId = () => str({ min: 1, max: 64 });
/** Indexes into an import: an export holds at most a few hundred accounts. */
const itemIndex = () => int(0, 999);
/**
 * A file the person chose: the handle main's dialog (or the web host's stand-in) handed out. Any string
 * passes here so that main can say why a raw path is refused (electron/services/file-grants.ts).
 */
export const fileHandle = () => str({ min: 1, max: 1024 });
/** Why a file is chosen: what main lets its handle be used for. */
const filePurpose = () => oneOf('backup-save', 'backup-open', 'sheet-save');
const password = () => str({ min: 1, max: 256 });

const scanImage = obj({ bytes: bytes(MAX_IMAGE_BYTES), source: oneOf('file', 'clipboard') });
const readText = obj({ text: text(MAX_PASTED_TEXT) });

/** A typed account: what an account is (AccountDetails) plus its secret, as typed; checked in main with device/otp. */
const typedAccount = obj({
  secret: str({ min: 1, max: 256 }),
  encoding: secretEncoding(),
  kind: oneOf('totp', 'hotp'),
  digits: digits(),
  /** TOTP step in seconds. */
  period: optional(period()),
  /** HOTP counter of the next code, as a decimal string. */
  counter: optional(counter()),
  issuer: optional(str({ max: 128 })),
  account: optional(str({ max: 128 })),
});

const importRef = obj({ id: importId() });
const revealSecret = obj({ id: importId(), index: itemIndex() });

/** Writing an import (or restore) to the attached token. */
const importWrite = obj({
  id: importId(),
  /** The accounts to write, with the slot and name the person settled on. A restore writes all but those already on the token. */
  choices: list(
    obj({ index: itemIndex(), slot: slotRef(), name: str({ min: 1, max: 64 }) }),
    SLOT_COUNT.totp + SLOT_COUNT.hotp,
  ),
  /** The person OK'd the names keyslot shortened and the slots to replace. */
  isConfirmed: bool(),
  /** Sent only when the app holds no admin authorisation. */
  adminPin: optional(pin()),
});

const chooseFile = obj({
  purpose: filePurpose(),
  suggestedName: optional(str({ max: 128 })),
});
/** The web host's stand-in for a file dialog: the path its page typed. */
const typedFile = obj({ purpose: filePurpose(), path: str({ min: 1, max: 1024 }) });
/** Backup requests name a file by the handle main handed out for it, never by path. */
const backupFile = obj({ file: fileHandle(), password: password() });
const backupAdd = obj({ id: importId(), indexes: list(itemIndex(), 1000), file: fileHandle(), password: password() });
const saveSheet = obj({ id: importId(), indexes: list(itemIndex(), 1000), file: fileHandle() });

/** Argument lists of the import and backup channels, by channel. */
export const IMPORT_REQUEST_SCHEMAS = {
  'import/scan-screen': args(),
  'import/scan-image': args(scanImage),
  'import/scan-clipboard': args(),
  'import/read-text': args(readText),
  'import/typed': args(typedAccount),
  'import/replan': args(importRef),
  'import/reveal-secret': args(revealSecret),
  'import/write': args(importWrite),
  'import/discard': args(importRef),
  'backup/choose-file': args(chooseFile),
  'backup/typed-file': args(typedFile),
  'backup/add': args(backupAdd),
  'backup/open': args(backupFile),
  'backup/save-sheet': args(saveSheet),
};

export type ScanImageRequest = v.InferOutput<typeof scanImage>;
export type ReadTextRequest = v.InferOutput<typeof readText>;
export type TypedAccountRequest = v.InferOutput<typeof typedAccount>;
export type ImportRefRequest = v.InferOutput<typeof importRef>;
export type RevealSecretRequest = v.InferOutput<typeof revealSecret>;
export type ImportWriteRequest = v.InferOutput<typeof importWrite>;
export type ChooseFileRequest = v.InferOutput<typeof chooseFile>;
export type TypedFileRequest = v.InferOutput<typeof typedFile>;
export type BackupFileRequest = v.InferOutput<typeof backupFile>;
export type BackupAddRequest = v.InferOutput<typeof backupAdd>;
export type SaveSheetRequest = v.InferOutput<typeof saveSheet>;
