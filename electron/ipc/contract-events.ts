/**
 * The contract's pushes, main -> renderer (style guide §2), kept apart only for size: contract.ts
 * re-exports everything here. Event names are past tense. Types and constants only.
 */
import type { PwsState, Settings, SlotSummary, TokenId, TokenInfo } from './contract';
import type { TokenEntry } from './contract-tokens';

/** Main -> renderer pushes. */
export interface Events {
  /** A token was plugged in (or the virtual token started). */
  'token/attached': TokenInfo;
  /** The token went away. */
  'token/detached': { token: TokenId };
  /** The token's status or the slots changed (after an edit, a lock, a tray action). */
  'token/changed': TokenInfo;
  /** The slot list changed. */
  'slot/changed': SlotSummary[];
  /** The password safe changed (unlocked, locked, edited). */
  'pws/changed': PwsState;
  /** The clipboard was cleared because its time ran out. */
  'clipboard/cleared': { reason: 'timeout' | 'quit' };
  /** Settings changed. */
  'settings/changed': Settings;
  /** The tokens plugged in changed (either family; the switcher lists them). */
  'tokens/changed': TokenEntry[];
  /** A named token's credentials or PIN state changed (after an edit, a PIN, the move wizard). */
  'named/changed': { token: TokenId };
  /**
   * A token waits for its button ("Touch your Nitrokey 3"): `secondsLeft` until it gives up, the action's
   * credential when there is one. `isCertain` false: the token did not answer for a while and may wait.
   */
  'touch/needed': { token: TokenId; name?: string; secondsLeft: number; isCertain: boolean };
  /** The action that asked for a touch ended (touched, timed out or failed). */
  'touch/ended': { token: TokenId };
}

export type EventChannel = keyof Events;

/** Runtime allowlist of event channels; `satisfies` keeps it complete. */
export const EVENT_CHANNELS = {
  'token/attached': true,
  'token/detached': true,
  'token/changed': true,
  'slot/changed': true,
  'pws/changed': true,
  'clipboard/cleared': true,
  'settings/changed': true,
  'tokens/changed': true,
  'named/changed': true,
  'touch/needed': true,
  'touch/ended': true,
} as const satisfies Record<EventChannel, true>;
