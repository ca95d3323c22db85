/**
 * The tokens behind the family seam that the app holds beside its slot token (style guide §9): today the
 * Nitrokey 3s, any number of them, each a device/ TokenSession. Commands run through `run`, which tells the
 * window when the token waits for its button ('touch/needed', then 'touch/ended' when the action is over)
 * and drops a token that went away. Never imports Electron.
 */
import {
  NK3_LIMITS,
  isDeviceError,
  type CredentialInfo,
  type TouchNeeded,
  type TokenSession as SeamSession,
} from '../../device/index';
import type { TokenId } from '../ipc/contract';
import { AppError, silentLogger, type Logger } from '../ipc/serve';
import type { Emit } from './token-session';

/** One named token the app holds. */
export interface NamedEntry {
  id: TokenId;
  session: SeamSession;
  /** PIN-protected credentials listed at the last unlock (names and flags only), or null while locked. */
  unlocked: CredentialInfo[] | null;
  /** A touch was announced during the action under way. */
  isTouchAnnounced: boolean;
}

/** Opens a session, handing it the hook that tells of a touch due. */
export type NamedOpener = (onTouchNeeded: (e: TouchNeeded) => void) => Promise<SeamSession>;

export class NamedTokens {
  private readonly entries = new Map<TokenId, NamedEntry>();
  private readonly listeners = new Set<() => void>();
  readonly log: Logger;

  constructor(private readonly deps: { emit: Emit; log?: Logger }) {
    this.log = deps.log ?? silentLogger;
  }

  /** Opens a token and holds it; a token of the same id is replaced. Returns its id. */
  async add(open: NamedOpener): Promise<TokenId> {
    const holder: { entry: NamedEntry | null } = { entry: null };
    const session = await open((e) => {
      const entry = holder.entry;
      if (!entry) return;
      entry.isTouchAnnounced = true;
      this.deps.emit('touch/needed', {
        token: entry.id,
        ...(e.name !== undefined ? { name: e.name } : {}),
        secondsLeft: Math.round(NK3_LIMITS.touchTimeoutMs / 1000),
        isCertain: e.isCertain,
      });
    });
    const id = session.device.path;
    await this.remove(id, { isQuiet: true });
    holder.entry = { id, session, unlocked: null, isTouchAnnounced: false };
    this.entries.set(id, holder.entry);
    this.log.info(`token attached: ${session.device.model}${session.device.isVirtual ? ' (virtual)' : ''}`);
    this.changed();
    return id;
  }

  /** Drops a token (unplugged, or the host closes). */
  async remove(id: TokenId, opts: { isQuiet?: boolean } = {}): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    await entry.session.close().catch(() => undefined);
    if (!opts.isQuiet) {
      this.log.info('token detached');
      this.changed();
    }
  }

  has(id: TokenId): boolean {
    return this.entries.has(id);
  }

  /** The token `id`, or AppError('no-token'). */
  get(id: TokenId): NamedEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError('no-token');
    return entry;
  }

  all(): NamedEntry[] {
    return [...this.entries.values()];
  }

  /**
   * Runs one action with a token: a touch it announces is shown until the action ends, whatever the
   * outcome; a token gone during the action is dropped before the error is passed on.
   */
  async run<T>(id: TokenId, fn: (entry: NamedEntry) => Promise<T>): Promise<T> {
    const entry = this.get(id);
    entry.isTouchAnnounced = false;
    try {
      return await fn(entry);
    } catch (e) {
      if (isDeviceError(e) && e.code === 'token-unplugged') await this.remove(id);
      throw e;
    } finally {
      if (entry.isTouchAnnounced) {
        entry.isTouchAnnounced = false;
        this.deps.emit('touch/ended', { token: id });
      }
    }
  }

  /** Subscribes to "a token came or went" (the switcher and the tray). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.entries.keys()]) await this.remove(id, { isQuiet: true });
  }
}
