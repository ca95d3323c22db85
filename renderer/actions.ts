/**
 * What the UI does, as plain async functions over the store and the API. PINs pass through here
 * once, from the prompt to the request that needs them, and are not kept.
 */
import type { BootState, ErrorPayload, PinKind, Result, Settings, SlotRef } from '../electron/ipc/contract';
import { FACTORY_PINS } from '../shared/constants';
import { invoke, on } from './api';
import { currentLanguage, errorText, setLanguage, t } from './i18n';
import { useKeyslotStore } from './store';
import { applyBootTokens } from './named/actions';

const store = () => useKeyslotStore.getState();

let pinResolver: ((pin: string | null) => void) | null = null;

/** Opens the PIN prompt and resolves with what the person typed, or null if they cancelled. */
export function askPin(kind: PinKind, error: ErrorPayload | null = null): Promise<string | null> {
  const token = store().token;
  const retriesLeft = error?.retriesLeft ?? (kind === 'admin' ? token?.adminRetries : token?.userRetries) ?? 3;
  store().setPinPrompt({ kind, retriesLeft, error: error ? errorText(error) : null });
  pinResolver?.(null);
  return new Promise((resolve) => (pinResolver = resolve));
}

/** Called by the PIN prompt. */
export function answerPin(pin: string | null): void {
  store().setPinPrompt(null);
  const resolve = pinResolver;
  pinResolver = null;
  resolve?.(pin);
}

const PIN_ERRORS = new Set(['wrong-pin', 'not-authorized', 'pin-locked']);

/**
 * Sends a request that may need a PIN. Asks first when the app holds no authorisation; after a
 * wrong PIN it shows the tries left and waits for the person: it never resends by itself.
 * Resolves null when the person cancelled.
 */
export async function withPin<T>(
  kind: PinKind,
  send: (pin: string | undefined) => Promise<Result<T>>,
  when: 'always' | 'unless-held' | 'on-demand' = 'unless-held',
): Promise<Result<T> | null> {
  const token = store().token;
  let pin: string | undefined;
  if (when === 'always' || (when === 'unless-held' && !token?.isAuthenticated[kind])) {
    pin = (await askPin(kind)) ?? undefined;
    if (pin === undefined) return null;
  }
  for (;;) {
    const r = await send(pin);
    if (r.ok) {
      // The factory PIN worked: suggest a change.
      if (pin === FACTORY_PINS[kind]) store().setDefaultPin(kind);
      return r;
    }
    if (!PIN_ERRORS.has(r.error.code)) return r;
    const next = await askPin(kind, r.error.code === 'not-authorized' ? null : r.error);
    if (next === null || r.error.code === 'pin-locked') return null;
    pin = next;
  }
}

/** Shows an error as a toast (translated by code). */
export function showError(error: ErrorPayload): void {
  store().toast(errorText(error), 'error');
}

/** Loads everything once and subscribes to main's events. Returns the unsubscribe function. */
export async function start(): Promise<() => void> {
  const offs = [
    on('token/attached', (info) => {
      store().setToken(info);
      void refreshSlots();
      void refreshPws();
    }),
    on('token/detached', () => {
      store().setToken(null);
      store().toast(t('detached'));
    }),
    on('token/changed', (info) => store().setToken(info)),
    on('slot/changed', (slots) => store().setSlots(slots)),
    on('pws/changed', (pws) => store().setPws(pws)),
    on('clipboard/cleared', () => store().toast(t('clipboardCleared'))),
    on('settings/changed', (s) => applySettings(s)),
  ];
  // Everything at once: main answers from its caches, and the token serialises what it must read.
  const [info, settings, token, slots, pws] = await Promise.all([
    invoke('app/info'),
    invoke('settings/get'),
    invoke('token/current'),
    invoke('slot/list'),
    invoke('pws/status'),
  ]);
  if (info.ok) store().setAppInfo(info.value);
  // Also when the settings are unchanged: the system's locale may have come with the app info.
  applySettings(settings.ok ? settings.value : store().settings);
  store().setToken(token.ok ? token.value : null);
  if (token.ok && token.value) {
    if (slots.ok) store().setSlots(slots.value);
    if (pws.ok) store().setPws(pws.value);
  }
  return () => offs.forEach((off) => off());
}

/** Puts the data the host sent with the page into the store, before the first render. */
export function applyBoot(boot: BootState): void {
  store().setAppInfo(boot.appInfo);
  applySettings(boot.settings);
  store().setToken(boot.token);
  if (boot.token) store().setSlots(boot.slots);
  if (boot.tokens) applyBootTokens(boot.tokens);
}

