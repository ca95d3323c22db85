/**
 * The one IPC contract of the desktop app (style guide §2): channels, request and response types,
 * and the runtime allowlists. Main, preload, renderer and the web host are all typed from here.
 * Types and constants only: `import type` from device/, shared/ and the request types derived from
 * the schemas (requests*.ts), and the allowlists of its other halves (contract-*.ts).
 */
import type { BackupProblemCode, DeviceErrorCode, Model, SlotRef } from '../../device/index';
import type { AppErrorCode, ErrorFields } from '../../shared/vocabulary/index';
import { IMPORT_REQUEST_CHANNELS, type ImportRequests } from './contract-import';
import type { EventChannel, Events } from './contract-events';
import type * as Req from './requests';
import { QUICK_REQUEST_CHANNELS, type QuickRequests } from './contract-quick';
import { TOKENS_REQUEST_CHANNELS, type TokenEntry, type TokensRequests } from './contract-tokens';

export type * from './contract-import';
/** The request types, derived from the schemas main validates with (requests.ts). */
export type * from './requests';
export { EVENT_CHANNELS, type EventChannel, type Events } from './contract-events';
export type * from './contract-quick';
export type * from './contract-tokens';
export type * from './requests-tokens';

export type { SlotRef, Model };

/** Which PIN. */
export type PinKind = 'admin' | 'user';

/** Identifies one attached token: its device path, or `virtual:<file>`. */
export type TokenId = string & { readonly __brand?: 'TokenId' };

/** Whether the token's clock can make TOTP codes that sites accept. */
export type TimeStatus = 'in-sync' | 'out-of-sync' | 'unknown';

/** Field limits of the attached token, in bytes (as the token counts them: UTF-8). */
export interface FieldLimits {
  slotName: number;
  /** Longest secret in bytes (40, or 20 on legacy firmware). */
  secretMax: number;
  pwsName: number;
  pwsLogin: number;
  pwsPassword: number;
  pin: number;
}

/** A keyboard lock key: a double press makes the token type a HOTP code (general config). */
export type LockKey = 'numlock' | 'capslock' | 'scrolllock';

/** The lock keys and the HOTP slot each types: index 0..2 (HOTP 1..3), or null for off. */
export type LockKeys = Record<LockKey, number | null>;

/** What the token panel shows about the attached token. */
export interface TokenInfo {
  id: TokenId;
  model: Model;
  /** 8 lower-case hex digits. */
  serial: string;
  /** "0.15" style. */
  firmware: string;
  adminRetries: number;
  userRetries: number;
  isVirtual: boolean;
  isLegacy: boolean;
  /** Codes need the user PIN (general config). */
  isUserPinRequiredForCodes: boolean;
  /** NumLock, CapsLock and ScrollLock HOTP bindings (general config). */
  lockKeys: LockKeys;
  time: TimeStatus;
  /** Temporary passwords the app holds now. */
  isAuthenticated: Record<PinKind, boolean>;
  limits: FieldLimits;
}

/** A programmed OTP slot as the slot list shows it. */
export interface SlotSummary {
  slot: SlotRef;
  name: string;
  digits: 6 | 8;
  /** TOTP step in seconds. */
  period?: number;
  /** HOTP: decimal string of the counter the next code uses (bigint does not cross JSON). */
  counter?: string;
}

/** The first code of a freshly written slot. */
export interface SlotWritten {
  slot: SlotSummary;
  /** The first code, or null when codes need a user PIN the app does not hold. */
  code: string | null;
}

/** Outcome of a copy: when the clipboard is cleared. */
export interface CopyResult {
  clearsInMs: number;
  /** HOTP: the counter after this code. */
  counter?: string;
  /** TOTP: seconds left in this code's step when it was made. */
  secondsLeft?: number;
}

/** One password-safe entry as listed (no password). */
export interface PwsEntrySummary {
  index: number;
  name: string;
}

/** The password safe as the renderer sees it. */
export interface PwsState {
  isUnlocked: boolean;
  /** False until the safe's AES key was built ('pws/init'). Unknown (true) while locked. */
  hasKey: boolean;
  entries: PwsEntrySummary[];
  capacity: number;
}

