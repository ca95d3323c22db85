/**
 * The main window, locked down: context isolation, sandbox, no Node, a strict CSP, no remote
 * content, navigation, new windows, webviews and permission requests all refused. The page comes
 * from keyslot://app/ (our own scheme, served by main from dist/app/renderer), not from file://:
 * a standard, secure origin of its own for 'self' in the CSP and for ES modules, and V8's code
 * cache for the app's scripts between starts.
 */
import { BrowserWindow, protocol, session, type WebContents, type WebFrameMain } from 'electron';
import { join } from 'node:path';
import { APP_SCHEME, PICKER_URL, RENDERER_URL, WINDOW_CSP, appSchemeResponse, isAllowedUrl } from './app-scheme';
import type { RendererReply } from './renderer-files';

/** Before the app is ready: keyslot:// is a standard, secure scheme whose scripts V8 may cache. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } },
  ]);
}

/** Serves keyslot://app/ with `files` (after the app is ready). */
export function serveAppScheme(files: (pathname: string, withBoot: boolean) => Promise<RendererReply>): void {
  protocol.handle(APP_SCHEME, (request) => appSchemeResponse(request.url, files));
}

/** Applies the CSP header and refuses every permission (clipboard goes through main). */
export function hardenSession(): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WINDOW_CSP] } });
  });
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  // No remote content: only our own files load.
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url) }));
}

/** Creates the window; `show` false when starting minimized to the tray. */
export function createMainWindow(appDir: string, show: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1000,
    height: 700,
    minWidth: 420,
    minHeight: 400,
    show,
    title: 'keyslot',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(appDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click could otherwise open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDown(win.webContents, RENDERER_URL);
  void win.loadURL(RENDERER_URL);
  return win;
}

/**
 * The quick picker (issue 13): a small window over every other, without a frame or a taskbar
 * entry, locked down like the main window. Created hidden; main shows it on the shortcut.
 */
export function createPickerWindow(appDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 460,
    height: 340,
    show: false,
    frame: false,
    resizable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    center: true,
    title: 'keyslot',
    // The main window's preferences, written out again on purpose: electronegativity (npm run
    // lint:electron) reads the literal passed to new BrowserWindow, not a shared helper's result.
    webPreferences: {
      preload: join(appDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.setAlwaysOnTop(true, 'pop-up-menu');
  lockDown(win.webContents, PICKER_URL);
  void win.loadURL(PICKER_URL);
  return win;
}

function lockDown(wc: WebContents, ownUrl: string): void {
  wc.on('will-navigate', (event, url) => {
    if (url !== ownUrl) event.preventDefault();
  });
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** True if an IPC message came from our window's top frame showing our page (`url`: the picker's for the picker). */
export function isOurFrame(
  win: BrowserWindow | null,
  frame: WebFrameMain | null | undefined,
  url: string = RENDERER_URL,
): boolean {
  if (!win || win.isDestroyed() || !frame) return false;
  return frame === win.webContents.mainFrame && frame.url === url;
}
