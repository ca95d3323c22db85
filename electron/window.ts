/**
 * The main window, locked down: context isolation, sandbox, no Node, a strict CSP, no remote
 * content, navigation, new windows, webviews and permission requests all refused.
 */
import { BrowserWindow, session, type WebContents, type WebFrameMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the built renderer lives next to main.cjs (dist/app/renderer). */
export function rendererUrl(appDir: string): string {
  return pathToFileURL(join(appDir, 'renderer', 'index.html')).href;
}

/** Applies the CSP header and refuses every permission (clipboard goes through main). */
export function hardenSession(): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"],
      },
    });
  });
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  // No remote content: only our own files load.
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('file://') && !details.url.startsWith('devtools://') }));
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
  lockDown(win.webContents, rendererUrl(appDir));
  void win.loadURL(rendererUrl(appDir));
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

/** True if an IPC message came from our window's top frame showing our page. */
export function isOurFrame(win: BrowserWindow | null, frame: WebFrameMain | null | undefined, appDir: string): boolean {
  if (!win || win.isDestroyed() || !frame) return false;
  return frame === win.webContents.mainFrame && frame.url === rendererUrl(appDir);
}