let started: Promise<() => void> | null = null;

/** Starts loading once, even before React renders (main.tsx calls it first). */
export function startOnce(): Promise<() => void> {
  started ??= start();
  return started;
}

function applySettings(s: Settings | null): void {
  if (!s) return;
  store().setSettings(s);
  setLanguage(s.language, store().appInfo?.locale || (typeof navigator === 'undefined' ? '' : navigator.language));
  // In the store, so the whole window draws again when the language changes.
  store().setLanguage(currentLanguage());
}

export async function refreshSlots(): Promise<void> {
  const r = await invoke('slot/list');
  if (r.ok) store().setSlots(r.value);
}

export async function refreshPws(): Promise<void> {
  const r = await invoke('pws/status');
  if (r.ok) store().setPws(r.value);
}

export async function connectVirtual(): Promise<void> {
  const r = await invoke('token/use-virtual');
  if (!r.ok) return showError(r.error);
  store().setToken(r.value);
  await Promise.all([refreshSlots(), refreshPws()]);
}

/** One click: the code goes to the clipboard; a toast says so and when it clears. Resolves whether it did. */
export async function copyCode(slot: SlotRef): Promise<boolean> {
  const token = store().token;
  const when = token?.isUserPinRequiredForCodes ? 'unless-held' : 'on-demand';
  const r = await withPin('user', (userPin) => invoke('otp/copy', userPin ? { slot, userPin } : { slot }), when);
  if (!r) return false;
  if (!r.ok) {
    showError(r.error);
    return false;
  }
  const counter = r.value.counter;
  if (counter !== undefined) {
    // The row shows the new counter with the toast; main's slot/changed event follows with the same list.
    store().setSlots(
      store().slots.map((s) => (s.slot.kind === slot.kind && s.slot.index === slot.index ? { ...s, counter } : s)),
    );
  }
  const head = counter !== undefined ? t('copiedHotp', { c: counter }) : t('copiedCode');
  const tail = r.value.clearsInMs > 0 ? ` ${t('clears', { s: Math.round(r.value.clearsInMs / 1000) })}` : '';
  store().toast(head + tail);
  return true;
}

export async function lockToken(): Promise<void> {
  const r = await invoke('token/lock');
  if (!r.ok) return showError(r.error);
  store().clearCodes(); // shown codes go with the lock (issue 13)
  store().setToken(r.value);
  await refreshPws();
}

export async function setTokenTime(): Promise<void> {
  const r = await invoke('token/set-time');
  if (!r.ok) return showError(r.error);
  store().setToken(r.value);
}

export async function eraseSlot(slot: SlotRef): Promise<boolean> {
  const r = await withPin('admin', (adminPin) => invoke('slot/erase', adminPin ? { slot, adminPin } : { slot }));
  if (!r) return false;
  if (!r.ok) {
    showError(r.error);
    return false;
  }
  store().setSlots(r.value);
  return true;
}

export async function copyPws(index: number, field: 'login' | 'password'): Promise<void> {
  const r = await invoke('pws/copy', { index, field });
  if (!r.ok) return showError(r.error);
  const tail = r.value.clearsInMs > 0 ? ` ${t('clears', { s: Math.round(r.value.clearsInMs / 1000) })}` : '';
  store().toast(t(field === 'login' ? 'copiedLogin' : 'copiedPassword') + tail);
}

export async function unlockPws(): Promise<void> {
  const r = await withPin('user', (userPin) => invoke('pws/unlock', { userPin: userPin ?? '' }), 'always');
  if (!r) return;
  if (!r.ok) {
    // No key yet is not a failure of the person's: the panel now offers to build one.
    if (r.error.code === 'pws-no-key') return store().setPws({ ...store().pws, hasKey: false });
    return showError(r.error);
  }
  store().setPws(r.value);
}

export async function initPws(): Promise<void> {
  const r = await withPin('admin', (adminPin) => invoke('pws/init', { adminPin: adminPin ?? '' }), 'always');
  if (!r) return;
  if (!r.ok) return showError(r.error);
  store().setPws(r.value);
  await unlockPws();
}

export async function erasePws(index: number): Promise<void> {
  const r = await invoke('pws/erase', { index });
  if (!r.ok) return showError(r.error);
  store().setPws(r.value);
}