/** Persisted settings. */
export interface Settings {
  /** Seconds until a copied code is cleared from the clipboard (0 = never). */
  clearCodeAfterS: number;
  /** Seconds until a copied password or login is cleared. */
  clearPasswordAfterS: number;
  isStartMinimized: boolean;
  isCloseToTray: boolean;
  language: 'system' | 'en' | 'de';
  /** The quick picker's global shortcut (Electron accelerator syntax, e.g. "Ctrl+Alt+K"). */
  pickerShortcut: string;
  /** Whether the quick picker's shortcut is registered at all. */
  isPickerShortcutOn: boolean;
  /** Start keyslot when the person logs in (login item; on Linux an XDG autostart file). */
  isStartAtLogin: boolean;
  /** A notification after a copy from the tray says what was copied and when it clears. */
  isTrayCopyNotified: boolean;
  /** Slots the tray lists first: "SERIAL/KIND/INDEX" (e.g. "072b8aa5/totp/0"), at most 36. */
  pinnedSlots: string[];
}

/** What the renderer needs to know about its host. */
export interface AppInfo {
  version: string;
  /** 'electron' in the app, 'web' in the Node web host used for tests. */
  host: 'electron' | 'web';
  hasTray: boolean;
  /** The system's locale (Electron's app.getLocale()); empty in the web host, where the browser's applies. */
  locale: string;
  /** True where main shows the system's file dialogs ('backup/choose-file'); the web host takes a typed path. */
  hasFileDialogs: boolean;
  /** True where 'import/scan-screen' can capture the screens. */
  canCaptureScreen: boolean;
}

/**
 * What the window needs for its first render, sent with the page where the host can (the web host
 * puts it in index.html as a JSON data block with id {@link BOOT_ELEMENT_ID}), so the slot list
 * draws without waiting for a round trip. The renderer still asks main afterwards and subscribes
 * to events, so anything that changed in between is caught up. No secrets, PINs or codes.
 */
export interface BootState {
  appInfo: AppInfo;
  settings: Settings;
  token: TokenInfo | null;
  /** The slot list; empty without a token. */
  slots: SlotSummary[];
  /**
   * Every token plugged in when the page was asked for ('tokens/list'): with only a Nitrokey 3 the first
   * HTML already shows its view (its panel and list load after), not "no token".
   */
  tokens?: TokenEntry[];
}

/** The id of the page's JSON data block holding a {@link BootState}. */
export const BOOT_ELEMENT_ID = 'keyslot-boot';

/**
 * Errors of the app layer that are not the device's: a refused request, no token, a step the
 * person must confirm first, an import with nothing in it or gone stale, a capture the host cannot make.
 */
export type { AppErrorCode };

/**
 * An error as data (style guide §3): its code and the fields its words are made from (retriesLeft,
 * bytes, slot, reason, ref for 'unknown', ...; shared/vocabulary/types.ts). No words travel: the
 * renderer says it in its language with describeError (shared/vocabulary), by code, never by text.
 */
