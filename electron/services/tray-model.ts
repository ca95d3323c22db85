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
  | { type: 'open-window' }
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
    open: 'Fenster öffnen',
    lock: 'Token sperren',
    quit: 'keyslot beenden',
  },
};

const MODEL_NAMES = { pro: 'Nitrokey Pro', storage: 'Nitrokey Storage', librem: 'Librem Key' } as const;

/** Builds the tray menu for the current state. */
export function buildTrayMenu(
  token: TokenInfo | null,
  slots: SlotSummary[],
  pws: PwsState,
  s: TrayStrings,
): TrayItem[] {
  const tail: TrayItem[] = [
    { kind: 'separator' },
    { kind: 'action', label: s.open, action: { type: 'open-window' }, isEnabled: true },
    { kind: 'action', label: s.lock, action: { type: 'lock' }, isEnabled: token !== null },
    { kind: 'action', label: s.quit, action: { type: 'quit' }, isEnabled: true },
  ];
  if (!token) return [{ kind: 'header', label: s.noToken }, ...tail];
  const items: TrayItem[] = [
    { kind: 'header', label: `${MODEL_NAMES[token.model]}${token.isVirtual ? s.virtualSuffix : ''}` },
    { kind: 'separator' },
  ];
  const sorted = sortSlots(slots);
  if (sorted.length === 0) items.push({ kind: 'header', label: s.noSlots });
  else items.push({ kind: 'header', label: s.codes });
  for (const slot of sorted) {
    items.push({
      kind: 'action',
      label: `${slot.name} (${slot.slot.kind.toUpperCase()})`,
      action: { type: 'copy-otp', slot: slot.slot },
      isEnabled: true,
    });
  }
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
  return [...items, ...tail];
}
