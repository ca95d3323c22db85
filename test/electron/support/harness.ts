/** Builds the app's services over a virtual token with a fake clock, clipboard and timers. */
import { VirtualToken, VirtualTransport, type Clock, type Model } from '../../../device/index';
import type { Events } from '../../../electron/ipc/contract';
import { call, serve, type Dispatch, type Logger } from '../../../electron/ipc/serve';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import type { ClipboardPort, TimerPort } from '../../../electron/services/clipboard-service';
import type { FileDialogPort, ScreenCapturePort } from '../../../electron/services/import-ports';

/** A cheap scrypt for backup tests (the format's default costs half a second per open). */
export const TEST_SEAL = { scrypt: { N: 1024, r: 8, p: 1 } };

/** A clock that moves only when told. */
export class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2026, 0, 15, 12, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  async sleep(ms: number): Promise<void> {
    this.ms += ms;
  }
}

/** A clipboard in memory; `writes` counts writes. */
export class FakeClipboard implements ClipboardPort {
  text = '';
  writes: string[] = [];
  writeText(text: string): void {
    this.text = text;
    this.writes.push(text);
  }
  readText(): string {
    return this.text;
  }
  /** The clipboard's image (PNG bytes), if a test put one there. */
  image: Uint8Array | null = null;
  readImage(): Uint8Array | null {
    return this.image;
  }
}

/** Timers that fire only when `fire()` is called. */
export class FakeTimers implements TimerPort {
  private next = 1;
  pending = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Runs every pending timer. */
  fireAll(): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const t of all) t.fn();
  }
}

export interface Harness extends AppServices {
  clock: FakeClock;
  clipboard_: FakeClipboard;
  timers: FakeTimers;
  virtual: VirtualToken;
  events: { event: keyof Events; payload: unknown }[];
  dispatch: Dispatch;
  settingsText: { value: string | null };
}

/** Services with a factory-fresh virtual token attached. */
export async function makeHarness(
  opts: {
    model?: Model;
    firmwareMinor?: number;
    attach?: boolean;
    capture?: ScreenCapturePort;
    files?: FileDialogPort;
    /** The web host's typed paths ('backup/typed-file'); on by default where there are no dialogs. */
    typedPaths?: boolean;
    log?: Logger;
  } = {},
): Promise<Harness> {
  const clock = new FakeClock();
  const clipboard = new FakeClipboard();
  const timers = new FakeTimers();
  const virtual = VirtualToken.create({
    model: opts.model ?? 'pro',
    firmwareMinor: opts.firmwareMinor,
    clock,
    latency: 'none',
    isClockSlow: false,
  });
  const events: Harness['events'] = [];
  const settingsText = { value: null as string | null };
  const services = createAppServices({
    emit: (event, payload) => events.push({ event, payload }),
    clipboard,
    timers,
    clock,
    settingsStore: { read: async () => settingsText.value, write: async (t) => void (settingsText.value = t) },
    openVirtual: async () => new VirtualTransport(virtual, 'test-state.json'),
    appInfo: () => ({ version: '0.0.0-test', host: 'web', hasTray: false, locale: 'en' }),
    capture: opts.capture,
    files: opts.files,
    typedPaths: opts.typedPaths ?? !opts.files,
    log: opts.log,
    backupSeal: TEST_SEAL,
  });
  await services.settings.load();
  if (opts.attach !== false) await services.session.attach(new VirtualTransport(virtual, 'test-state.json'));
  const dispatch = serve(services.handlers, { isTrustedSender: (s) => s === 'our-page' });
  return { ...services, clock, clipboard_: clipboard, timers, virtual, events, dispatch, settingsText };
}

/** A handle for `path` from the web host's stand-in dialog ('backup/typed-file'); throws if refused. */
export async function typedFile(
  dispatch: Dispatch,
  purpose: 'backup-save' | 'backup-open' | 'sheet-save',
  path: string,
): Promise<string> {
  const r = await call(dispatch, 'our-page', 'backup/typed-file', { purpose, path });
  if (!r.ok) throw new Error(`backup/typed-file refused: ${JSON.stringify(r.error)}`);
  return r.value.handle;
}

/** Lets queued promise callbacks (fire-and-forget announcements) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}
