/**
 * The tray's part for named-credential tokens (a Nitrokey 3) beside the slot token's (tray-model.ts): each
 * token's credentials that make codes, and the words of the touch notification. Credentials protected by the
 * PIN stay out (the tray cannot ask for a PIN). Pure data; main.ts builds the menu and the notification.
 */
import type { CredentialView, TokenEntry } from '../ipc/contract';
import type { TrayItem } from './tray-model';

/** A named token as the tray lists it. */
export interface NamedTrayToken {
  entry: TokenEntry;
  credentials: CredentialView[];
}

export interface NamedTrayStrings {
  /** "Nitrokey 3", with a virtual suffix where it applies. */
  model: string;
  virtualSuffix: string;
  touchSuffix: string;
  noCredentials: string;
  /** The notification while the token waits for its button; {name} may be empty. */
  touchNotice: string;
  touchNoticeFor: string;
}

export const NAMED_TRAY_STRINGS: Record<'en' | 'de', NamedTrayStrings> = {
  en: {
    model: 'Nitrokey 3',
    virtualSuffix: ' (virtual)',
    touchSuffix: ' — touch',
    noCredentials: 'No credentials',
    touchNotice: 'Touch your Nitrokey 3',
    touchNoticeFor: 'Touch your Nitrokey 3 for {name}',
  },
  de: {
    model: 'Nitrokey 3',
    virtualSuffix: ' (virtuell)',
    touchSuffix: ' — Berührung',
    noCredentials: 'Keine Einträge',
    touchNotice: 'Berühren Sie Ihren Nitrokey 3',
    touchNoticeFor: 'Berühren Sie Ihren Nitrokey 3 für {name}',
  },
};

/** Menu items for the named tokens: a header per token, then its code-making credentials by name. */
export function buildNamedTrayItems(tokens: NamedTrayToken[], s: NamedTrayStrings): TrayItem[] {
  const items: TrayItem[] = [];
  for (const { entry, credentials } of tokens) {
    items.push({ kind: 'separator' }, { kind: 'header', label: `${s.model}${entry.isVirtual ? s.virtualSuffix : ''}` });
    const usable = credentials
      .filter((c) => (c.kind === 'totp' || c.kind === 'hotp') && !c.isPinProtected)
      .sort((a, b) => a.name.localeCompare(b.name));
    if (usable.length === 0) items.push({ kind: 'header', label: s.noCredentials });
    for (const c of usable)
      items.push({
        kind: 'action',
        label: `${c.name} (${c.kind.toUpperCase()})${c.isTouchRequired ? s.touchSuffix : ''}`,
        action: { type: 'copy-named', token: entry.id, name: c.name },
        isEnabled: true,
      });
  }
  return items;
}

/** The notification text while a token waits for its button. */
export function touchNotice(name: string | undefined, s: NamedTrayStrings): string {
  return name ? s.touchNoticeFor.replace('{name}', name) : s.touchNotice;
}
