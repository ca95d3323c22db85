/**
 * What the window does with tokens side by side: follow the plugged-in tokens, show a named token
 * (Nitrokey 3), copy its codes and fields, unlock and lock its PIN-protected credentials, set its PIN,
 * and show the touch prompt while it waits for its button. A PIN goes from the prompt to the one request
 * that needs it and is not kept; after a wrong PIN the tries left are shown and the person decides.
 */
import type { CredentialView, ErrorPayload, Result, TokenEntry, TokenId } from '../../electron/ipc/contract';
import { invoke, on } from '../api';
import { errorText, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { useNamedStore } from './store';

const named = () => useNamedStore.getState();
const toast = (text: string, tone: 'info' | 'error' = 'info') => useKeyslotStore.getState().toast(text, tone);

export function showNamedError(error: ErrorPayload): void {
  toast(errorText(error), 'error');
}

/** Re-reads the shown named token's panel and credentials. */
export async function refreshNamed(): Promise<void> {
  const token = named().selected;
  if (!token) return;
  const [info, list] = await Promise.all([invoke('named/status', { token }), invoke('credential/list', { token })]);
  if (named().selected !== token) return;
  if (info.ok) named().set({ info: info.value });
  if (list.ok) named().set({ credentials: list.value });
}

/** Shows a token: a named one by id, or null for the slot token's view. */
export function selectToken(id: TokenId | null): void {
  const isNamed = id !== null && named().tokens.some((e) => e.id === id && !e.isPrimary);
  named().set({ selected: isNamed ? id : null, info: null, credentials: [], query: '', dialog: null });
  if (isNamed) void refreshNamed();
}

function tokensChanged(tokens: ReturnType<typeof named>['tokens']): void {
  named().set({ tokens });
  const selected = named().selected;
  if (selected && !tokens.some((e) => e.id === selected)) selectToken(null);
  // Without a slot token, the window shows the first named one rather than "no token".
  if (!named().selected && !tokens.some((e) => e.isPrimary)) {
    const first = tokens.find((e) => !e.isPrimary);
    if (first) selectToken(first.id);
  }
}

/**
 * The tokens the host held when it sent the page (BootState.tokens): without a slot token the window
 * shows the first named one at once; startNamed loads its panel and list.
 */
export function applyBootTokens(tokens: TokenEntry[]): void {
  const first = tokens.some((e) => e.isPrimary) ? undefined : tokens.find((e) => !e.isPrimary);
  named().set({ tokens, selected: first?.id ?? null });
}

/** Loads the token list and follows main's events. Returns the unsubscribe function. */
export async function startNamed(): Promise<() => void> {
  const offs = [
    on('tokens/changed', tokensChanged),
    on('named/changed', ({ token }) => {
      if (token === named().selected) void refreshNamed();
    }),
    on('touch/needed', (e) =>
      named().set({
        touch: { token: e.token, name: e.name, untilMs: Date.now() + e.secondsLeft * 1000, isCertain: e.isCertain },
      }),
    ),
    on('touch/ended', () => named().set({ touch: null })),
  ];
  const r = await invoke('tokens/list');
  if (r.ok) tokensChanged(r.value);
  // A token shown since the page came (applyBootTokens) still needs its panel and list.
  if (named().selected && named().info === null) void refreshNamed();
  return () => offs.forEach((off) => off());
}

let pinResolver: ((pin: string | null) => void) | null = null;

/** Opens the named token's PIN prompt; resolves with the PIN, or null when cancelled. */
export function askNamedPin(error: ErrorPayload | null): Promise<string | null> {
  const retriesLeft = error?.retriesLeft ?? named().info?.pin.retriesLeft ?? null;
  named().set({ pinPrompt: { retriesLeft, error: error ? errorText(error) : null } });
  pinResolver?.(null);
  return new Promise((resolve) => (pinResolver = resolve));
}

export function answerNamedPin(pin: string | null): void {
  named().set({ pinPrompt: null });
  const resolve = pinResolver;
  pinResolver = null;
  resolve?.(pin);
}

/**
 * Sends a request that may need the PIN: asks first when `isNeeded`, and asks again (showing the tries
 * left) after a wrong PIN or when the token said it needs one. Never resends by itself. Null: cancelled.
 */
export async function withNamedPin<T>(
  isNeeded: boolean,
  send: (pin: string | undefined) => Promise<Result<T>>,
): Promise<Result<T> | null> {
  let pin: string | undefined;
  if (isNeeded) {
    pin = (await askNamedPin(null)) ?? undefined;
    if (pin === undefined) return null;
  }
  for (;;) {
    const r = await send(pin);
    if (r.ok || !['wrong-pin', 'pin-required', 'pin-locked'].includes(r.error.code)) return r;
    if (r.error.code !== 'pin-required') void refreshNamed();
    if (r.error.code === 'pin-locked') return r;
    const next = await askNamedPin(r.error.code === 'pin-required' ? null : r.error);
    if (next === null) return null;
    pin = next;
  }
}

/** Puts a credential's code on the clipboard (the PIN first for a protected one). */
export async function copyCredential(c: CredentialView): Promise<void> {
  const token = named().selected;
  if (!token) return;
  const r = await withNamedPin(c.isPinProtected, (pin) =>
    invoke('credential/copy', { token, name: c.name, ...(pin !== undefined ? { pin } : {}) }),
  );
  if (!r) return;
  if (r.ok) toast(t('copiedCode'));
  else showNamedError(r.error);
}

/** Lists the PIN-protected credentials too. */
export async function unlockNamed(): Promise<void> {
  const token = named().selected;
  if (!token) return;
  const r = await withNamedPin(true, (pin) => invoke('credential/unlock', { token, pin: pin ?? '' }));
  if (r?.ok) named().set({ credentials: r.value });
  else if (r) showNamedError(r.error);
  void refreshNamed();
}

export async function lockNamed(): Promise<void> {
  const token = named().selected;
  if (!token) return;
  const r = await invoke('credential/lock', { token });
  if (r.ok) named().set({ credentials: r.value });
  void refreshNamed();
}

/** Copies a login, password or comment (the PIN first for a protected credential). */
export async function copyField(c: CredentialView, field: 'login' | 'password' | 'comment'): Promise<void> {
  const token = named().selected;
  if (!token) return;
  const r = await withNamedPin(c.isPinProtected, (pin) =>
    invoke('credential/copy-field', { token, name: c.name, field, ...(pin !== undefined ? { pin } : {}) }),
  );
  if (!r) return;
  if (r.ok) toast(t('fieldCopied', { n: Math.round(r.value.clearsInMs / 1000) }));
  else showNamedError(r.error);
}
