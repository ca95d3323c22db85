/**
 * Electron's side of issue 13, glue only: the quick picker's window and global shortcut, the
 * notification after a tray copy, and start at login. The decisions live in services
 * (shortcut-service.ts, autostart-service.ts, tray-model.ts); this file makes the Electron calls.
 */
import { app, globalShortcut, Notification, type BrowserWindow, type WebFrameMain } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PICKER_URL } from './app-scheme';
import type { Settings } from './ipc/contract';
import type { Logger } from './ipc/serve';
import { AutostartService } from './services/autostart-service';
import { ShortcutService } from './services/shortcut-service';
import { createPickerWindow, isOurFrame } from './window';

/** True in a Wayland session, where shortcuts go through the GlobalShortcuts portal. */
export function isWaylandSession(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || !!env.WAYLAND_DISPLAY);
}

/**
 * Chromium features to turn on before ready: on Wayland, screen capture through PipeWire
 * (capture.ts) and global shortcuts through the portal (Electron's globalShortcut docs).
 */
export function waylandFeatures(env: NodeJS.ProcessEnv = process.env): string | null {
  return isWaylandSession(env) ? 'WebRTCPipeWireCapturer,GlobalShortcutsPortal' : null;
}

export interface QuickAccess {
  /** Shows the picker (creating its window the first time) and focuses it. */
  openPicker(): void;
  /** Hides the picker; false when it was not shown. */
  closePicker(): boolean;
  /** The picker's window while it exists (main sends it events too). */
  pickerWindow(): BrowserWindow | null;
  /** True if an IPC request came from the picker's page. */
  isPickerFrame(frame: WebFrameMain | null | undefined): boolean;
  shortcut: ShortcutService;
  /** Applies the settings that concern this file (shortcut, start at login). */
  applySettings(s: Settings, previous: Settings | null): void;
  /** The notification after a copy from the tray. */
  notify(body: string): void;
  dispose(): void;
}

export function createQuickAccess(appDir: string, log: Logger): QuickAccess {
  let picker: BrowserWindow | null = null;
  const isAlive = (w: BrowserWindow | null): w is BrowserWindow => w !== null && !w.isDestroyed();
  const openPicker = () => {
    if (!isAlive(picker)) {
      picker = createPickerWindow(appDir);
      // A picker left behind another window is in the way: it goes when it loses the focus.
      picker.on('blur', () => picker?.hide());
    }
    picker.show();
    picker.focus();
  };
  const shortcut = new ShortcutService(
    {
      register: (accelerator, onPress) => globalShortcut.register(accelerator, onPress),
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
    },
    { isWayland: isWaylandSession(), hasPortalFeature: waylandFeatures() !== null },
    openPicker,
  );
  const autostart = new AutostartService({
    platform: process.platform,
    fs: { mkdir, writeFile: (path, text) => writeFile(path, text, 'utf8'), rm },
    configHome: process.env.XDG_CONFIG_HOME || join(homedir(), '.config'),
    // Unpackaged, Electron's binary runs main.mjs; packaged, the binary is the app.
    command: { path: process.execPath, args: app.isPackaged ? [] : [join(appDir, 'main.mjs')] },
    setLoginItem: (isOn) => app.setLoginItemSettings({ openAtLogin: isOn }),
  });
  return {
    openPicker,
    closePicker() {
      if (!isAlive(picker) || !picker.isVisible()) return false;
      picker.hide();
      return true;
    },
    pickerWindow: () => (isAlive(picker) ? picker : null),
    isPickerFrame: (frame) => isOurFrame(picker, frame, PICKER_URL),
    shortcut,
    applySettings(s, previous) {
      const status = shortcut.apply(s);
      if (!status.isRegistered && status.problem !== 'off')
        log.warn(`quick picker shortcut ${s.pickerShortcut} not registered: ${status.problem}`);
      // At start only when on (rewrites the entry with this binary's path); later on each change.
      if (previous ? previous.isStartAtLogin !== s.isStartAtLogin : s.isStartAtLogin) {
        autostart.apply(s.isStartAtLogin).catch((e: Error) => log.warn(`start at login: ${e.message}`));
      }
    },
    notify(body) {
      if (!Notification.isSupported()) return;
      new Notification({ title: 'keyslot', body, silent: true }).show();
    },
    dispose() {
      shortcut.release();
      if (isAlive(picker)) picker.destroy();
    },
  };
}
