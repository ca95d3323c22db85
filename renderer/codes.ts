/**
 * Codes in view (issue 13): which TOTP codes are due, when the next step begins, and the actions
 * that show, reveal and copy codes. One 'otp/codes' request per step for the slots whose step
 * ended (one GET_CODE per slot in main), only while the window is visible; hidden, the codes are
 * dropped. PIN-protected tokens and HOTP slots show codes only when asked (a HOTP reveal uses the
 * next counter value, and the toast says so).
 */
import type { ShownCode, SlotRef, SlotSummary, TokenInfo } from '../electron/ipc/contract';
import { copyCode, showError, withPin } from './actions';
import { invoke } from './api';
import { t } from './i18n';
import { selectVisibleSlots, slotKey, useKeyslotStore } from './store';

const store = () => useKeyslotStore.getState();

/** True when the token makes codes without the user PIN: then TOTP codes are shown by themselves. */
export function isAutoShown(token: TokenInfo | null): boolean {
  return token !== null && !token.isUserPinRequiredForCodes;
}

/** TOTP slots whose code is missing or whose step has ended at `nowMs`. */
export function dueSlots(slots: SlotSummary[], codes: Record<string, ShownCode>, nowMs: number): SlotRef[] {
  return slots
    .filter((s) => s.slot.kind === 'totp')
    .filter((s) => {
      const c = codes[slotKey(s.slot)];
      return !c || (c.validUntilMs ?? 0) <= nowMs;
    })
    .map((s) => s.slot);
}

/** When the next shown TOTP code goes stale (ms since the epoch), or null when none is shown. */
export function nextStepMs(codes: Record<string, ShownCode>): number | null {
  let next: number | null = null;
  for (const c of Object.values(codes)) {
    if (c.validUntilMs !== undefined && (next === null || c.validUntilMs < next)) next = c.validUntilMs;
  }
  return next;
}

/** The shown code of `slot` while it is still good at `nowMs`, else null. */
export function shownCode(codes: Record<string, ShownCode>, slot: SlotRef, nowMs: number): string | null {
  const c = codes[slotKey(slot)];
  if (!c) return null;
  if (c.validUntilMs !== undefined && c.validUntilMs <= nowMs) return null;
  return c.code;
}

let inFlight: Promise<void> | null = null;
/** The request each due slot's code is on, by slotKey, while it is in flight. */
const pending = new Map<string, Promise<void>>();

/**
 * Asks main for the due TOTP codes (at most one refresh at a time): those matching the search
 * first, in a request of their own, so that Enter on a match just typed waits only for its own
 * code; the rest in a second request, which main answers after the first.
 */
export function refreshCodes(nowMs: number = Date.now()): Promise<void> {
  if (inFlight) return inFlight;
  const s = store();
  if (!isAutoShown(s.token)) return Promise.resolve();
  const due = dueSlots(s.slots, s.codes, nowMs);
  if (due.length === 0) return Promise.resolve();
  const matching = new Set(selectVisibleSlots(s).map((v) => slotKey(v.slot)));
  const first = due.filter((d) => matching.has(slotKey(d)));
  const rest = due.filter((d) => !matching.has(slotKey(d)));
  const asks = [first, rest]
    .filter((slots) => slots.length > 0)
    .map((slots) => {
      const ask = invoke('otp/codes', { slots }).then((r) => {
        // A window hidden meanwhile keeps no codes.
        if (r.ok && !isHidden()) store().setCodes(r.value);
      });
      for (const slot of slots) pending.set(slotKey(slot), ask);
      return ask;
    });
  inFlight = Promise.all(asks)
    .then(() => undefined)
    .finally(() => {
      inFlight = null;
      pending.clear();
    });
  return inFlight;
}

function isHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/** Shows one slot's code on request: HOTP (advances the counter) or a token that needs the PIN. */
export async function revealCode(slot: SlotRef): Promise<void> {
  const when = store().token?.isUserPinRequiredForCodes ? 'unless-held' : 'on-demand';
  const r = await withPin(
    'user',
    (userPin) => invoke('otp/codes', userPin ? { slots: [slot], userPin } : { slots: [slot] }),
    when,
  );
  if (!r) return;
  if (!r.ok) return showError(r.error);
  store().setCodes(r.value);
  const counter = r.value[0]?.counter;
  if (counter !== undefined) {
    store().setSlots(store().slots.map((s) => (slotKey(s.slot) === slotKey(slot) ? { ...s, counter } : s)));
    store().toast(t('revealedHotp', { c: counter }));
  }
}

/**
 * Copies a slot's code: the one shown, if still good (no token round trip), else a fresh one
 * from the token (a HOTP slot then advances, as a copy always did).
 */
export async function copySlot(slot: SlotRef): Promise<boolean> {
  // This slot's code on its way (the window just opened, or a step just began): the token is busy
  // making it, so waiting for that request is sooner than queueing a code of its own behind it.
  const ask = slot.kind === 'totp' ? pending.get(slotKey(slot)) : undefined;
  if (ask) await ask.catch(() => undefined);
  const code = shownCode(store().codes, slot, Date.now());
  if (code !== null) {
    const r = await invoke('otp/copy-shown', { slot, code });
    if (r.ok) {
      const tail = r.value.clearsInMs > 0 ? ` ${t('clears', { s: Math.round(r.value.clearsInMs / 1000) })}` : '';
      store().toast(t('copiedCode') + tail);
      return true;
    }
    // Gone stale in between: ask the token instead.
  }
  return copyCode(slot);
}

/** Forgets the shown codes (window hidden, locked, token gone). */
export function forgetCodes(): void {
  store().clearCodes();
}
