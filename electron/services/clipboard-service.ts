/**
 * Clipboard rules: a copied code or password is cleared after its time (settings), and on quit,
 * but only if the clipboard still holds what keyslot put there. Only a SHA-256 of the value is
 * kept, so the service never holds the secret after writing it.
 */
import { createHash } from 'node:crypto';

/** The clipboard as Electron (or the web host's page) offers it. */
export interface ClipboardPort {
  writeText(text: string): void | Promise<void>;
  /** The clipboard's text now; null if it cannot be read (then nothing is cleared). */
  readText(): string | null | Promise<string | null>;
  /** The clipboard's image as PNG bytes; null when it holds none. Absent where images cannot be read. */
  readImage?(): Uint8Array | null | Promise<Uint8Array | null>;
}

/** setTimeout/clearTimeout, injected so tests control time. */
export interface TimerPort {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: TimerPort = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type CopyKind = 'code' | 'password';

export interface ClipboardServiceDeps {
  clipboard: ClipboardPort;
  timers?: TimerPort;
  /** Milliseconds to keep a value of this kind; 0 = never clear by time. */
  clearAfterMs: (kind: CopyKind) => number;
  /** Told when a value was cleared. */
  onCleared?: (reason: 'timeout' | 'quit') => void;
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class ClipboardService {
  private ours: string | null = null;
  private timer: unknown = null;
  private readonly timers: TimerPort;

  constructor(private readonly deps: ClipboardServiceDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  /** Puts `text` on the clipboard and schedules its clearing. Returns ms until it clears (0 = never). */
  async copy(text: string, kind: CopyKind): Promise<{ clearsInMs: number }> {
    this.cancelTimer();
    await this.deps.clipboard.writeText(text);
    this.ours = digest(text);
    const ms = this.deps.clearAfterMs(kind);
    if (ms > 0) this.timer = this.timers.setTimeout(() => void this.clearIfOurs('timeout'), ms);
    return { clearsInMs: ms };
  }

  /** True while keyslot's last value may still be on the clipboard. */
  get isHoldingValue(): boolean {
    return this.ours !== null;
  }

  /**
   * Clears the clipboard if it still holds our value; something the person copied since is left
   * alone. Returns whether it cleared.
   */
  async clearIfOurs(reason: 'timeout' | 'quit'): Promise<boolean> {
    this.cancelTimer();
    const ours = this.ours;
    this.ours = null;
    if (ours === null) return false;
    let now: string | null;
    try {
      now = await this.deps.clipboard.readText();
    } catch {
      now = null;
    }
    if (now === null || digest(now) !== ours) return false;
    await this.deps.clipboard.writeText('');
    this.deps.onCleared?.(reason);
    return true;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
