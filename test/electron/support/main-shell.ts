/**
 * Runs the built main.mjs in a child Node process against the fake Electron (fake-electron.mjs,
 * driven by fake-electron-driver.mjs) and talks to it over the child's IPC channel. Asynchronous
 * throughout, so the test process never blocks on the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PINS, Token, VirtualTransport, openVirtualTokenFile } from '../../../device/index';

const SUPPORT = fileURLToPath(new URL('.', import.meta.url));
/** app.getVersion() in the fake. */
export const FAKE_VERSION = '9.8.7-fake';
export const SLOT_NAME = 'shell-hotp';
/** The slot as the English tray menu lists it. */
export const SLOT_LABEL = `${SLOT_NAME} (HOTP)`;

/** What the fake saw (fake-electron-driver.mjs snapshot()). */
export interface Snapshot {
  isReady: boolean;
  calls: { name: string; isReady: boolean; args?: unknown[] }[];
  switches: string[][];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  handledSchemes: string[];
  ipcChannels: string[];
  session: {
    hasBeforeRequest: boolean;
    hasHeadersReceived: boolean;
    hasPermissionRequest: boolean;
    hasPermissionCheck: boolean;
  };
  windows: {
    options: { show?: boolean; alwaysOnTop?: boolean; frame?: boolean; webPreferences?: Record<string, unknown> };
    preloadExists: boolean;
    preloadError: string | null;
    loads: { url: string; status: number | null; contentType: string | null; error: string | null }[];
    frameUrl: string;
    isVisible: boolean;
    isDestroyed: boolean;
    focusCount: number;
    exposed: Record<string, string[]>;
    sentChannels: string[];
    alwaysOnTop: { flag: boolean; level?: string } | null;
  }[];
  /** Accelerators registered with globalShortcut. */
  shortcuts: string[];
  notifications: { title: string; body: string }[];
  trays: {
    imagePath: string;
    isImageEmpty: boolean;
    imageSize: { width: number; height: number };
    toolTip: string;
    isDestroyed: boolean;
    menu: { label: string | null; type: string; enabled: boolean; hasClick: boolean }[] | null;
  }[];
  /** `items`: the last write's entries, type to bytes. */
  clipboard: { text: string; writes: number; items: Record<string, number[]>[] };
  quit: { calls: number; isQuitting: boolean; hasQuit: boolean };
}

export interface Fetched {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Frame = 'main' | 'none' | { url: string } | { mainFrameAt: string } | { frameOfWindow: number };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
type Report = { event: string; message?: string; snapshot?: Snapshot };

/** Writes a virtual Nitrokey Pro with one HOTP slot (RFC 4226's secret) into `stateFile`; returns its serial. */
export async function prepareToken(stateFile: string): Promise<string> {
  const virtual = await openVirtualTokenFile(stateFile, { model: 'pro' }, { latency: 'none' });
  const token = await Token.open(new VirtualTransport(virtual, stateFile));
  await token.authenticate('admin', DEFAULT_PINS.admin);
  await token.writeSlot(
    { kind: 'hotp', index: 0 },
    { name: SLOT_NAME, secret: new TextEncoder().encode('12345678901234567890'), digits: 6, counter: 0n },
  );
  const { serial } = await token.status();
  await token.close();
  return serial;
}

/** One run of main.mjs in a child Node process, driven over its IPC channel. */
export class Shell {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void }>();
  readonly reports: Report[] = [];
  private readonly reportWaiters: { event: string; resolve: (r: Report) => void }[] = [];
  output = '';
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.on('message', (m: Reply | Report) => {
      if ('id' in m) this.pending.get(m.id)?.resolve(m);
      else {
        this.reports.push(m);
        for (const w of this.reportWaiters.filter((x) => x.event === m.event)) w.resolve(m);
      }
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** Runs `appDir`/main.mjs with `--device virtual:DIR/token.json`, its user data under `dir`. */
  static start(appDir: string, dir: string, env: Record<string, string | undefined> = {}): Shell {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      KEYSLOT_FAKE_USER_DATA: join(dir, 'user-data'),
      KEYSLOT_FAKE_DOCUMENTS: join(dir, 'documents'),
      KEYSLOT_FAKE_VERSION: FAKE_VERSION,
      // Start at login writes its XDG autostart entry here, never in the real home.
      XDG_CONFIG_HOME: join(dir, 'config'),
    };
    // Plain Node, as Electron's main process has no loaders of ours: an inherited `--import tsx`
    // would not even resolve from the run's folder. (The fake's resolve hook defers every other
    // specifier, so it also chains with tsx's hooks.)
    delete childEnv.NODE_OPTIONS;
    // main.ts turns on PipeWire capture on Wayland; each run says which desktop it is on.
    delete childEnv.WAYLAND_DISPLAY;
    delete childEnv.XDG_SESSION_TYPE;
    delete childEnv.KEYSLOT_DEVICE;
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete childEnv[k];
      else childEnv[k] = v;
    }
    const args = [
      '--import',
      join(SUPPORT, 'register-fake-electron.mjs'),
      join(SUPPORT, 'run-main.mjs'),
      join(appDir, 'main.mjs'),
      '--device',
      `virtual:${join(dir, 'token.json')}`,
    ];
    return new Shell(
      spawn(process.execPath, args, { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }),
    );
  }

  /** Sends a command to the fake; rejects with the child's output if it fails or never answers. */
  async request<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve) => this.pending.set(id, { resolve }));
    this.child.send({ id, cmd, ...args });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${cmd}\n${this.output}`)), 10_000)),
    );
    const died = this.exited.then((code) =>
      Promise.reject(new Error(`the child exited (${code}) during ${cmd}\n${this.output}`)),
    );
    try {
      const r = await Promise.race([reply, late, died]);
      if (!r.ok) throw new Error(`${cmd}: ${r.error}`);
      return r.value as T;
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  snapshot(): Promise<Snapshot> {
    return this.request<Snapshot>('snapshot');
  }

  /** Polls the fake until `isDone` holds (main's start is asynchronous: token, slots, tray). */
  async waitFor(what: string, isDone: (s: Snapshot) => boolean, timeoutMs = 10_000): Promise<Snapshot> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.snapshot();
      if (isDone(s)) return s;
      if (Date.now() > until)
        throw new Error(`timed out waiting for ${what}\n${JSON.stringify(s, null, 1).slice(0, 4000)}\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  nextReport(event: string, timeoutMs = 10_000): Promise<Report> {
    const seen = this.reports.find((r) => r.event === event);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} report\n${this.output}`)), timeoutMs);
      this.reportWaiters.push({ event, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  /** Crashes the child reported (unhandled rejections, uncaught exceptions). */
  faults(): string[] {
    return this.reports
      .filter((r) => r.event === 'unhandled-rejection' || r.event === 'uncaught-exception')
      .map((r) => `${r.event}: ${r.message}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      if (this.child.connected) this.child.disconnect();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
