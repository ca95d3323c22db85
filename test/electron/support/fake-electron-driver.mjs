/**
 * Drives the fake Electron (fake-electron.mjs) for test/electron/main-shell.test.ts over the child
 * process's IPC channel: { id, cmd, ...args } in, { id, ok, value | error } out. Unsolicited
 * reports are { event, ... }: 'quit' (with the last snapshot), 'unhandled-rejection' and
 * 'uncaught-exception'. Commands act as Chromium, the desktop or the page would: a request through
 * the protocol handler, a navigation, a permission prompt, an IPC call from some frame, a click in
 * the tray menu, the window's close button.
 */
import { existsSync } from 'node:fs';
import { app, clipboard, internals } from './fake-electron.mjs';

const {
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
} = internals;

function snapshot() {
  return {
    isReady: ready.isReady,
    calls,
    switches: app.commandLine.switches,
    privilegedSchemes: protocolState.privileged,
    handledSchemes: [...protocolState.handlers.keys()],
    ipcChannels: [...ipcState.handlers.keys()],
    session: {
      hasBeforeRequest: defaultSession.beforeRequest !== null,
      hasHeadersReceived: defaultSession.headersReceived !== null,
      hasPermissionRequest: defaultSession.permissionRequest !== null,
      hasPermissionCheck: defaultSession.permissionCheck !== null,
    },
    windows: windows.map((w) => ({
      id: w.id,
      options: w.options,
      preloadExists:
        typeof w.options.webPreferences?.preload === 'string' && existsSync(w.options.webPreferences.preload),
      preloadError: w.webContents.preloadError,
      loads: w.loads,
      frameUrl: w.webContents.mainFrame.url,
      isVisible: w.isVisible(),
      isDestroyed: w.isDestroyed(),
      focusCount: w.focusCount,
      exposed: Object.fromEntries(Object.entries(w.webContents.exposed).map(([k, v]) => [k, Object.keys(v).sort()])),
      sentChannels: w.webContents.sent.map((s) => s.channel),
      alwaysOnTop: w.alwaysOnTop ?? null,
    })),
    shortcuts: [...shortcutState.registered.keys()],
    notifications: [...notifications],
    trays: trays.map((t) => ({
      imagePath: t.image.path,
      isImageEmpty: t.image.isEmpty(),
      imageSize: t.image.getSize(),
      toolTip: t.toolTip,
      isDestroyed: t.isDestroyed(),
      menuBuilds: t.menuBuilds,
      menu: t.menu
        ? t.menu.items.map((i) => ({
            label: i.label ?? null,
            type: i.type ?? 'normal',
            enabled: i.enabled !== false,
            hasClick: typeof i.click === 'function',
          }))
        : null,
    })),
    clipboard: { ...clipboardState },
    quit: { ...quit },
  };
}

function lastWindow() {
  const win = windows[windows.length - 1];
  if (!win) throw new Error('no window was created');
  return win;
}

function frameFor(kind, win) {
  if (kind === 'main' || kind.mainFrameAt !== undefined) return win.webContents.mainFrame;
  if (kind === 'none') return null;
  if (kind.frameOfWindow !== undefined) return windows[kind.frameOfWindow].webContents.mainFrame;
  // Another frame object: a subframe or a window that shows the same URL.
  return { url: kind.url, name: 'other', isMainFrame: false };
}

