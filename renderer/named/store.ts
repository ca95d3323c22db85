/**
 * The window's state about tokens side by side (issue 12): which tokens are plugged in, which one the
 * window shows, and for a named-credential token (Nitrokey 3) its panel facts, credentials, an open touch
 * prompt and dialog. A store of its own beside the slot token's (store/index.ts). No PIN, secret or code.
 */
import { createStore, useStore } from 'zustand';
import type { CredentialView, MoveReview, NamedTokenInfo, TokenEntry, TokenId } from '../../electron/ipc/contract';

/** Which of this store's dialogs is open. */
export type NamedDialog =
  | { type: 'credential' }
  | { type: 'edit'; name: string }
  | { type: 'erase'; name: string }
  | { type: 'pin'; isChange: boolean }
  | { type: 'move' };

/** A PIN prompt for the named token: why, tries left and what the last try said. */
export interface NamedPinPrompt {
  retriesLeft: number | null;
  error: string | null;
}

export interface NamedState {
  tokens: TokenEntry[];
  /** The named token the window shows, or null for the slot token's view. */
  selected: TokenId | null;
  info: NamedTokenInfo | null;
  credentials: CredentialView[];
  query: string;
  tab: 'codes' | 'pws';
  dialog: NamedDialog | null;
  pinPrompt: NamedPinPrompt | null;
  /** The token waits for its button: until when (ms since the epoch), and for which credential. */
  touch: { token: TokenId; name?: string; untilMs: number; isCertain: boolean } | null;
  review: MoveReview | null;
  set: (s: Partial<NamedState>) => void;
}

const store = createStore<NamedState>()((set) => ({
  tokens: [],
  selected: null,
  info: null,
  credentials: [],
  query: '',
  tab: 'codes',
  dialog: null,
  pinPrompt: null,
  touch: null,
  review: null,
  set: (s) => set(s),
}));

// As the slot token's store (store/index.ts): while React takes the host's first HTML over, it draws from
// the state that HTML was drawn from (held by holdFirstState in main.tsx), whatever main answers meanwhile.
let first: NamedState | null = null;
const forReact = { ...store, getInitialState: () => first ?? store.getState() };
const useNamed = <T>(selector: (s: NamedState) => T): T => useStore(forReact, selector);

/** The hook for components, and zustand's store API (getState, setState, subscribe, getInitialState). */
export const useNamedStore = Object.assign(useNamed, store, {
  /** Keeps the current state as the one the first HTML was drawn from (main.tsx, before hydrateRoot). */
  holdFirstState: () => void (first = store.getState()),
});

/** Credentials matching the search: every word of the query in the name, case-insensitive. */
export function matchCredentials(all: CredentialView[], query: string): CredentialView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return all;
  return all.filter((c) => {
    const name = c.name.toLowerCase();
    return words.every((w) => name.includes(w));
  });
}
