/**
 * The attached token, shared by the token, slot and password-safe services. Follows plug and
 * unplug: `attach` opens a Token over a Transport, `detach` drops it, and any command that finds
 * the token gone detaches it too. Never imports Electron.
 */
import {
  DEFAULT_PINS,
  DeviceError,
  LIMITS,
  Token,
  isDeviceError,
  systemClock,
  type Clock,
  type Transport,
} from '../../device/index';
import type { Events, PinKind, TimeStatus, TokenInfo } from '../ipc/contract';
import { AppError, silentLogger, type Logger } from '../ipc/serve';

/** Sends an event to the window (Electron webContents.send or the web host's socket). */
export type Emit = <E extends keyof Events>(event: E, payload: Events[E]) => void;

export interface TokenSessionDeps {
  emit: Emit;
  clock?: Clock;
  log?: Logger;
}

export class TokenSession {
  private token: Token | null = null;
  private time: TimeStatus = 'unknown';
  /** The last status read, so a window that opens gets it without a round trip. */
  private lastInfo: TokenInfo | null = null;
  /** An attach under way (a token just found): current() waits for it. */
  private attaching: Promise<TokenInfo> | null = null;
  /** Counts attaches and detaches; caches of other services are only valid within one epoch. */
  epoch = 0;
  readonly clock: Clock;
  readonly log: Logger;
  private readonly changeListeners = new Set<() => void>();

  constructor(private readonly deps: TokenSessionDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLogger;
  }

  get isAttached(): boolean {
    return this.token !== null;
  }

  get id(): string | null {
    return this.token?.info.path ?? null;
  }

  emit: Emit = (event, payload) => this.deps.emit(event, payload);

  /**
   * Opens a token on `transport` (replacing any other) and announces it. The connect reads only what
   * the window shows (status, then the slot list): the clock is set softly before TOTP codes instead
   * (`syncTime`), as nitrokey-app does before every TOTP code (protocol reference §9 item 7).
   */
  async attach(transport: Transport): Promise<TokenInfo> {
    const attaching = this.attachNow(transport);
    this.attaching = attaching;
    try {
      return await attaching;
    } finally {
      if (this.attaching === attaching) this.attaching = null;
    }
  }

  private async attachNow(transport: Transport): Promise<TokenInfo> {
    if (this.token) await this.detach();
    const token = await Token.open(transport, { clock: this.clock });
    // Opening sends nothing: the status read is the first command, so a token gone already fails here.
    let info: TokenInfo;
    try {
      info = await this.describe(token);
    } catch (e) {
      await token.close().catch(() => undefined);
      throw e;
    }
    this.token = token;
    this.lastInfo = info;
    this.epoch++;
    this.log.info(`token attached: ${token.model}${token.info.isVirtual ? ' (virtual)' : ''}`);
    this.emit('token/attached', info);
    this.changed();
    return info;
  }

  /** Drops the token (unplugged or replaced) and tells the window. */
  async detach(): Promise<void> {
    const token = this.token;
    if (!token) return;
    this.token = null;
    this.lastInfo = null;
    this.epoch++;
    this.time = 'unknown';
    await token.close().catch(() => undefined);
    this.log.info('token detached');
    this.emit('token/detached', { token: token.info.path });
    this.changed();
  }

  /**
   * Sets the token's clock softly before TOTP codes; a refusal means the clocks disagree (the token
   * panel then offers to force it). Tells the window when the time status changes; never throws
   * 'time-refused'.
   */
  async syncTime(): Promise<TimeStatus> {
    let time: TimeStatus = 'in-sync';
    try {
      await this.use((t) => t.setTime(Math.floor(this.clock.now() / 1000), false));
    } catch (e) {
      if (!isDeviceError(e) || e.code !== 'time-refused') throw e;
      time = 'out-of-sync';
    }
    if (time !== this.time) {
      this.time = time;
      const info = await this.current();
      if (info) this.emit('token/changed', info);
      this.changed();
    }
    return time;
  }