const commands = {
  snapshot: () => snapshot(),

  /** A request through the scheme's protocol handler, as Chromium would make it. */
  async fetch({ url }) {
    const scheme = new URL(url).protocol.slice(0, -1);
    const entry = protocolState.handlers.get(scheme);
    if (!entry) throw new Error(`no handler for ${scheme}:`);
    const response = await entry.handler(new Request(url));
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  },

  'before-request': ({ url }) =>
    new Promise((resolve) =>
      defaultSession.beforeRequest({ url, method: 'GET', resourceType: 'script' }, (r) => resolve(r ?? null)),
    ),

  'headers-received': ({ url, responseHeaders }) =>
    new Promise((resolve) =>
      defaultSession.headersReceived({ url, responseHeaders, statusCode: 200 }, (r) => resolve(r ?? null)),
    ),

  'permission-request': ({ permission }) =>
    new Promise((resolve) =>
      defaultSession.permissionRequest(lastWindow().webContents, permission, (isGranted) => resolve(isGranted), {
        requestingUrl: lastWindow().webContents.mainFrame.url,
      }),
    ),

  'permission-check': ({ permission }) =>
    defaultSession.permissionCheck(lastWindow().webContents, permission, 'keyslot://app', {}),

  /** Emits a webContents navigation event; says whether main prevented it. */
  'web-contents-event': ({ name, url }) => {
    const event = makeEvent({ url });
    lastWindow().webContents.emit(name, event, url);
    return { isPrevented: event.defaultPrevented };
  },

  'window-open': ({ url }) => {
    const handler = lastWindow().webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler');
    return handler({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'no-referrer' },
    });
  },

  /**
   * Calls an ipcMain handler with an event from `frame`: 'main' (the newest window's top frame),
   * 'none' (the frame went away), { url } (another frame), { mainFrameAt } (the top frame while it
   * shows another URL) or { frameOfWindow } (the top frame of an earlier window, by index).
   */
  async ipc({ channel, args, frame }) {
    const handler = ipcState.handlers.get(channel);
    if (!handler) throw new Error(`no ipcMain handler for ${channel}`);
    const wc = lastWindow().webContents;
    const ownUrl = wc.mainFrame.url;
    if (frame.mainFrameAt !== undefined) wc.mainFrame.url = frame.mainFrameAt;
    try {
      return structuredClone(
        await handler(
          { sender: wc, senderFrame: frameFor(frame, lastWindow()), processId: 1, frameId: 2 },
          ...structuredClone(args),
        ),
      );
    } finally {
      wc.mainFrame.url = ownUrl;
    }
  },

  /** The page's own call: window.keyslot.invoke from the preload. */
  'page-invoke': ({ channel, args }) => {
    const api = lastWindow().webContents.exposed.keyslot;
    if (!api) throw new Error('the preload exposed no keyslot API');
    return api.invoke(channel, ...args);
  },

  'page-subscribe': ({ event }) => {
    const wc = lastWindow().webContents;
    const api = wc.exposed.keyslot;
    if (!api) throw new Error('the preload exposed no keyslot API');
    api.on(event, (payload) => wc.pageEvents.push({ event, payload }));
    return null;
  },

  'page-events': () => lastWindow().webContents.pageEvents,

  /** Clicks the tray menu item with this label `times` times in a row, as the desktop would. */
  'tray-click': ({ label, times = 1 }) => {
    const tray = trays[trays.length - 1];
    const item = tray?.menu?.items.find((i) => i.label === label);
    if (!item) throw new Error(`no tray menu item labelled ${JSON.stringify(label)}`);
    if (item.enabled === false) throw new Error(`tray menu item ${JSON.stringify(label)} is disabled`);
    for (let i = 0; i < times; i++) item.click({ label }, undefined, {});
    return null;
  },

  /** The person will pick `path` in the next file dialog; returns the dialogs shown so far. */
  'dialog-answer': ({ path }) => {
    if (path) dialogState.answers.push(path);
    return dialogState.shown;
  },

  'clipboard-write': ({ text }) => clipboard.writeText(text).then(() => null),

  /** The person presses a registered global shortcut. */
  'press-shortcut': ({ accelerator }) => {
    const callback = shortcutState.registered.get(accelerator);
    if (!callback) throw new Error(`no global shortcut ${accelerator} is registered`);
    callback();
    return null;
  },

  /** The window manager's close button; returns whether the window is still there. */
  'window-close': () => ({ isStillOpen: !lastWindow().close() }),

  'second-instance': ({ argv }) => {
    app.emit('second-instance', makeEvent(), argv, process.cwd(), {});
    return null;
  },
};

function report(message, done) {
  process.send(message, done);
}

/** Starts answering the test (run-main.mjs, before main is loaded). */
export const driver = {
  start() {
    if (!process.send)
      throw new Error('the fake Electron runs in a child with an IPC channel (spawn with stdio "ipc")');
    internals.onQuit = (exit) => report({ event: 'quit', snapshot: snapshot() }, exit);
    process.on('unhandledRejection', (reason) =>
      report({ event: 'unhandled-rejection', message: String(reason?.stack ?? reason) }),
    );
    process.on('uncaughtException', (error) =>
      report({ event: 'uncaught-exception', message: String(error?.stack ?? error) }),
    );
    process.on('message', (message) => {
      const { id, cmd, ...args } = message;
      Promise.resolve()
        .then(() => {
          const command = commands[cmd];
          if (!command) throw new Error(`unknown command ${cmd}`);
          return command(args);
        })
        .then(
          (value) => report({ id, ok: true, value: value ?? null }),
          (e) => report({ id, ok: false, error: String(e?.message ?? e) }),
        );
    });
    // The test ends the child by closing the channel.
    process.on('disconnect', () => process.exit(0));
  },
  /** Electron's 'ready': after the entry point resolved. */
  emitReady: internals.emitReady,
};
