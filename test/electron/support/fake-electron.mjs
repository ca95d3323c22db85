/**
 * A fake of Electron 45's main-process module, for test/electron/main-shell.test.ts. The built
 * dist/app/main.mjs runs against it in a child Node process (the resolve hook in
 * fake-electron-hooks.mjs maps 'electron' here), so main's wiring runs for real without Chromium.
 * Only the parts main.ts, window.ts, tray.ts and capture.ts use are here.
 *
 * It behaves where Electron's behaviour matters to main: APIs that Electron refuses before ready
 * (BrowserWindow, Tray, session, protocol.handle) or after it (registerSchemesAsPrivileged) throw
 * the same way; a second ipcMain handler for a channel throws; app.quit() runs before-quit, closes
 * the windows and quits unless an event was prevented; loadURL goes through the session's
 * onBeforeRequest and the scheme's protocol handler, then runs the window's preload as a sandboxed
 * preload runs (its own context, a require that knows only 'electron', 'events', 'timers', 'url');
 * IPC payloads are structured clones. Everything it saw is kept in `internals`, which
 * fake-electron-driver.mjs reads and drives for the test.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction, createContext } from 'node:vm';

const nodeRequire = createRequire(import.meta.url);

const calls = [];
const record = (name, extra = {}) => calls.push({ name, isReady: ready.isReady, ...extra });

const ready = { isReady: false, resolve: () => undefined, promise: null };
ready.promise = new Promise((r) => (ready.resolve = r));

function notReadyError(what) {
  return new Error(`${what} before app is ready`);
}

/** An Electron-style event: preventDefault() marks it. */
function makeEvent(extra = {}) {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

// ---- app -------------------------------------------------------------------------------------

const quit = { calls: 0, isQuitting: false, hasQuit: false };

class App extends EventEmitter {
  commandLine = {
    switches: [],
    appendSwitch: (name, value) => {
      record('app.commandLine.appendSwitch', { args: [name, value] });
      this.commandLine.switches.push(value === undefined ? [name] : [name, value]);
    },
  };

  isReady() {
    return ready.isReady;
  }

  whenReady() {
    return ready.promise;
  }

  requestSingleInstanceLock() {
    const isHeld = process.env.KEYSLOT_FAKE_LOCK !== 'taken';
    record('app.requestSingleInstanceLock', { value: isHeld });
    return isHeld;
  }

  getPath(name) {
    const paths = { userData: process.env.KEYSLOT_FAKE_USER_DATA, documents: process.env.KEYSLOT_FAKE_DOCUMENTS };
    const path = paths[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  getVersion() {
    return process.env.KEYSLOT_FAKE_VERSION ?? '0.0.0';
  }

  getLocale() {
    return 'en-US';
  }

  /** Run from source, as the tests do: main.mjs is passed to the binary. */
  isPackaged = false;

  setLoginItemSettings(settings) {
    record('app.setLoginItemSettings', { args: [structuredClone(settings)] });
  }

  /** Electron: before-quit (preventable), then every window's close (preventable), will-quit, quit. */
  quit() {
    quit.calls++;
    record('app.quit');
    if (quit.hasQuit) return;
    const beforeQuit = makeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quit.isQuitting = true;
    for (const win of liveWindows()) {
      if (!win.closeForQuit()) {
        quit.isQuitting = false;
        return;
      }
    }
    const willQuit = makeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quit.isQuitting = false;
      return;
    }
    quit.hasQuit = true;
    this.emit('quit', makeEvent(), 0);
    // Electron ends the process here; the driver reports first.
    if (internals.onQuit) internals.onQuit(() => process.exit(0));
    else process.exit(0);
  }
}

export const app = new App();

// ---- BrowserWindow and webContents -----------------------------------------------------------

const windows = [];
const liveWindows = () => windows.filter((w) => !w.isDestroyed());

class WebContents extends EventEmitter {
  /** One object for the life of the top frame, as Electron hands out one WebFrameMain per frame. */
  mainFrame = { url: '', name: '', isMainFrame: true };
  sent = [];
  windowOpenHandler = null;
  /** What the preload handed to contextBridge.exposeInMainWorld. */
  exposed = {};
  pageListeners = new EventEmitter();
  pageEvents = [];
  preloadError = null;
  #isDestroyed = false;

  send(channel, ...args) {
    if (this.#isDestroyed) throw new Error('Object has been destroyed');
    const payload = structuredClone(args);
    this.sent.push({ channel, payload: payload[0] });
    setImmediate(() => this.pageListeners.emit(channel, { sender: null }, ...payload));
  }

  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }

  isDestroyed() {
    return this.#isDestroyed;
  }

  destroy() {
    this.#isDestroyed = true;
  }
}

let windowIds = 0;

export class BrowserWindow extends EventEmitter {
  #isDestroyed = false;
  #isVisible;
  loads = [];

  static getAllWindows() {
    return liveWindows();
  }

  constructor(options = {}) {
    super();
    if (!ready.isReady) throw notReadyError('Cannot create BrowserWindow');
    record('new BrowserWindow');
    this.id = ++windowIds;
    this.options = options;
    this.#isVisible = options.show !== false;
    this.webContents = new WebContents();
    this.focusCount = 0;
    windows.push(this);
  }

  /** As Chromium does: the session's onBeforeRequest, the scheme's handler, then the preload. */
  async loadURL(url) {
    const load = { url, status: null, contentType: null, error: null };
    this.loads.push(load);
    try {
      if (defaultSession.beforeRequest) {
        const answer = await new Promise((resolve) =>
          defaultSession.beforeRequest({ url, method: 'GET', resourceType: 'mainFrame' }, resolve),
        );
        if (answer?.cancel) throw new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`);
      }
      const scheme = new URL(url).protocol.slice(0, -1);
      const handler = protocolState.handlers.get(scheme);
      if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
      const response = await handler.handler(new Request(url));
      load.status = response.status;
      load.contentType = response.headers.get('content-type');
      load.bodyLength = (await response.text()).length;
      if (!response.ok) throw new Error(`ERR_HTTP_RESPONSE_CODE_FAILURE (-379) loading '${url}'`);
      this.webContents.mainFrame.url = url;
      try {
        runPreload(this);
      } catch (e) {
        // Chromium logs a broken preload and shows the page without it.
        this.webContents.preloadError = String(e?.message ?? e);
        this.webContents.emit('preload-error', makeEvent(), this.options.webPreferences?.preload, e);
      }
      this.webContents.emit('did-finish-load');
    } catch (e) {
      load.error = e.message;
      throw e;
    }
  }

  show() {
    record('win.show');
    this.#isVisible = true;
  }

  hide() {
    record('win.hide');
    this.#isVisible = false;
  }

  focus() {
    this.focusCount++;
  }

  setAlwaysOnTop(flag, level) {
    this.alwaysOnTop = { flag, level };
  }

  isVisible() {
    return this.#isVisible;
  }

  isDestroyed() {
    return this.#isDestroyed;
  }

  /** The window manager's close button: 'close' (preventable), then gone. */
  close() {
    const event = makeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    if (liveWindows().length === 0 && !quit.isQuitting) app.emit('window-all-closed');
    return true;
  }

  closeForQuit() {
    const event = makeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy() {
    if (this.#isDestroyed) return;
    this.#isDestroyed = true;
    this.#isVisible = false;
    this.webContents.destroy();
    this.emit('closed');
  }
}

/** Runs webPreferences.preload as Electron runs a sandboxed preload. */
function runPreload(win) {
  const file = win.options.webPreferences?.preload;
  if (!file) return;
  const wc = win.webContents;
  const ipcRenderer = {
    async invoke(channel, ...args) {
      const handler = ipcState.handlers.get(channel);
      if (!handler)
        throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event = { sender: wc, senderFrame: wc.mainFrame, processId: 1, frameId: 1 };
      try {
        return structuredClone(await handler(event, ...structuredClone(args)));
      } catch (e) {
        throw new Error(`Error invoking remote method '${channel}': ${e}`);
      }
    },
    on(channel, listener) {
      wc.pageListeners.on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      wc.pageListeners.removeListener(channel, listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      wc.exposed[key] = api;
    },
  };
  const sandboxModules = {
    electron: { contextBridge, ipcRenderer },
    events: nodeRequire('node:events'),
    timers: nodeRequire('node:timers'),
    url: nodeRequire('node:url'),
  };
  const sandboxRequire = (id) => {
    const name = id.startsWith('node:') ? id.slice(5) : id;
    if (!Object.hasOwn(sandboxModules, name)) throw new Error(`module not found: ${id}`);
    return sandboxModules[name];
  };
  const module = { exports: {} };
  const run = compileFunction(readFileSync(file, 'utf8'), ['require', 'module', 'exports'], {
    filename: file,
    parsingContext: createContext({}),
  });
  run(sandboxRequire, module, module.exports);
}

// ---- protocol, session, ipcMain --------------------------------------------------------------

const protocolState = { privileged: [], handlers: new Map() };

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged');
    if (ready.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocolState.privileged.push(...structuredClone(schemes));
  },
  handle(scheme, handler) {
    record('protocol.handle', { args: [scheme] });
    if (!ready.isReady) throw notReadyError('protocol.handle');
    if (protocolState.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocolState.handlers.set(scheme, { handler });
  },
  isProtocolHandled(scheme) {
    return protocolState.handlers.has(scheme);
  },
};

const lastArg = (args) => args[args.length - 1];

const defaultSession = {
  beforeRequest: null,
  headersReceived: null,
  permissionRequest: null,
  permissionCheck: null,
  webRequest: {
    onBeforeRequest: (...args) => void (defaultSession.beforeRequest = lastArg(args)),
    onHeadersReceived: (...args) => void (defaultSession.headersReceived = lastArg(args)),
  },
  setPermissionRequestHandler: (handler) => void (defaultSession.permissionRequest = handler),
  setPermissionCheckHandler: (handler) => void (defaultSession.permissionCheck = handler),
};

export const session = {
  get defaultSession() {
    if (!ready.isReady) throw new Error('Session can only be received when app is ready');
    return defaultSession;
  },
};

const ipcState = { handlers: new Map() };

export const ipcMain = {
  handle(channel, handler) {
    if (ipcState.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcState.handlers.set(channel, handler);
  },
  removeHandler(channel) {
    ipcState.handlers.delete(channel);
  },
};

// ---- clipboard, dialog, capture --------------------------------------------------------------

/** `items`: each write's entries as { type: bytes as numbers }, so a test sees what went in one call. */
const clipboardState = { text: '', writes: 0, items: [] };

/** Electron 45's ClipboardItem: MIME type (or custom format) to string, Blob or a promise of one. */
export class ClipboardItem {
  constructor(items) {
    if (typeof items !== 'object' || items === null) throw new TypeError('ClipboardItem needs an object');
    this.entries = { ...items };
    this.types = Object.keys(items);
  }
  async getType(type) {
    if (!this.types.includes(type)) throw new Error(`type ${type} is not in this item`);
    const value = await this.entries[type];
    return typeof value === 'string' ? new Blob([value]) : value;
  }
}

/** Bytes of a ClipboardItem value, as Electron writes them: a string UTF-8 encoded, a Blob as is. */
async function payloadBytes(value) {
  const v = await value;
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  if (v instanceof Blob) return [...new Uint8Array(await v.arrayBuffer())];
  throw new TypeError('a clipboard payload is a string or a Blob');
}

/** Electron 45's clipboard: W3C-style and asynchronous (node_modules/electron/electron.d.ts). */
export const clipboard = {
  async writeText(text) {
    clipboardState.text = String(text);
    clipboardState.writes++;
    clipboardState.items = [{ 'text/plain': [...new TextEncoder().encode(String(text))] }];
  },
  /** All entries of one write() land at once (Electron commits them atomically). */
  async write(data) {
    if (!Array.isArray(data) || !data.every((i) => i instanceof ClipboardItem))
      throw new TypeError('clipboard.write takes an array of ClipboardItem');
    const items = [];
    for (const item of data) {
      const entry = {};
      for (const type of item.types) entry[type] = await payloadBytes(item.entries[type]);
      items.push(entry);
    }
    const text = items.find((i) => i['text/plain'])?.['text/plain'];
    clipboardState.text = text ? new TextDecoder().decode(new Uint8Array(text)) : '';
    clipboardState.items = items;
    clipboardState.writes++;
  },
  async readText() {
    return clipboardState.text;
  },
  async read() {
    return [];
  },
  async clear() {
    clipboardState.text = '';
  },
};

/**
 * The system's file dialogs: the person picks the paths the test queued with the driver's 'dialog-answer'
 * (one per dialog, in order), and cancels when none is queued. `shown` records each dialog's kind and title.
 */
const dialogState = { answers: [], shown: [] };

export const dialog = {
  async showOpenDialog(...args) {
    const options = args.at(-1) ?? {};
    dialogState.shown.push({ kind: 'open', title: options.title ?? null });
    const path = dialogState.answers.shift();
    return path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args) {
    const options = args.at(-1) ?? {};
    dialogState.shown.push({ kind: 'save', title: options.title ?? null });
    const path = dialogState.answers.shift();
    return path ? { canceled: false, filePath: path } : { canceled: true };
  },
};

// ---- globalShortcut, Notification ----------------------------------------------------------------

/** Combinations another program holds: KEYSLOT_FAKE_TAKEN_SHORTCUTS, comma-separated. */
const takenShortcuts = () => (process.env.KEYSLOT_FAKE_TAKEN_SHORTCUTS ?? '').split(',').filter(Boolean);
const shortcutState = { registered: new Map() };

export const globalShortcut = {
  register(accelerator, callback) {
    if (!ready.isReady) throw notReadyError('globalShortcut.register');
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    // Electron returns false (never throws) when another program holds the combination.
    if (takenShortcuts().includes(accelerator) || shortcutState.registered.has(accelerator)) return false;
    shortcutState.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator) {
    shortcutState.registered.delete(accelerator);
  },
  isRegistered(accelerator) {
    return shortcutState.registered.has(accelerator);
  },
};

const notifications = [];

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options = {}) {
    super();
    if (!ready.isReady) throw notReadyError('Notification');
    this.options = options;
  }
  show() {
    notifications.push({ title: this.options.title ?? '', body: this.options.body ?? '' });
  }
}

export const desktopCapturer = {
  async getSources() {
    return [];
  },
};

export const screen = {
  getAllDisplays() {
    return [{ id: 1, size: { width: 1920, height: 1080 }, scaleFactor: 1 }];
  },
};

// ---- Tray, Menu, nativeImage -----------------------------------------------------------------

class NativeImage {
  constructor(path, size) {
    this.path = path;
    this.size = size;
  }
  isEmpty() {
    return this.size.width === 0;
  }
  getSize() {
    return { ...this.size };
  }
  resize({ width, height }) {
    return new NativeImage(this.path, this.isEmpty() ? { width: 0, height: 0 } : { width, height: height ?? width });
  }
}

export const nativeImage = {
  /** Electron returns an empty image for a file it cannot read; it does not throw. */
  createFromPath(path) {
    return new NativeImage(path, existsSync(path) ? { width: 256, height: 256 } : { width: 0, height: 0 });
  },
};

class FakeMenu {
  constructor(items) {
    this.items = items;
  }
}

export const Menu = {
  buildFromTemplate(template) {
    for (const item of template) {
      if (item.label === undefined && item.role === undefined && item.type === undefined)
        throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
      if (item.click !== undefined && typeof item.click !== 'function')
        throw new TypeError('Invalid template for MenuItem: click must be a function');
    }
    return new FakeMenu(template.map((item) => ({ ...item })));
  },
};

const trays = [];

export class Tray extends EventEmitter {
  menu = null;
  toolTip = '';
  menuBuilds = 0;
  #isDestroyed = false;

  constructor(image) {
    super();
    if (!ready.isReady) throw notReadyError('Cannot create Tray');
    this.image = image;
    trays.push(this);
  }
  setToolTip(text) {
    this.toolTip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
    this.menuBuilds++;
  }
  destroy() {
    this.#isDestroyed = true;
  }
  isDestroyed() {
    return this.#isDestroyed;
  }
}

// ---- for the driver --------------------------------------------------------------------------

/** Emits 'ready', unless the app quit while its entry point loaded (a second instance). */
function emitReady() {
  if (quit.hasQuit) return;
  ready.isReady = true;
  record('ready');
  app.emit('ready', makeEvent(), {});
  ready.resolve();
}

/** Not part of Electron's module: what the fake saw, for fake-electron-driver.mjs. */
export const internals = {
  ready,
  calls,
  quit,
  windows,
  trays,
  protocolState,
  defaultSession,
  ipcState,
  clipboardState,
  dialogState,
  shortcutState,
  notifications,
  makeEvent,
  emitReady,
  /** Called once the app quit, with the function that ends the process. */
  onQuit: null,
};
