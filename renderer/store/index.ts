/**
 * The renderer's one store of slices (zustand's slices pattern): tokens, slots, pws, ui. PINs and
 * secrets are never put here; they live in a dialog's own state until the request that needs them.
 */
import { createStore, useStore, type StateCreator } from 'zustand';
import type { AppInfo, PinKind, PwsState, Settings, SlotSummary, TokenInfo } from '../../electron/ipc/contract';
import { PWS_CAPACITY } from '../../shared/constants';
import { codesSlice, type CodesSlice } from './codes-slice';
import { matchSlots } from './search';

export { slotKey, type CodesSlice } from './codes-slice';

export interface TokensSlice {
  token: TokenInfo | null;
  /** True until the first answer about the token arrived. */
  isStarting: boolean;
  setToken: (token: TokenInfo | null) => void;
}

export interface SlotsSlice {
  slots: SlotSummary[];
  query: string;
  setSlots: (slots: SlotSummary[]) => void;
  setQuery: (query: string) => void;
}

export interface PwsSlice {
  pws: PwsState;
  setPws: (pws: PwsState) => void;
}

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/** Which dialog is open; each carries only what it shows, never a PIN or secret. */
export type Dialog =
  | { type: 'slot'; edit: SlotSummary | null }
  | { type: 'erase-slot'; slot: SlotSummary }
  | { type: 'pins' }
  | { type: 'factory-reset' }
  | { type: 'config' }
  | { type: 'add-account' }
  | { type: 'restore' }
  | { type: 'settings' }
  | { type: 'pws-entry'; index: number | null };

/** An open PIN prompt: which PIN, why, and what the last try said. */
export interface PinPrompt {
  kind: PinKind;
  retriesLeft: number;
  error: string | null;
}

export interface UiSlice {
  tab: 'codes' | 'pws';
  dialog: Dialog | null;
  pinPrompt: PinPrompt | null;
  toasts: Toast[];
  settings: Settings | null;
  appInfo: AppInfo | null;
  /** The language the window speaks (from the settings and the system's locale; i18n.setLanguage). */
  language: 'en' | 'de';
  /** A PIN that was just used and is still the factory default: the panel asks for a change. */
  defaultPin: PinKind | null;
  setDefaultPin: (kind: PinKind | null) => void;
  setTab: (tab: 'codes' | 'pws') => void;
  openDialog: (d: Dialog) => void;
  closeDialog: () => void;
  setPinPrompt: (p: PinPrompt | null) => void;
  toast: (text: string, tone?: 'info' | 'error') => void;
  dismissToast: (id: number) => void;
  setSettings: (s: Settings) => void;
  setAppInfo: (a: AppInfo) => void;
  setLanguage: (language: 'en' | 'de') => void;
}

export type KeyslotState = TokensSlice & SlotsSlice & PwsSlice & UiSlice & CodesSlice;
type Slice<T> = StateCreator<KeyslotState, [], [], T>;

/**
 * True if two plain data values (as they came over IPC) are equal. Main re-sends unchanged data
 * (the first requests after the boot data, events after each command); keeping the old object
 * then spares React a re-render of every row.
 */
export function isSameData(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const tokensSlice: Slice<TokensSlice> = (set) => ({
  token: null,
  isStarting: true,
  setToken: (token) =>
    set((s) => {
      if (!s.isStarting && isSameData(s.token, token)) return s;
      return token
        ? { token, isStarting: false }
        : { token: null, isStarting: false, slots: [], pws: LOCKED_PWS, codes: {}, selected: 0 };
    }),
});

const slotsSlice: Slice<SlotsSlice> = (set) => ({
  slots: [],
  query: '',
  setSlots: (slots) => set((s) => (isSameData(s.slots, slots) ? s : { slots })),
  setQuery: (query) => set({ query, selected: 0 }),
});

export const LOCKED_PWS: PwsState = { isUnlocked: false, hasKey: true, entries: [], capacity: PWS_CAPACITY };

const pwsSlice: Slice<PwsSlice> = (set) => ({
  pws: LOCKED_PWS,
  setPws: (pws) => set((s) => (isSameData(s.pws, pws) ? s : { pws })),
});

let nextToast = 1;
const uiSlice: Slice<UiSlice> = (set) => ({
  tab: 'codes',
  dialog: null,
  pinPrompt: null,
  toasts: [],
  settings: null,
  appInfo: null,
  language: 'en',
  defaultPin: null,
  setDefaultPin: (defaultPin) => set({ defaultPin }),
  setTab: (tab) => set({ tab }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setPinPrompt: (pinPrompt) => set({ pinPrompt }),
  toast: (text, tone = 'info') => set((s) => ({ toasts: [...s.toasts.slice(-2), { id: nextToast++, text, tone }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setSettings: (settings) => set((s) => (isSameData(s.settings, settings) ? s : { settings })),
  setAppInfo: (appInfo) => set((s) => (isSameData(s.appInfo, appInfo) ? s : { appInfo })),
  setLanguage: (language) => set({ language }),
});

/** Builds a fresh store (tests make their own): a hook for components, and zustand's store API. */
export function createKeyslotStore() {
  const store = createStore<KeyslotState>()((...a) => ({
    ...tokensSlice(...a),
    ...slotsSlice(...a),
    ...pwsSlice(...a),
    ...uiSlice(...a),
    ...codesSlice<KeyslotState>()(...a),
  }));
  // While React takes the host's first HTML over (hydrateRoot), it draws from the state that HTML
  // was drawn from (zustand hands React getInitialState for that): the boot data, held by
  // holdFirstState, whatever main answers meanwhile; afterwards React draws the current state.
  // Under Node (renderer/prerender.tsx) nothing is held and the current state is the boot data.
  let first: KeyslotState | null = null;
  const forReact = { ...store, getInitialState: () => first ?? store.getState() };
  const useKeyslot = <T>(selector: (s: KeyslotState) => T): T => useStore(forReact, selector);
  return Object.assign(useKeyslot, store, {
    /** Keeps the current state as the one the first HTML was drawn from (main.tsx, before hydrateRoot). */
    holdFirstState: () => void (first = store.getState()),
  });
}

export const useKeyslotStore = createKeyslotStore();

/**
 * Slots matching the search (renderer/store/search.ts): every word of the query in the name,
 * issuer and account alike ("ACME:alice"), case-insensitive; an exact name first.
 */
export function selectVisibleSlots(s: Pick<KeyslotState, 'slots' | 'query'>): SlotSummary[] {
  return matchSlots(s.slots, s.query);
}

/** The match Enter copies: the selected one, kept within the list. */
export function selectSelectedSlot(s: Pick<KeyslotState, 'slots' | 'query' | 'selected'>): SlotSummary | null {
  const visible = selectVisibleSlots(s);
  return visible.length === 0 ? null : visible[Math.min(Math.max(s.selected, 0), visible.length - 1)];
}
