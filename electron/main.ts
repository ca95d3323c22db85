/**
 * Electron's main process: glue only (style guide §1). One instance; the locked-down window; the
 * contract served over ipcMain through `serve`; the tray; the clipboard cleared on quit.
 * Device choice: `--device auto|hid|virtual[:STATEFILE]` or KEYSLOT_DEVICE (default auto).
 */
import { app, type BrowserWindow, clipboard, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_PREFIX, REQUEST_CHANNELS, type Events, type PwsState, type RequestChannel } from './ipc/contract';
import { serve, type Logger } from './ipc/serve';
import { PWS_CAPACITY } from '../shared/constants';
import { createAppServices } from './services/app-services';
import { followHid, followVirtual, openVirtual, parseDeviceSpec } from './services/discovery';
import { fileSettingsStore } from './services/file-settings-store';
import { TRAY_STRINGS, trayCopyNotice, type TrayAction } from './services/tray-model';
import { followNamedHid } from './services/named-discovery';
import { NAMED_TRAY_STRINGS, buildNamedTrayItems, touchNotice, type NamedTrayToken } from './services/tray-named';
import { createQuickAccess, waylandFeatures } from './quick-access';
import { writePrivateText } from './private-clipboard';
import { electronCapture } from './capture';
import type { FileDialogPort } from './services/import-ports';
import { createTray, type TrayState } from './tray';
import { loadPrerender, rendererFiles } from './renderer-files';
import { WINDOW_CSP } from './app-scheme';
import { createMainWindow, hardenSession, isOurFrame, registerAppScheme, serveAppScheme } from './window';

/** dist/app: main.mjs, preload.cjs, icon.png and renderer/ sit together. */
const appDir = dirname(fileURLToPath(import.meta.url));
const log: Logger = {
  info: (m) => console.log(`[keyslot] ${m}`),
  warn: (m) => console.warn(`[keyslot] ${m}`),
  error: (m) => console.error(`[keyslot] ${m}`),
};

// On Wayland, screen capture (electron/capture.ts) and global shortcuts (quick-access.ts) work
// only through xdg-desktop-portal: PipeWire capture and the GlobalShortcuts portal.
const features = waylandFeatures();
if (features) app.commandLine.appendSwitch('enable-features', features);

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(run);
}

function deviceArg(): string {
  const i = process.argv.indexOf('--device');
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? process.env.KEYSLOT_DEVICE ?? 'auto';
}

