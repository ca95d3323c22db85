/**
 * The seam between keyslot's two token families (style guide §9): slot tokens (Nitrokey Pro, Nitrokey
 * Storage, Librem Key: numbered HOTP/TOTP slots, admin and user PIN, a 16-entry password safe) and
 * named-credential tokens (Nitrokey 3: named credentials, one PIN, touch, password fields per credential).
 * Callers (CLI, Electron services) ask `session.caps`, never the model. Everything here is structured-clone
 * data (no class instances cross it), so the app can hand it over IPC as it is.
 */
import type { SlotRef } from '../protocol/commands';

/** How credentials are addressed: numbered slots, or names. */
export type Addressing = 'slots' | 'names';
/** A PIN a family knows: slot tokens have `admin` and `user`, a Nitrokey 3 one `pin`. */
export type PinRole = 'admin' | 'user' | 'pin';
/** HMAC hash of an OTP credential. */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
/** The kinds of credential a session lists. `password`: password fields only, no codes (Nitrokey 3). */
export type CredentialKind = 'totp' | 'hotp' | 'reverse-hotp' | 'hmac' | 'password';
/** A password field. Slot tokens have name, login, password; a Nitrokey 3 login, password, comment. */
export type PwsField = 'name' | 'login' | 'password' | 'comment';
/** Every model behind the seam. */
export type SessionModel = 'pro' | 'storage' | 'librem' | 'nk3';

/** What a token can do, asked by callers instead of its model. */
export interface TokenCaps {
  addressing: Addressing;
  /** OTP hashes the token computes codes with (Pro: SHA1; Nitrokey 3: SHA1, SHA256). */
  algorithms: readonly OtpAlgorithm[];
  /** Code lengths it makes. */
  digits: readonly number[];
  /** OTP kinds a write may ask for. */
  kinds: readonly ('totp' | 'hotp')[];
  /** Its PINs: `['admin', 'user']` or `['pin']`. */
  pins: readonly PinRole[];
  /** Tries each PIN has after a correct entry. */
  pinRetries: Partial<Record<PinRole, number>>;
  /** Credentials may need a touch of the token's button (the session announces it, see onTouchNeeded). */
  touch: boolean;
  /** Each credential may be protected by the PIN (listed and used only with it). */
  hasPinProtectedCredentials: boolean;
  /** Longest credential name, UTF-8 bytes. */
  maxNameBytes: number;
  /** Longest secret, bytes (slot tokens on legacy firmware: 20 once the firmware is known). */
  maxSecretBytes: number;
  /** Most OTP credentials the token holds (slot tokens: HOTP + TOTP slots). */
  maxCredentials: number;
  /** Slot counts per kind; null for named credentials. */
  slots: { totp: number; hotp: number } | null;
  /**
   * The TOTP period is stored on the token (slots) or only in the name's `P/` prefix (Nitrokey 3,
   * ykman's convention; nitropy and nitrokey-app2 compute every credential with 30 s).
   */
  isPeriodStored: boolean;
  /** TOTP codes need the token's clock set first (slot tokens); else the host sends the time. */
  needsClock: boolean;
  /** Password store: fixed entries (`entries` = count) or fields of named credentials (`entries` null). */
  pws: { entries: number | null; fields: readonly PwsField[]; maxFieldBytes: Partial<Record<PwsField, number>> };
  /** What `updateCredential` may change in place ([] = nothing: delete and write anew). */
  editable: readonly EditableField[];
}

/** A field `updateCredential` may change. */
export type EditableField = 'name' | 'touch' | 'login' | 'password' | 'comment';

/**
 * Changes to a credential in place. Absent = kept. Password fields: '' clears one, the others are kept
 * (a Nitrokey 3 replaces all three on the wire, so the session resends the kept ones). The secret, kind,
 * algorithm, digits, counter and PIN protection cannot change in place (a new credential is needed).
 */
