/**
 * The contract's speed-of-use half (issue 13), kept apart only for size: contract.ts re-exports
 * every type here and merges `QuickRequests` into `Requests`. Types and constants only.
 *
 * Codes may be shown (that is what they are for); secrets never cross. A code lives in the
 * renderer only while it is shown: it is not persisted, and the window forgets it when hidden.
 */
import type { SlotRef } from '../../device/index';

/** A code as the window shows it. */
export interface ShownCode {
  slot: SlotRef;
  code: string;
  /** TOTP: the step's end on this computer's clock (ms since the epoch); the code is then stale. */
  validUntilMs?: number;
  /** TOTP: the step's length in seconds. */
  period?: number;
  /** HOTP: the counter after this code (the reveal advanced it), decimal. */
  counter?: string;
}

/** Why the quick picker's global shortcut is not in use. */
export type ShortcutProblem = 'off' | 'invalid' | 'taken' | 'wayland-no-portal' | 'unsupported';

/** The quick picker's global shortcut as main registered it. */
export interface ShortcutStatus {
  /** The accelerator from the settings, e.g. "Ctrl+Alt+K". */
  accelerator: string;
  isRegistered: boolean;
  /** Set when it is not registered. */
  problem?: ShortcutProblem;
}

/** Renderer -> main requests of the speed-of-use features. Handlers live in electron/services/. */
export interface QuickRequests {
  /**
   * Makes the codes of these slots for showing (one GET_CODE per slot; the token's clock is set
   * softly first, as nitrokey-app does before every TOTP code, §9 item 7). A HOTP slot's counter
   * advances. 'not-authorized' when codes need the user PIN and none is held or sent.
   */
  'otp/codes': (req: { slots: SlotRef[]; userPin?: string }) => ShownCode[];
  /**
   * Copies a code the window shows, without asking the token again: only a code main handed out
   * for this slot ('otp/codes') and still valid is taken; anything else is 'bad-request'.
   */
  'otp/copy-shown': (req: { slot: SlotRef; code: string }) => { clearsInMs: number };
  /** The quick picker's global shortcut: registered, or why not. Never fails. */
  'shortcut/status': () => ShortcutStatus;
  /** The quick picker is done (a code copied, or Esc): main hides its window. Never fails. */
  'picker/close': () => { isClosed: boolean };
}

/** Runtime allowlist of these channels; contract.ts spreads it into REQUEST_CHANNELS. */
export const QUICK_REQUEST_CHANNELS = {
  'otp/codes': true,
  'otp/copy-shown': true,
  'shortcut/status': true,
  'picker/close': true,
} as const satisfies Record<keyof QuickRequests, true>;

/** Most pinned slots the settings keep (two tokens' worth of slots). */
export const MAX_PINNED_SLOTS = 36;

/** The quick picker's page (web host path; keyslot://app/picker in Electron). */
export const PICKER_PATH = '/picker';

/** The quick picker's shortcut unless the person chose another (Electron accelerator syntax). */
export const DEFAULT_PICKER_SHORTCUT = 'Ctrl+Alt+K';
