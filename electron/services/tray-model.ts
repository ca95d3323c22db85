/**
 * The tray menu as data: programmed OTP slots by name (TOTP, then HOTP), then the unlocked
 * password-safe entries, then Open window, Lock, Quit. main.ts turns it into an Electron Menu;
 * tests read it as it is.
 */
import type { PwsState, SlotRef, SlotSummary, TokenInfo } from '../ipc/contract';
import { sortSlots } from './slot-service';

export type TrayAction =
  | { type: 'copy-otp'; slot: SlotRef }
  | { type: 'copy-pws'; index: number; field: 'password' }
  /** A named token's credential (tray-named.ts). */
  | { type: 'copy-named'; token: string; name: string }
  | { type: 'open-window' }
  | { type: 'open-picker' }
  | { type: 'lock' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'action'; label: string; action: TrayAction; isEnabled: boolean }
  | { kind: 'header'; label: string }
  | { kind: 'separator' };

export interface TrayStrings {
  noToken: string;
  virtualSuffix: string;
  codes: string;
  passwords: string;
  noSlots: string;
  pinned: string;
  picker: string;
  /** The notification after a tray copy: {name}, {s} seconds. */
  copiedClears: string;
  /** The same when the clipboard is never cleared: {name}. */
  copied: string;
  open: string;
  lock: string;
  quit: string;
}

export const TRAY_STRINGS: Record<'en' | 'de', TrayStrings> = {
  en: {
    noToken: 'No token plugged in',
    virtualSuffix: ' (virtual)',
    codes: 'Copy code',
    passwords: 'Copy password',
    noSlots: 'No programmed slots',
    pinned: 'Pinned',
    picker: 'Quick picker…',
    copiedClears: 'Code for {name} copied, clears in {s} s',
    copied: 'Code for {name} copied',
    open: 'Open window',
    lock: 'Lock token',
    quit: 'Quit keyslot',
  },
  de: {
    noToken: 'Kein Token eingesteckt',
    virtualSuffix: ' (virtuell)',
    codes: 'Code kopieren',
    passwords: 'Passwort kopieren',
    noSlots: 'Keine programmierten Slots',
    pinned: 'Angeheftet',
    picker: 'Schnellauswahl…',
    copiedClears: 'Code für {name} kopiert, wird in {s} s gelöscht',
    copied: 'Code für {name} kopiert',
    open: 'Fenster öffnen',
    lock: 'Token sperren',
    quit: 'keyslot beenden',
  },
};

const MODEL_NAMES = { pro: 'Nitrokey Pro', storage: 'Nitrokey Storage', librem: 'Librem Key' } as const;

/** The settings' key of a pinned slot: "SERIAL/KIND/INDEX". */
export function pinKey(serial: string, slot: SlotRef): string {
  return `${serial}/${slot.kind}/${slot.index}`;
}

/** The notification text after a copy from the tray. */
export function trayCopyNotice(name: string, clearsInMs: number, s: TrayStrings): string {
  const text = clearsInMs > 0 ? s.copiedClears : s.copied;
  return text.replace('{name}', name).replace('{s}', String(Math.round(clearsInMs / 1000)));
}

/** Extras of the menu: pinned slots (pinKey) listed first, and the quick picker's item. */
export interface TrayOptions {
  pinned?: readonly string[];
  hasPicker?: boolean;
  /** Named tokens' items (tray-named.ts), listed after the slot token's. */
  named?: TrayItem[];
}

/** Builds the tray menu for the current state. */
export function buildTrayMenu(
  token: TokenInfo | null,
  slots: SlotSummary[],
  pws: PwsState,
  s: TrayStrings,
  opts: TrayOptions = {},
): TrayItem[] {
  const tail: TrayItem[] = [
    { kind: 'separator' },
    ...(opts.hasPicker && token
      ? [{ kind: 'action', label: s.picker, action: { type: 'open-picker' }, isEnabled: true } as const]
      : []),
    { kind: 'action', label: s.open, action: { type: 'open-window' }, isEnabled: true },
    { kind: 'action', label: s.lock, action: { type: 'lock' }, isEnabled: token !== null },
    { kind: 'action', label: s.quit, action: { type: 'quit' }, isEnabled: true },
  ];
  const named = opts.named ?? [];
  if (!token) return named.length > 0 ? [...named.slice(1), ...tail] : [{ kind: 'header', label: s.noToken }, ...tail];
  const items: TrayItem[] = [
    { kind: 'header', label: `${MODEL_NAMES[token.model]}${token.isVirtual ? s.virtualSuffix : ''}` },
    { kind: 'separator' },
  ];
  const sorted = sortSlots(slots);
  const pinned = new Set(opts.pinned ?? []);
  const isPinned = (x: SlotSummary) => pinned.has(pinKey(token.serial, x.slot));
  const slotItem = (slot: SlotSummary): TrayItem => ({
    kind: 'action',
    label: `${slot.name} (${slot.slot.kind.toUpperCase()})`,
    action: { type: 'copy-otp', slot: slot.slot },
    isEnabled: true,
  });
  const first = sorted.filter(isPinned);
  if (first.length > 0) items.push({ kind: 'header', label: s.pinned }, ...first.map(slotItem), { kind: 'separator' });
  const rest = sorted.filter((x) => !isPinned(x));
  if (sorted.length === 0) items.push({ kind: 'header', label: s.noSlots });
  else if (rest.length > 0) items.push({ kind: 'header', label: s.codes });
  items.push(...rest.map(slotItem));
  if (pws.isUnlocked && pws.entries.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'header', label: s.passwords });
    for (const e of [...pws.entries].sort((a, b) => a.index - b.index)) {
      items.push({
        kind: 'action',
        label: e.name,
        action: { type: 'copy-pws', index: e.index, field: 'password' },
        isEnabled: true,
      });
    }
  }
  return [...items, ...named, ...tail];
}