export interface CredentialChanges {
  /** The new name (Nitrokey 3: a TOTP period prefix `P/` is kept when the new name has none). */
  name?: string;
  isTouchRequired?: boolean;
  login?: string;
  password?: string;
  comment?: string;
}

/** A credential's address: a slot (slot tokens) or a name (Nitrokey 3). */
export type CredentialRef = { slot: SlotRef } | { name: string };
/** A password entry's address: an index 0..15 (slot tokens) or a credential name (Nitrokey 3). */
export type PwsRef = { index: number } | { name: string };

/** One programmed credential as listed. Never the secret. */
export interface CredentialInfo {
  ref: CredentialRef;
  name: string;
  kind: CredentialKind;
  /** Code length; unknown (undefined) on a Nitrokey 3 until a code is made. */
  digits?: number;
  /** TOTP period, seconds (slot tokens: stored; Nitrokey 3: from the name's prefix, else 30). */
  period?: number;
  algorithm?: OtpAlgorithm;
  /** HOTP counter of the next code, as a decimal string (slot tokens only; u64). */
  counter?: string;
  isTouchRequired: boolean;
  isPinProtected: boolean;
  /** Login or password fields are set (Nitrokey 3). */
  hasPwsData: boolean;
}

/** A credential to write. */
export interface CredentialWrite {
  /** Slot tokens: the slot (required). Nitrokey 3: ignored; the name is the address. */
  slot?: SlotRef;
  /** Nitrokey 3: the stored name; a TOTP period ≠ 30 s is written as a `P/` prefix by the session. */
  name: string;
  kind: 'totp' | 'hotp' | 'password';
  secret?: Uint8Array;
  algorithm?: OtpAlgorithm;
  digits?: number;
  /** TOTP period, seconds (default 30). */
  period?: number;
  /** HOTP counter of the first code. */
  counter?: bigint;
  isTouchRequired?: boolean;
  isPinProtected?: boolean;
  login?: string;
  password?: string;
  comment?: string;
}

/** Why a session asks for a PIN. */
export interface PinRequest {
  role: PinRole;
  purpose: 'code' | 'write' | 'delete' | 'list' | 'pws' | 'reset';
  /** The credential it is for, when there is one. */
  name?: string;
}
/**
 * Gives a PIN when the session needs one; may reject (e.g. DeviceError('pin-required') in the app when the
 * request carried none). The session never calls it twice for one refusal: a wrong PIN is thrown with
 * `retriesLeft`, never retried.
 */
export type PinSource = (request: PinRequest) => Promise<string>;

/** Options of calls that may need a PIN. */
export interface AuthOptions {
  pin?: PinSource;
}

/** A PIN's state. */
export interface PinState {
  role: PinRole;
  /** False only for a Nitrokey 3 without a PIN yet. */
  isSet: boolean;
  /** Tries left, or null when no PIN is set. */
  retriesLeft: number | null;
}

/** What `status()` reports. */
export interface SessionStatus {
  model: SessionModel;
  /** Firmware or Secrets app version as text ("0.15", "4.14.0"). */
  firmware: string;
  /** Serial as 8 hex digits, or null when the firmware does not tell. */
  serial: string | null;
  pins: PinState[];
  /** Credentials in use (visible without a PIN) of the most the token holds. */
  credentials: { used: number; max: number };
  isVirtual: boolean;
}

/** A code. */
export interface OtpCode {
  code: string;
  digits: number;
}

/** One password entry. Fields the family does not have are absent. */
export interface PwsEntryView {
  ref: PwsRef;
  name: string;
  login?: string;
  password?: string;
  comment?: string;
}

/** A password entry to write: where (slot tokens: index; Nitrokey 3: the name) and the fields. */
export interface PwsWrite {
  ref: PwsRef;
  /** Slot tokens: the entry's name (11 bytes). Nitrokey 3: the credential name (same as ref.name). */
  name: string;
  login?: string;
  password?: string;
  comment?: string;
  /** Nitrokey 3, new credential: protect it with the PIN. */
  isPinProtected?: boolean;
}

