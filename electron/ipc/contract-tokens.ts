/**
 * The contract's half for tokens of either family side by side (issue 12): the token switcher, a named-
 * credential token (Nitrokey 3) with its credentials, PIN, touch and password fields, and the move wizard.
 * Callers ask capabilities (`caps`), never the model (style guide §9). contract.ts re-exports everything
 * here. Types and constants only.
 */
import type { CredentialKind, OtpAlgorithm, SessionModel, TokenCaps } from '../../device/index';
import type * as Req from './requests-tokens';
import type { CopyResult, TokenId } from './contract';

export type { TokenCaps, OtpAlgorithm, SessionModel };

/** A token plugged in now, as the switcher lists it. */
export interface TokenEntry {
  id: TokenId;
  model: SessionModel;
  addressing: TokenCaps['addressing'];
  /** 8 hex digits, or null when the firmware does not tell. */
  serial: string | null;
  isVirtual: boolean;
  /** The slot token the window's slot list and password safe show (at most one). */
  isPrimary: boolean;
}

/** What the panel of a named-credential token shows. */
export interface NamedTokenInfo {
  id: TokenId;
  model: SessionModel;
  firmware: string;
  serial: string | null;
  isVirtual: boolean;
  caps: TokenCaps;
  /** The one PIN: set or not, and tries left (null without a PIN). */
  pin: { isSet: boolean; retriesLeft: number | null };
  /** Credentials visible now (PIN-protected ones after an unlock) of the most the token holds. */
  credentials: { used: number; max: number };
  /** PIN-protected credentials are listed (after 'credential/unlock', until 'credential/lock'). */
  isUnlocked: boolean;
}

/** One credential as the list shows it. Never the secret. */
export interface CredentialView {
  name: string;
  kind: CredentialKind;
  /** Code length, once a code was made (a Nitrokey 3 does not list it). */
  digits?: number;
  period?: number;
  algorithm?: OtpAlgorithm;
  isTouchRequired: boolean;
  isPinProtected: boolean;
  /** Login, password or comment are set. */
  hasPwsData: boolean;
}

/** A credential just written, checked code by code against the secret. */
export interface CredentialWritten {
  credential: CredentialView;
  /** The token's first code, equal to the host's (else the write fails with 'verify-failed'). */
  code: string;
  /** The keyslot backup the account was added to (when the request named one): file name, accounts in it. */
  backup?: { name: string; accountCount: number };
}

/** A credential's password fields for the password tab (the password never leaves main). */
export interface CredentialFields {
  name: string;
  login: string;
  comment: string;
  hasPassword: boolean;
}

/** An account read from a QR image or URI for a named token, held in main under `id` (the secret stays there). */
export interface ScannedAccount {
  id: string;
  name: string;
  kind: 'totp' | 'hotp';
  algorithm: OtpAlgorithm;
  digits: number;
  period?: number;
  counter?: string;
}

/** Why an account cannot move (device/enrol/move-plan.ts). */
export type MoveProblemCode =
  | 'no-secret'
  | 'name-too-long'
  | 'algorithm-unsupported'
  | 'digits-unsupported'
  | 'kind-unsupported'
  | 'no-free-slot'
  | 'name-taken'
  | 'field-too-long'
  | 'secret-too-long'
  /** The destination's password entries could not be read without its PIN (a slot token's user PIN). */
  | 'destination-locked';
export type MoveNoteCode =
  | 'counter-from-backup'
  | 'touch-dropped'
  | 'pin-protection-dropped'
  | 'comment-dropped'
  | 'merged-with-otp'
  | 'period-in-name';

/** One line of the wizard's review: what moves where, or what cannot and why. No secret, no password. */
export interface MoveReviewItem {
  what: 'otp' | 'password';
  name: string;
  kind: CredentialKind;
  /** Where it goes ("TOTP 3", "entry 2" or the name), when it moves. */
  to?: string;
  problem?: MoveProblemCode;
  limit?: number;
  notes: MoveNoteCode[];
}

/** The wizard's review, held in main under `id` until 'move/run' or another plan. */
export interface MoveReview {
  id: string;
  moves: MoveReviewItem[];
  refusals: MoveReviewItem[];
  /** OTP accounts found on the source; those without a secret in the backup are among the refusals. */
  sourceAccounts: number;
  hasBackup: boolean;
  /** The source's password entries need its PIN (a slot token's user PIN) and were not read. */
  isSourcePwsLocked: boolean;
}