  /**
   * Runs `fn` with the token. No token → AppError('no-token'). A token that went away during the
   * call is detached before the error is passed on.
   */
  async use<T>(fn: (token: Token) => Promise<T>): Promise<T> {
    const token = this.token;
    if (!token) throw new AppError('no-token');
    try {
      return await fn(token);
    } catch (e) {
      if (isDeviceError(e) && e.code === 'token-unplugged' && this.token === token) await this.detach();
      throw e;
    }
  }

  /** Forces the token's clock to this computer's. */
  async setTimeForced(): Promise<TokenInfo> {
    await this.use((t) => t.setTime(Math.floor(this.clock.now() / 1000), true));
    this.time = 'in-sync';
    return this.announce();
  }

  /** Checks a PIN; reports whether it is the factory default (the UI then asks for a change). */
  async verifyPin(kind: PinKind, pin: string): Promise<{ isDefaultPin: boolean; info: TokenInfo }> {
    try {
      await this.use((t) => t.authenticate(kind, pin));
    } finally {
      // Tries left change either way; the token panel shows them.
      if (this.token) void this.announce().catch(() => undefined);
    }
    return { isDefaultPin: pin === DEFAULT_PINS[kind], info: await this.info() };
  }

  /** Authenticates when a PIN came with the request, else requires a held authorisation. */
  async ensureAuth(kind: PinKind, pin: string | undefined): Promise<void> {
    await this.use(async (t) => {
      if (pin !== undefined) {
        try {
          await t.authenticate(kind, pin);
        } catch (e) {
          void this.announce().catch(() => undefined);
          throw e;
        }
      } else if (!t.isAuthenticated(kind)) {
        throw new DeviceError('not-authorized', { reason: 'enter-pin', kind });
      }
    });
  }

  /** The token panel's facts now, or null without a token. */
  async current(): Promise<TokenInfo | null> {
    // A token being attached (just found at start-up) is as good as there: wait for it.
    if (this.attaching) await this.attaching.catch(() => undefined);
    const token = this.token;
    if (!token) return null;
    if (!this.lastInfo) return this.info();
    // Authorisations expire with time, so they are read fresh; they cost no command.
    return {
      ...this.lastInfo,
      time: this.time,
      isAuthenticated: { admin: token.isAuthenticated('admin'), user: token.isAuthenticated('user') },
    };
  }

  /** Reads the status and builds TokenInfo. */
  async info(): Promise<TokenInfo> {
    return this.use(async (t) => {
      const info = await this.describe(t);
      if (this.token === t) this.lastInfo = info;
      return info;
    });
  }

  /** One status read (GET_STATUS and the retry counts) as TokenInfo. */
  private async describe(t: Token): Promise<TokenInfo> {
    const s = await t.status();
    const info: TokenInfo = {
      id: t.info.path,
      model: s.model,
      serial: s.serial,
      firmware: `${s.firmware.major}.${s.firmware.minor}`,
      adminRetries: s.adminRetries,
      userRetries: s.userRetries,
      isVirtual: s.isVirtual,
      isLegacy: s.isLegacy,
      isUserPinRequiredForCodes: s.config.isUserPasswordRequired,
      lockKeys: { numlock: s.config.numlock, capslock: s.config.capslock, scrolllock: s.config.scrolllock },
      time: this.time,
      isAuthenticated: { admin: t.isAuthenticated('admin'), user: t.isAuthenticated('user') },
      limits: {
        slotName: LIMITS.slotName,
        secretMax: s.maxSecretBytes,
        pwsName: LIMITS.pwsName,
        pwsLogin: LIMITS.pwsLogin,
        pwsPassword: LIMITS.pwsPassword,
        pin: (s.model === 'storage' ? LIMITS.storagePin : LIMITS.pin) - 1,
      },
    };
    return info;
  }

  /** Re-reads the status and pushes it to the window. */
  async announce(): Promise<TokenInfo> {
    const info = await this.info();
    this.emit('token/changed', info);
    this.changed();
    return info;
  }

  /** Subscribes to "something changed" (the tray rebuilds its menu). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  changed(): void {
    for (const l of this.changeListeners) l();
  }
}