/** Where a session came from. */
export interface SessionDevice {
  model: SessionModel;
  /** hidraw path, `pcsc:READER`, `virtual:FILE` or `virtual-nk3:FILE`. */
  path: string;
  isVirtual: boolean;
  /** USB serial string ('' when the device has none, as a Nitrokey 3's FIDO interface). */
  serialNumber: string;
}

/**
 * One talk with one token of either family. Every method is async and serialised by the session; errors
 * are DeviceError with a code and fields (style guide §3). `pin` sources are asked only when the token
 * needs the PIN for that step.
 */
export interface TokenSession {
  readonly caps: TokenCaps;
  readonly device: SessionDevice;
  /** Model, firmware, serial, PINs with tries left, credential count. */
  status(): Promise<SessionStatus>;
  /**
   * The programmed credentials. Nitrokey 3: PIN-protected ones only when `pin` is given and a PIN is set
   * (the PIN is then asked once).
   */
  listCredentials(options?: AuthOptions): Promise<CredentialInfo[]>;
  /** The credential a name means: exact, else the one case-insensitive match. 'credential-not-found'. */
  findCredential(name: string, options?: AuthOptions): Promise<CredentialInfo>;
  /** Checks a write against this token's limits without sending (null = fits). Slot tokens: firmware known. */
  checkWrite(w: CredentialWrite): import('../errors').DeviceError | null;
  /** Writes a credential (after the limit checks; a full store or taken name refused before sending). */
  writeCredential(w: CredentialWrite, options?: AuthOptions): Promise<CredentialRef>;
  /**
   * Changes a credential in place (`caps.editable` says which fields; others are refused with
   * 'bad-input' reason 'not-editable' before sending). Returns its address afterwards (a rename changes it
   * on a Nitrokey 3). Nitrokey 3: needs a touch, and the PIN for a PIN-protected credential.
   */
  updateCredential(ref: CredentialRef, changes: CredentialChanges, options?: AuthOptions): Promise<CredentialRef>;
  /** Deletes a credential (Nitrokey 3: needs a touch). */
  deleteCredential(ref: CredentialRef, options?: AuthOptions): Promise<void>;
  /**
   * A code at `unixMs` (default the session's clock). Slot tokens set their clock first for TOTP. HOTP
   * advances the counter. `credential`, when the caller listed it already, saves a lookup.
   */
  getCode(
    ref: CredentialRef,
    options?: AuthOptions & { unixMs?: number; credential?: Pick<CredentialInfo, 'isPinProtected'> },
  ): Promise<OtpCode>;
  /**
   * Sets or changes a PIN. `current` undefined on a Nitrokey 3 without a PIN sets the first one; a wrong
   * `current` throws 'wrong-pin' with retriesLeft.
   */
  changePin(role: PinRole, current: string | undefined, next: string): Promise<void>;
  /** Factory reset (slot tokens: admin PIN; Nitrokey 3: the Secrets app's reset, touch). */
  reset(options?: AuthOptions): Promise<void>;
  /** Password entries (slot tokens: used entries, user PIN; Nitrokey 3: credentials with fields). */
  pwsList(options?: AuthOptions): Promise<PwsEntryView[]>;
  /** One entry with every field. */
  pwsGet(ref: PwsRef, options?: AuthOptions): Promise<PwsEntryView>;
  /** Writes an entry (Nitrokey 3: a new password-only credential, or the fields of an existing one). */
  pwsSet(w: PwsWrite, options?: AuthOptions): Promise<void>;
  /** Erases an entry (Nitrokey 3: clears the fields; a password-only credential is deleted). */
  pwsErase(ref: PwsRef, options?: AuthOptions): Promise<void>;
  /**
   * Asks the token to stop waiting for a touch (CTAPHID CANCEL, reference §3.9): the pending command then
   * fails with 'cancelled'. Resolves at once where there is nothing to cancel (slot tokens, PC/SC).
   */
  cancel(): Promise<void>;
  close(): Promise<void>;
}