/** The outcome of one written and verified account. */
export interface MoveResultItem {
  name: string;
  what: 'otp' | 'password';
  isVerified: boolean;
  /** The error code when writing or verifying failed. */
  error?: string;
}

/** What 'move/run' did. */
export interface MoveReport {
  /** The name of the encrypted backup written before anything else (never its folder); none for a restore without one. */
  backupName?: string;
  results: MoveResultItem[];
}

/** Renderer -> main, answered once with a Result. Handlers in electron/services/credential-service.ts, move-service.ts. */
export interface TokensRequests {
  /** Every token plugged in now, of either family. Never fails. */
  'tokens/list': () => TokenEntry[];
  /** A named-credential token's panel facts. 'no-token' when it is gone. */
  'named/status': (req: Req.NamedTokenRequest) => NamedTokenInfo;
  /** Its credentials (PIN-protected ones while unlocked). */
  'credential/list': (req: Req.NamedTokenRequest) => CredentialView[];
  /** Lists PIN-protected credentials too; 'wrong-pin' with retriesLeft, never retried. */
  'credential/unlock': (req: Req.CredentialUnlockRequest) => CredentialView[];
  /** Hides PIN-protected credentials again. */
  'credential/lock': (req: Req.NamedTokenRequest) => CredentialView[];
  /**
   * Reads a QR image (given, on the clipboard, or on the screens), an otpauth URI or a Google Authenticator
   * export for this token: one account or several; the secrets stay in main. 'nothing-found',
   * 'capture-unavailable', 'bad-request' with the input problem.
   */
  'credential/scan': (req: Req.CredentialScanRequest) => ScannedAccount[];
  /**
   * Writes a credential, then checks its first code against the secret. 'credential-exists', 'store-full',
   * 'touch-timeout'. With `backup`, the file is opened first (a wrong password writes nothing: 'backup-wrong-password'
   * and the other backup problems) and the account added to it after the check.
   */
  'credential/write': (req: Req.CredentialWriteRequest) => CredentialWritten;
  /**
   * Changes a credential in place: name, touch, password fields, as `caps.editable` allows (needs a touch on
   * a Nitrokey 3). 'bad-input' reason 'not-editable' or 'nothing-to-change', 'credential-exists', 'touch-timeout'.
   */
  'credential/update': (req: Req.CredentialUpdateRequest) => CredentialView[];
  /** Deletes a credential (needs a touch). */
  'credential/erase': (req: Req.CredentialNameRequest) => CredentialView[];
  /** Puts a credential's code on the clipboard; the code is not returned. 'pin-required' for a protected one. */
  'credential/copy': (req: Req.CredentialNameRequest) => CopyResult;
  /** Stops a token's wait for its button: the action that asked fails with 'cancelled'. Never fails itself. */
  'named/cancel-touch': (req: Req.NamedTokenRequest) => { isCancelled: boolean };
  /** Sets the first PIN (`current` absent) or changes it. 'wrong-pin' with retriesLeft. */
  'named/set-pin': (req: Req.NamedPinRequest) => NamedTokenInfo;
  /** A credential's login and comment (the password stays in main). */
  'credential/fields': (req: Req.CredentialNameRequest) => CredentialFields;
  /** Copies a login, password or comment to the clipboard under the password-safe rules. */
  'credential/copy-field': (req: Req.CredentialFieldRequest) => CopyResult;
  /**
   * Plans a move between two plugged-in tokens; with a backup file and its password, OTP secrets come from it.
   * Without a source, a restore of the backup onto the destination (any token, through the seam).
   */
  'move/plan': (req: Req.MovePlanRequest) => MoveReview;
  /**
   * Writes an encrypted backup of what moves (required for a move, optional for a restore), then writes and
   * verifies every account on the destination.
   */
  'move/run': (req: Req.MoveRunRequest) => MoveReport;
}

/** Runtime allowlist of this half's channels. */
export const TOKENS_REQUEST_CHANNELS = {
  'tokens/list': true,
  'named/status': true,
  'credential/list': true,
  'credential/unlock': true,
  'credential/lock': true,
  'credential/scan': true,
  'credential/write': true,
  'credential/update': true,
  'credential/erase': true,
  'credential/copy': true,
  'named/cancel-touch': true,
  'named/set-pin': true,
  'credential/fields': true,
  'credential/copy-field': true,
  'move/plan': true,
  'move/run': true,
} as const satisfies Record<keyof TokensRequests, true>;