export interface ErrorPayload extends ErrorFields {
  code: DeviceErrorCode | AppErrorCode | BackupProblemCode;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Renderer -> main, answered once with a Result. Handlers live in electron/services/. */
export interface Requests extends ImportRequests, QuickRequests, TokensRequests {
  /** Host facts: version, web or Electron, tray. Never fails. */
  'app/info': () => AppInfo;
  /** The attached token, or null. Fails only with device errors while reading status. */
  'token/current': () => TokenInfo | null;
  /** Starts the virtual token (state in the user-data folder) when no token is plugged in. */
  'token/use-virtual': () => TokenInfo;
  /** Locks the token: password safe locked, temporary passwords forgotten. */
  'token/lock': () => TokenInfo;
  /** Sets the token's clock to this computer's (forced). Fails with 'time-refused'. */
  'token/set-time': () => TokenInfo;
  /** Checks a PIN and keeps the authorisation. 'wrong-pin' with retriesLeft, or 'pin-locked'. */
  'pin/verify': (req: Req.PinVerifyRequest) => { isDefaultPin: boolean; info: TokenInfo };
  /** Changes a PIN. 'wrong-pin' with retriesLeft; 'pin-invalid' for an unusable new PIN. */
  'pin/change': (req: Req.PinChangeRequest) => TokenInfo;
  /** Sets a new user PIN with the admin PIN (unlocks a locked user PIN). */
  'pin/unlock-user': (req: Req.UnlockUserRequest) => TokenInfo;
  /** Writes the general config (user PIN for codes, lock keys). Needs the admin PIN; 'wrong-pin' with retriesLeft. */
  'config/set': (req: Req.ConfigWriteRequest) => TokenInfo;
  /** Factory reset; `confirmation` must be the word RESET typed by the person. */
  'token/factory-reset': (req: Req.FactoryResetRequest) => TokenInfo;
  /** Programmed slots, TOTP then HOTP in slot order. */
  'slot/list': () => SlotSummary[];
  /** Writes a slot and returns its first code. Needs the admin PIN; 'confirmation-needed' to overwrite. */
  'slot/write': (req: Req.SlotWriteRequest) => SlotWritten;
  /** Erases a slot. Needs the admin PIN. */
  'slot/erase': (req: Req.SlotEraseRequest) => SlotSummary[];
  /** Generates a code and puts it on the clipboard; the code is not returned. HOTP advances. */
  'otp/copy': (req: Req.OtpCopyRequest) => CopyResult;
  /** The password safe's state (names only when unlocked). */
  'pws/status': () => PwsState;
  /** Unlocks the password safe with the user PIN. */
  'pws/unlock': (req: Req.PwsUnlockRequest) => PwsState;
  /** Builds the safe's AES key with the admin PIN; destroys every entry. For a safe with no key yet. */
  'pws/init': (req: Req.PwsInitRequest) => PwsState;
  /** Reads an entry's name and login for editing; the password stays in main. */
  'pws/read': (req: Req.PwsEntryRequest) => { index: number; name: string; login: string };
  /** Writes an entry. 'pws-field-too-long' if a field exceeds its bytes. */
  'pws/write': (req: Req.PwsWriteRequest) => PwsState;
  /** Erases an entry. */
  'pws/erase': (req: Req.PwsEntryRequest) => PwsState;
  /** Copies an entry's login or password to the clipboard. */
  'pws/copy': (req: Req.PwsCopyRequest) => CopyResult;
  /** The persisted settings. */
  'settings/get': () => Settings;
  /** Changes settings; returns all of them. 'bad-request' for values out of range. */
  'settings/set': (req: Req.SettingsChange) => Settings;
}

export type RequestChannel = keyof Requests;
export type RequestArgs<C extends RequestChannel> = Parameters<Requests[C]>;
export type ResponseOf<C extends RequestChannel> = ReturnType<Requests[C]>;

/** Runtime allowlist of request channels; `satisfies` keeps it complete. */
export const REQUEST_CHANNELS = {
  'app/info': true,
  'token/current': true,
  'token/use-virtual': true,
  'token/lock': true,
  'token/set-time': true,
  'pin/verify': true,
  'pin/change': true,
  'pin/unlock-user': true,
  'token/factory-reset': true,
  'config/set': true,
  'slot/list': true,
  'slot/write': true,
  'slot/erase': true,
  'otp/copy': true,
  'pws/status': true,
  'pws/unlock': true,
  'pws/init': true,
  'pws/read': true,
  'pws/write': true,
  'pws/erase': true,
  'pws/copy': true,
  'settings/get': true,
  'settings/set': true,
  ...IMPORT_REQUEST_CHANNELS,
  ...QUICK_REQUEST_CHANNELS,
  ...TOKENS_REQUEST_CHANNELS,
} as const satisfies Record<RequestChannel, true>;

/** The IPC channel prefix, so app channels never clash with Electron's own. */
export const CHANNEL_PREFIX = 'keyslot:';

/** What the preload exposes as `window.keyslot`, and what renderer/api.ts wraps. */
export interface KeyslotApi {
  invoke<C extends RequestChannel>(channel: C, ...args: RequestArgs<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: Events[E]) => void): () => void;
}
