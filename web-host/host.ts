/**
 * The web host: the built renderer served on 127.0.0.1, with the same main-process services in
 * Node behind a WebSocket that speaks the IPC contract. Used by the e2e tests, the benchmark and
 * `npm start` where no Electron binary is installed. Only a page that knows the per-run random
 * token (in the URL) and comes from our own origin can open the socket. Every request must name
 * our address in its Host header (127.0.0.1:PORT or localhost:PORT), which defeats DNS rebinding;
 * no request, however malformed, ends the process (see README, Security).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { VirtualTransport, type SealOptions, type VirtualToken } from '../device/index';
import type { AppInfo } from '../electron/ipc/contract';
import { serve, silentLogger, type Logger } from '../electron/ipc/serve';
import { MAX_IMAGE_BYTES } from '../shared/constants';
import { createAppServices, type AppServices } from '../electron/services/app-services';
import { followHid, followVirtual, openVirtual, type DeviceSpec } from '../electron/services/discovery';
import type { ScreenCapturePort } from '../electron/services/import-ports';
import { followNamedHid } from '../electron/services/named-discovery';
import type { NamedOpener } from '../electron/services/named-tokens';
import { fileSettingsStore } from '../electron/services/file-settings-store';
import { firstLanguage, loadPrerender, rendererFiles } from '../electron/renderer-files';
import { WebClipboard } from './web-clipboard';
import { reviveBytes } from './wire';

export interface WebHostOptions {
  device: DeviceSpec;
  /** 0 picks a free port. */
  port?: number;
  /** Built renderer (index.html, app.js, app.css). */
  rendererDir: string;
  /** The built first-HTML drawer; default dist/app/prerender.mjs beside the renderer; null for none. */
  prerenderFile?: string | null;
  /** Settings and the default virtual token state live here. */
  userDataDir: string;
  /** An already open virtual token (tests and the benchmark unplug it). */
  virtual?: { token: VirtualToken; stateFile: string };
  log?: Logger;
  /**
   * The "screen" to capture for 'import/scan-screen'. A web page cannot capture the desktop without
   * asking the person each time, so the web host has no real capture: tests and `npm run web --
   * --screen-image FILE` give a picture instead. Without it the request says capture is unavailable.
   */
  capture?: ScreenCapturePort;
  /** Backup encryption cost (tests make it cheap). */
  backupSeal?: SealOptions;
  /**
   * Named-credential tokens held beside the slot token (a virtual Nitrokey 3: `--device virtual-nk3:FILE`),
   * so the move wizard has a source and a destination. With `device` auto or hid, real ones are followed too.
   */
  named?: NamedOpener[];
}

export interface WebHost {
  url: string;
  services: AppServices;
  virtual: VirtualToken | null;
  close(): Promise<void>;
}

