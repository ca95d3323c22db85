/**
 * The quick picker's global shortcut (issue 13): checks the accelerator, registers it through a
 * port (Electron's globalShortcut in the app, a fake in tests) and says why when it cannot.
 * On Wayland, Electron registers through the xdg-desktop-portal GlobalShortcuts interface once
 * Chromium's GlobalShortcutsPortal feature is on (main.ts turns it on before ready; Electron's
 * docs/api/global-shortcut.md); without a portal, or where the desktop refuses, the person learns
 * why in Settings and the tray still opens the picker.
 */
import type { ShortcutStatus, Settings } from '../ipc/contract';

/** Electron's globalShortcut, as far as this service uses it. */
export interface GlobalShortcutPort {
  /** False when the system or another program holds the combination. */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface ShortcutEnvironment {
  /** A Wayland session: shortcuts only through the portal. */
  isWayland: boolean;
  /** Whether the GlobalShortcutsPortal feature was turned on (it is, on Wayland, in main.ts). */
  hasPortalFeature: boolean;
}

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);
const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
]);

/**
 * True for an accelerator a global shortcut may use (Electron's accelerator syntax): modifiers
 * joined by "+", then one key; at least one modifier besides Shift, so typing is never taken.
 */
export function isUsableAccelerator(text: string): boolean {
  const parts = text.split('+').map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '')) return false;
  const key = parts[parts.length - 1].toLowerCase();
  const mods = parts.slice(0, -1).map((p) => p.toLowerCase());
  if (!mods.every((m) => MODIFIERS.has(m)) || new Set(mods).size !== mods.length) return false;
  if (mods.every((m) => m === 'shift')) return false;
  return (
    /^[a-z0-9]$/.test(key) || /^f([1-9]|1\d|2[0-4])$/.test(key) || NAMED_KEYS.has(key) || /^[-=[\];',./`\\]$/.test(key)
  );
}

export class ShortcutService {
  private registered: string | null = null;
  private current: ShortcutStatus = { accelerator: '', isRegistered: false, problem: 'off' };

  constructor(
    private readonly port: GlobalShortcutPort | null,
    private readonly env: ShortcutEnvironment,
    private readonly onPress: () => void,
  ) {}

  /** Registers the settings' shortcut (dropping the previous one) and returns the outcome. */
  apply(settings: Pick<Settings, 'pickerShortcut' | 'isPickerShortcutOn'>): ShortcutStatus {
    const accelerator = settings.pickerShortcut;
    if (this.registered !== null && this.registered === accelerator && settings.isPickerShortcutOn) return this.current;
    this.release();
    this.current = this.register(accelerator, settings.isPickerShortcutOn);
    return this.status();
  }

  status(): ShortcutStatus {
    return { ...this.current };
  }

  /** Drops the registration (quit, or the setting was turned off). */
  release(): void {
    if (this.registered !== null) this.port?.unregister(this.registered);
    this.registered = null;
  }

  private register(accelerator: string, isOn: boolean): ShortcutStatus {
    const off = (problem: ShortcutStatus['problem']): ShortcutStatus => ({ accelerator, isRegistered: false, problem });
    if (!isOn) return off('off');
    if (!isUsableAccelerator(accelerator)) return off('invalid');
    if (!this.port) return off('unsupported');
    if (this.env.isWayland && !this.env.hasPortalFeature) return off('wayland-no-portal');
    let isDone: boolean;
    try {
      isDone = this.port.register(accelerator, this.onPress);
    } catch {
      // Electron throws for an accelerator it cannot parse.
      return off('invalid');
    }
    if (!isDone) return off(this.env.isWayland ? 'wayland-no-portal' : 'taken');
    this.registered = accelerator;
    return { accelerator, isRegistered: true };
  }
}
