/**
 * The contract's import and backup half (issue 4), kept apart only for size: contract.ts re-exports
 * every type here and merges `ImportRequests` into `Requests`. Types only.
 *
 * Secrets stay in main: an import's accounts are held there under an id, the renderer gets a review
 * without them, and names the accounts by their index. A secret crosses to the renderer only when
 * the person asks to see it ('import/reveal-secret'); a backup password crosses once, to main.
 * Types and constants only, like contract.ts.
 */
import type { SlotRef } from '../../device/index';
import type { ErrorPayload } from './contract';
import type {
  BackupAddRequest,
  BackupFileRequest,
  ChooseFileRequest,
  TypedFileRequest,
  ImportRefRequest,
  ImportWriteRequest,
  ReadTextRequest,
  RevealSecretRequest,
  SaveSheetRequest,
  ScanImageRequest,
  TypedAccountRequest,
} from './requests-import';

/** The request types, derived from the schemas main validates with (requests-import.ts). */
export type * from './requests-import';

/**
 * A file the person chose, as the page knows it: an opaque handle (main keeps the path, for the purpose
 * it was chosen for, for a while) and the file's name to show. Never a folder.
 */
export interface ChosenFile {
  handle: string;
  /** The file's name, without its folder. */
  name: string;
}

/** Where an import's accounts came from. */
export type ImportSource = 'screen' | 'file' | 'clipboard' | 'text' | 'typed' | 'backup';

/** What an account is (no secret). */
export interface AccountDetails {
  kind: 'totp' | 'hotp';
  digits: 6 | 8;
  /** TOTP step in seconds. */
  period?: number;
  /** HOTP counter of the next code, as a decimal string. */
  counter?: string;
  issuer?: string;
  account?: string;
}

/** Where an account would be written on the attached token, and under which name. */
export interface ImportTarget {
  slot: SlotRef;
  /** At most 15 UTF-8 bytes. */
  name: string;
  /** keyslot shortened or made up the name: the person OKs it before anything is written. */
  isNameChanged: boolean;
  /** Why the name changed (English; the renderer shows it as it is). */
  nameNote?: string;
  /** The name of what the slot holds now, when writing replaces it. */
  replaces?: string;
}

/** One account of an import as the review list shows it. */
export interface ImportItem {
  /** Its position in the import; requests name accounts by it. */
  index: number;
  /** "Issuer: account", or what the QR code called it. */
  label: string;
  /** Absent when the account could not be read at all. */
  details?: AccountDetails;
  /** Present when this token can hold it. */
  target?: ImportTarget;
  /** Why it cannot be written (English sentence) and the field at fault; absent when it can. */
  refusal?: { problem: string; field: string };
}

/** An import, planned against the token attached now. */
export interface ImportReview {
  id: string;
  source: ImportSource;
  items: ImportItem[];
  /** A reason nothing can be written (more accounts than free slots, …). */
  problem?: string;
  /** Texts that held no account, export codes not scanned, names other slots have. */
  notes: string[];
  /** Serial of the token the plan is for; null without a token. */
  tokenSerial: string | null;
  /** Slots of the token: which are free, by kind (for the slot chooser). */
  freeSlots: SlotRef[];
  /** A restore: where the backup came from and its dates (ISO 8601). All or nothing. */
  backup?: { name: string; createdAt: string; updatedAt: string };
  /**
   * A restore: accounts the token holds already (a TOTP slot of the same name gives the same
   * code). They have no target and are not written; the rest is all or nothing.
   */
  alreadyOnToken?: { index: number; label: string; slot: SlotRef; name: string }[];
}

/** The check after writing: keyslot's code from the secret it holds against the token's own code. */
export type ImportCheck =
  | { ok: true; kind: 'totp'; code: string; /** Unix ms when this code's time step ends. */ validUntilMs: number }
  | { ok: true; kind: 'hotp'; code: string; /** The counter the code used, decimal. */ counter: string }
  | { ok: false; /** What differed (English sentences). */ differences: string[] };

/** The outcome of 'import/write'. */
export interface ImportWritten {
  results: { index: number; label: string; slot: SlotRef; name: string; check: ImportCheck }[];
  /** The token stopped part-way: at which account and why. Accounts before it were written. */
  failure?: { index: number; error: ErrorPayload };
  tokenSerial: string;
}

/** Renderer -> main requests of the import flow. */
export interface ImportRequests {
  /** Captures every display and reads the QR codes on them. 'capture-unavailable', 'nothing-found'. */
  'import/scan-screen': () => ImportReview;
  /** Reads the QR codes of a PNG or JPEG (a file opened or dropped; the web host's clipboard image). 'nothing-found'. */
  'import/scan-image': (req: ScanImageRequest) => ImportReview;
  /** Reads the QR codes of the image on the clipboard. 'nothing-found' (also when it holds no image). */
  'import/scan-clipboard': () => ImportReview;
  /** Reads pasted otpauth:// or otpauth-migration:// URIs (one or more, whitespace apart). 'nothing-found'. */
  'import/read-text': (req: ReadTextRequest) => ImportReview;
  /** Checks a typed account; 'bad-input' with the field's problem. */
  'import/typed': (req: TypedAccountRequest) => ImportReview;
  /** Plans the import again for the token attached now (a second token, or after slots changed). 'import-expired'. */
  'import/replan': (req: ImportRefRequest) => ImportReview;
  /** The account's secret as grouped base32, for the person to keep a copy. 'import-expired'. */
  'import/reveal-secret': (req: RevealSecretRequest) => { secret: string };
  /** Writes the chosen accounts and checks each one. Admin PIN; the user PIN first if codes need it ('not-authorized'). */
  'import/write': (req: ImportWriteRequest) => ImportWritten;
  /** Forgets an import and wipes its secrets (the dialog closed). Never fails. */
  'import/discard': (req: ImportRefRequest) => { isDiscarded: boolean };
  /**
   * Electron: the system's save or open dialog; the chosen file's handle for this purpose, null when
   * cancelled. The web host refuses ('bad-request', 'no-file-dialog').
   */
  'backup/choose-file': (req: ChooseFileRequest) => ChosenFile | null;
  /**
   * The web host's stand-in for a file dialog: a handle for the path its page typed. Electron refuses
   * ('bad-request', 'path-not-chosen'): there only its own dialog hands out files.
   */
  'backup/typed-file': (req: TypedFileRequest) => ChosenFile;
  /**
   * Adds accounts of an import to a backup file ('backup-save' handle), creating it when missing. Backup
   * problems by code; a raw path or another purpose's handle is 'bad-request'.
   */
  'backup/add': (req: BackupAddRequest) => { name: string; accountCount: number };
  /** Opens a backup ('backup-open' handle) for a restore: every account checked before any is shown. */
  'backup/open': (req: BackupFileRequest) => ImportReview;
  /** Writes the recovery sheet (HTML, one QR code per account) to a new file ('sheet-save' handle). 'backup-exists'. */
  'backup/save-sheet': (req: SaveSheetRequest) => { name: string };
}

/** Runtime allowlist of the import channels; contract.ts spreads it into REQUEST_CHANNELS. */
export const IMPORT_REQUEST_CHANNELS = {
  'import/scan-screen': true,
  'import/scan-image': true,
  'import/scan-clipboard': true,
  'import/read-text': true,
  'import/typed': true,
  'import/replan': true,
  'import/reveal-secret': true,
  'import/write': true,
  'import/discard': true,
  'backup/choose-file': true,
  'backup/typed-file': true,
  'backup/add': true,
  'backup/open': true,
  'backup/save-sheet': true,
} as const satisfies Record<keyof ImportRequests, true>;