/** The same policy as the Electron window, plus the socket. */
function csp(port: number): string {
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ws://127.0.0.1:${port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** The request's URL, or null when it does not parse (e.g. `GET //[::1`): answered 400, never thrown. */
function requestUrl(req: IncomingMessage, port: number): URL | null {
  try {
    return new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/**
 * True if the Host header names the address we are bound to: 127.0.0.1:PORT or localhost:PORT.
 * A DNS-rebinding page (evil.example resolving to 127.0.0.1) sends its own name here.
 */
function isOurHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function sameToken(a: string | null, b: string): boolean {
  if (a === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Starts the host; resolves once it listens. */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const log = opts.log ?? silentLogger;
  const secret = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  const clipboard = new WebClipboard();
  const appInfo: Omit<AppInfo, 'hasFileDialogs' | 'canCaptureScreen'> = {
    version: process.env.npm_package_version ?? '0.1.0',
    host: 'web',
    hasTray: false,
    locale: '',
  };
  let virtual: VirtualToken | null = opts.virtual?.token ?? null;
  const defaultState = join(opts.userDataDir, 'virtual-token.json');
  const services = createAppServices({
    emit: (event, payload) => {
      const text = JSON.stringify({ event, payload });
      for (const s of sockets) s.send(text);
    },
    clipboard,
    settingsStore: fileSettingsStore(join(opts.userDataDir, 'settings.json')),
    openVirtual: async () => {
      // "Use the virtual token" when none is plugged in: state in the user-data folder.
      if (virtual) return new VirtualTransport(virtual, defaultState);
      const opened = await openVirtual(defaultState);
      virtual = opened.virtual;
      stops.push(followVirtual(services.session, opened.virtual, defaultState, announceAll, { isAttached: true }));
      return opened.transport;
    },
    appInfo: () => appInfo,
    log,
    capture: opts.capture,
    // No native dialog here: 'backup/typed-file' is this host's file dialog (its page passed the token,
    // origin and Host checks); it hands out the same handles, so backups are named by handle here too.
    typedPaths: true,
    backupSeal: opts.backupSeal,
  });
  await services.settings.load();
  const dispatch = serve(services.handlers, { isTrustedSender: (s) => sockets.has(s as WebSocket), log });
  const announceAll = () => {
    void services.slots.announce().catch(() => undefined);
    void services.pws.announce().catch(() => undefined);
  };

  const stops: (() => void)[] = [];
  const { device } = opts;
  if (device.kind === 'virtual') {
    const stateFile = opts.virtual?.stateFile ?? device.stateFile ?? defaultState;
    virtual ??= (await openVirtual(stateFile)).virtual;
    stops.push(followVirtual(services.session, virtual, stateFile, announceAll));
  } else {
    stops.push(followHid(services.session, announceAll, log));
    if (!opts.named?.length) stops.push(followNamedHid(services.tokens.named, log));
  }
  for (const open of opts.named ?? []) await services.tokens.named.add(open);

  let port = 0;
  const prerender =
    opts.prerenderFile === null
      ? null
      : await loadPrerender(opts.prerenderFile ?? join(opts.rendererDir, '..', 'prerender.mjs'), log);
  let files: ReturnType<typeof rendererFiles> | null = null;
  const http = createServer((req, res) =>
    handleHttp(req, res).catch((e: unknown) => {
      log.error(`web host: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }),
  );
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req, port);
    if (!url || !isOurHost(req.headers.host, port)) {
      res.writeHead(url ? 421 : 400).end();
      return;
    }
    if (req.method !== 'GET' || !files) {
      res.writeHead(404).end();
      return;
    }
    // Only the page that holds this run's token gets the data (the same token opens the socket).
    const reply = await files(
      url.pathname,
      sameToken(url.searchParams.get('t'), secret),
      firstLanguage(req.headers['accept-language']),
    );
    res.writeHead(reply.status, reply.headers).end(reply.body);
  }

  // Images for decoding travel as base64 in JSON: room for MAX_IMAGE_BYTES and the encoding.
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 64 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    // A reset or broken client must not end the host: errors on the raw socket are only logged.
    socket.on('error', (e) => log.warn(`web host socket: ${e.message}`));
    const url = requestUrl(req, port);
    const isOurOrigin = req.headers.origin === `http://127.0.0.1:${port}`;
    if (
      !url ||
      url.pathname !== '/ws' ||
      !isOurHost(req.headers.host, port) ||
      !isOurOrigin ||
      !sameToken(url.searchParams.get('t'), secret)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      clipboard.attach(ws);
      ws.on('close', () => {
        sockets.delete(ws);
        clipboard.detach(ws);
      });
      // Protocol errors (a message over maxPayload, invalid UTF-8, a bad frame): ws closes that
      // connection (1009, 1007, 1002); without a listener the 'error' event would end the process.
      ws.on('error', (e) => log.warn(`web host websocket: ${e.message}`));
      ws.on('message', (data) =>
        onMessage(ws, String(data)).catch((e: unknown) => log.error(`web host message: ${(e as Error).message}`)),
      );
    });
  });

  async function onMessage(ws: WebSocket, text: string): Promise<void> {
    let msg: { id?: unknown; channel?: unknown; args?: unknown; clipReply?: unknown; text?: unknown };
    try {
      msg = JSON.parse(text, reviveBytes);
    } catch {
      return;
    }
    if (msg.clipReply !== undefined) {
      clipboard.reply(msg.clipReply, msg.text);
      return;
    }
    if (typeof msg.id !== 'number') return;
    const result = await dispatch(msg.channel, ws, msg.args);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, result }));
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : 0;
  // The host has no locale of its own; the browser's language lets the first HTML speak it.
  const bootState = async ({ locale }: { locale: string | null }) => {
    const boot = await services.bootState();
    return locale && !boot.appInfo.locale ? { ...boot, appInfo: { ...boot.appInfo, locale } } : boot;
  };
  files = rendererFiles({ rendererDir: opts.rendererDir, csp: csp(port), bootState, prerender, log });
  return {
    url: `http://127.0.0.1:${port}/?t=${secret}`,
    services,
    get virtual() {
      return virtual;
    },
    async close() {
      for (const stop of stops) stop();
      await services.clipboard.clearIfOurs('quit').catch(() => undefined);
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((r) => http.close(() => r()));
      await services.session.detach();
      await services.tokens.named.closeAll();
    },
  };
}