async function run(): Promise<void> {
  hardenSession();
  const spec = parseDeviceSpec(deviceArg()) ?? { kind: 'auto' as const };
  const userData = app.getPath('userData');
  const virtualState =
    spec.kind === 'virtual' && spec.stateFile ? spec.stateFile : join(userData, 'virtual-token.json');
  let win: BrowserWindow | null = null;
  let isQuitting = false;
  let isReadyToQuit = false;
  let tray: ReturnType<typeof createTray> = null;
  const trayState: TrayState = {
    token: null,
    slots: [],
    pws: { isUnlocked: false, hasKey: true, entries: [], capacity: PWS_CAPACITY } as PwsState,
  };

  const emit = <E extends keyof Events>(event: E, payload: Events[E]) => {
    if (event === 'token/attached' || event === 'token/changed') trayState.token = payload as Events['token/changed'];
    if (event === 'token/detached')
      Object.assign(trayState, { token: null, slots: [], pws: { ...trayState.pws, isUnlocked: false, entries: [] } });
    if (event === 'slot/changed') trayState.slots = payload as Events['slot/changed'];
    if (event === 'pws/changed') trayState.pws = payload as Events['pws/changed'];
    // Named tokens (issue 12): their credentials in the tray, and the touch prompt as a notification.
    if (event === 'tokens/changed' || event === 'named/changed') void Promise.resolve().then(refreshNamedTray);
    if (event === 'touch/needed')
      quick.notify(touchNotice((payload as Events['touch/needed']).name, NAMED_TRAY_STRINGS[language()]));
    if (win && !win.isDestroyed()) win.webContents.send(CHANNEL_PREFIX + event, payload);
    quick.pickerWindow()?.webContents.send(CHANNEL_PREFIX + event, payload);
  };
  const quick = createQuickAccess(appDir, log);
  const stops: (() => void)[] = [];
  const files: FileDialogPort = {
    async choose(purpose, suggestedName) {
      const owner = win && !win.isDestroyed() ? win : undefined;
      if (purpose === 'backup-open') {
        const options = {
          title: 'Open a keyslot backup',
          properties: ['openFile' as const],
          filters: [
            { name: 'keyslot backup', extensions: ['keyslot-backup', 'json'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const r = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      }
      const isSheet = purpose === 'sheet-save';
      const options = {
        title: isSheet ? 'Save the recovery sheet' : 'Save the encrypted backup',
        defaultPath: join(
          app.getPath('documents'),
          suggestedName ?? (isSheet ? 'keyslot-recovery-sheet.html' : 'keyslot.keyslot-backup'),
        ),
        filters: isSheet
          ? [{ name: 'Web page', extensions: ['html'] }]
          : [{ name: 'keyslot backup', extensions: ['keyslot-backup'] }],
      };
      const r = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
  const services = createAppServices({
    emit,
    capture: electronCapture,
    files,
    clipboard: {
      // Codes and passwords carry the markers clipboard managers honour (issue 13).
      writeText: (t) => writePrivateText(t, log),
      readText: () => clipboard.readText(),
      // Electron 45's clipboard is the W3C-style async one (no readImage): the PNG of the first image item.
      readImage: async () => {
        for (const item of await clipboard.read()) {
          if (item.types.includes('image/png'))
            return new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
        }
        return null;
      },
    },
    settingsStore: fileSettingsStore(join(userData, 'settings.json')),
    openVirtual: async () => {
      const { virtual, transport } = await openVirtual(virtualState);
      stops.push(followVirtual(services.session, virtual, virtualState, announceAll, { isAttached: true }));
      return transport;
    },
    appInfo: () => ({ version: app.getVersion(), host: 'electron', hasTray: tray !== null, locale: app.getLocale() }),
    picker: { shortcutStatus: () => quick.shortcut.status(), close: () => quick.closePicker() },
    log,
  });
  const settings = await services.settings.load();
  let applied = settings;
  quick.applySettings(settings, null);
  services.settings.onChange((s) => {
    quick.applySettings(s, applied);
    applied = s;
  });
  const announceAll = () => {
    void services.slots.announce().catch(() => undefined);
    void services.pws.announce().catch(() => undefined);
  };

  // The window's page, with its first data and first HTML (renderer-files.ts).
  serveAppScheme(
    rendererFiles({
      rendererDir: join(appDir, 'renderer'),
      csp: WINDOW_CSP,
      bootState: () => services.bootState(),
      prerender: await loadPrerender(join(appDir, 'prerender.mjs'), log),
      log,
    }),
  );
  const dispatch = serve(services.handlers, {
    isTrustedSender: (frame) =>
      isOurFrame(win, frame as IpcMainInvokeEvent['senderFrame']) ||
      quick.isPickerFrame(frame as IpcMainInvokeEvent['senderFrame']),
    log,
  });
  for (const channel of Object.keys(REQUEST_CHANNELS) as RequestChannel[]) {
    ipcMain.handle(CHANNEL_PREFIX + channel, (event, ...args: unknown[]) => dispatch(channel, event.senderFrame, args));
  }

  const showWindow = () => {
    if (!win || win.isDestroyed()) win = openWindow(true);
    win.show();
    win.focus();
  };
  const onTrayAction = (a: TrayAction) => {
    const report = (p: Promise<unknown>) => void p.catch((e: Error) => log.warn(`tray: ${e.message}`));
    if (a.type === 'copy-otp') {
      const name = trayState.slots.find((x) => x.slot.kind === a.slot.kind && x.slot.index === a.slot.index)?.name;
      report(
        services.slots.copy(a.slot).then((r) => {
          if (name && services.settings.get().isTrayCopyNotified)
            quick.notify(trayCopyNotice(name, r.clearsInMs, TRAY_STRINGS[language()]));
        }),
      );
    } else if (a.type === 'open-picker') quick.openPicker();
    else if (a.type === 'copy-pws') report(services.pws.copy(a.index, a.field));
    else if (a.type === 'copy-named')
      report(
        services.tokens.credentials.copy(a.token, a.name).then((r) => {
          if (services.settings.get().isTrayCopyNotified)
            quick.notify(trayCopyNotice(a.name, r.clearsInMs, TRAY_STRINGS[language()]));
        }),
      );
    else if (a.type === 'open-window') showWindow();
    else if (a.type === 'lock') report(services.handlers['token/lock']() as Promise<unknown>);
    else app.quit();
  };
  tray = createTray(appDir, onTrayAction);
  const language = () => {
    const l = services.settings.get().language;
    return l === 'de' || (l === 'system' && app.getLocale().startsWith('de')) ? 'de' : 'en';
  };
  let namedTray: NamedTrayToken[] = [];
  async function refreshNamedTray(): Promise<void> {
    const tokens = (await services.tokens.entries()).filter((e) => !e.isPrimary);
    const next: NamedTrayToken[] = [];
    for (const entry of tokens)
      next.push({ entry, credentials: await services.tokens.credentials.list(entry.id).catch(() => []) });
    namedTray = next;
    refreshTray();
  }
  const refreshTray = () =>
    tray?.update(trayState, language(), {
      pinned: services.settings.get().pinnedSlots,
      hasPicker: true,
      named: buildNamedTrayItems(namedTray, NAMED_TRAY_STRINGS[language()]),
    });
  services.session.onChange(refreshTray);
  services.settings.onChange(refreshTray);
  refreshTray();

  function openWindow(show: boolean): BrowserWindow {
    const w = createMainWindow(appDir, show);
    w.on('close', (event) => {
      // Closing keeps the tray (setting); without a tray, closing quits.
      if (!isQuitting && tray && services.settings.get().isCloseToTray) {
        event.preventDefault();
        w.hide();
      }
    });
    return w;
  }
  // Look for the token before the window asks for its first page: the page waits for a token
  // being attached (TokenSession.current), so it does not show "no token" for a moment.
  if (spec.kind === 'virtual') {
    const { virtual } = await openVirtual(virtualState);
    stops.push(followVirtual(services.session, virtual, virtualState, announceAll));
  } else {
    stops.push(followHid(services.session, announceAll, log));
    stops.push(followNamedHid(services.tokens.named, log));
  }
  win = openWindow(!(tray && settings.isStartMinimized));
  app.on('second-instance', showWindow);
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  app.on('before-quit', (event) => {
    if (isReadyToQuit) return;
    // Clear the clipboard first, only if it still holds our value; then quit for real. A quit asked
    // for while that runs waits too: letting it through would leave the code on the clipboard.
    event.preventDefault();
    if (isQuitting) return;
    isQuitting = true;
    for (const stop of stops) stop();
    quick.dispose();
    void services.clipboard
      .clearIfOurs('quit')
      .catch(() => false)
      .then(() => services.session.detach())
      .then(() => services.tokens.named.closeAll())
      .finally(() => {
        isReadyToQuit = true;
        tray?.destroy();
        app.quit();
      });
  });
}
