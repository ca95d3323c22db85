/**
 * PIN authentication of a Pro-style session (protocol reference §6): temporary passwords kept by the
 * host, PIN-carrying commands with their tries-left error, and the legacy AUTHORIZE protocol. keyslot
 * never retries a PIN by itself (style guide §3).
 */
import { DeviceError } from '../errors';
import { COMMAND } from '../protocol/command-ids';
import * as cmd from '../protocol/commands';
import type { DecodedResponse } from '../protocol/frame';
import { COMMAND_STATUS, errorForStatus } from '../protocol/status';
import type { SessionCore } from './core';
import { newTempPassword, pinBytes, type PinKind } from './pins';

/** How long a host keeps a temporary password after its last use, as nitrokey-app does (§6.2). */
export const AUTH_LIFETIME_MS = 10 * 60 * 1000;

interface Auth {
  temp: Uint8Array;
  /** Legacy firmware consumes the temporary password, so the PIN is kept to authenticate again (§6.3). */
  pin?: Uint8Array;
  /** The temporary password has not been spent by an AUTHORIZE yet (legacy, §6.3). */
  isUnspent: boolean;
  lastUsed: number;
}

const AUTHENTICATE_NAME: Record<PinKind, string> = { admin: 'FIRST_AUTHENTICATE', user: 'USER_AUTHENTICATE' };

/** The temporary passwords of one session and the commands that use them. */
export class SessionAuth {
  private held: Partial<Record<PinKind, Auth>> = {};

  constructor(private readonly core: SessionCore) {}

  /**
   * Checks a PIN and keeps a temporary password for later admin commands (admin) or codes (user).
   * Wrong PIN → DeviceError('wrong-pin', {retriesLeft}) or 'pin-locked'. Never retries by itself.
   * The firmware version is learnt first when unknown: legacy firmware needs the PIN kept (§6.3).
   */
  async authenticate(kind: PinKind, pin: string): Promise<void> {
    const bytes = pinBytes(pin);
    let isKept = false;
    return this.core.exclusive(async () => {
      try {
        this.drop(kind);
        await this.core.knownFirmware();
        const isLegacy = this.core.isLegacy;
        const temp = newTempPassword(this.core.opts.randomBytes);
        await this.pinCommand(kind, cmd.encodeAuthenticate(kind, bytes, temp), AUTHENTICATE_NAME[kind]);
        this.held[kind] = { temp, pin: isLegacy ? bytes : undefined, isUnspent: true, lastUsed: this.core.clock.now() };
        isKept = isLegacy;
      } finally {
        // The PIN's bytes are wiped unless legacy firmware needs them kept (then drop() wipes them).
        if (!isKept) bytes.fill(0);
      }
    });
  }

  /** True while a temporary password of this kind is held and fresh. */
  isAuthenticated(kind: PinKind): boolean {
    const a = this.held[kind];
    return !!a && this.core.clock.now() - a.lastUsed < AUTH_LIFETIME_MS;
  }

  /** Forgets one kind's temporary password (and its kept PIN). */
  drop(kind: PinKind): void {
    this.held[kind]?.temp.fill(0);
    this.held[kind]?.pin?.fill(0);
    delete this.held[kind];
  }

  /** Forgets the temporary passwords (and, on legacy firmware, the PINs kept for them). */
  forgetAll(): void {
    this.drop('admin');
    this.drop('user');
  }

  /**
   * Sends a command that carries a PIN. On WRONG_PASSWORD reads how many tries are left and throws
   * 'wrong-pin' (or 'pin-locked' at 0). Call inside `exclusive`.
   */
  async pinCommand(kind: PinKind, frame: Uint8Array, name: string): Promise<Uint8Array> {
    let d;
    try {
      d = await this.core.send(frame);
    } finally {
      frame.fill(0); // the frame carried the PIN (issue 9 item 10); nothing resends it
    }
    if (d.commandStatus === COMMAND_STATUS.OK) return d.payload;
    if (d.commandStatus === COMMAND_STATUS.WRONG_PASSWORD) throw await this.wrongPinError(kind, name);
    throw errorForStatus(d.commandStatus, name);
  }

  private async wrongPinError(kind: PinKind, name: string): Promise<DeviceError> {
    const id = kind === 'admin' ? COMMAND.GET_PASSWORD_RETRY_COUNT : COMMAND.GET_USER_PASSWORD_RETRY_COUNT;
    const retriesLeft = (await this.core.simple(id, 'RETRY_COUNT'))[0];
    const detail = `${name}: WRONG_PASSWORD (4)`;
    return retriesLeft === 0
      ? new DeviceError('pin-locked', { retriesLeft: 0, detail, status: 4 })
      : new DeviceError('wrong-pin', { retriesLeft, detail, status: 4 });
  }

  /** The held temporary password of a kind, or 'not-authorized' asking for the PIN. */
  heldTemp(kind: PinKind): Uint8Array {
    return this.heldAuth(kind).temp;
  }

  private heldAuth(kind: PinKind): Auth {
    const a = this.held[kind];
    if (!a || this.core.clock.now() - a.lastUsed >= AUTH_LIFETIME_MS) {
      this.drop(kind);
      throw new DeviceError('not-authorized', { reason: 'enter-pin', kind, detail: 'no temporary password held' });
    }
    a.lastUsed = this.core.clock.now();
    return a;
  }

  /**
   * Legacy protocol (§6.3): FIRST_AUTHENTICATE again unless the temporary password is still unspent
   * (Pro ≤ 0.7 consumes it at AUTHORIZE), then AUTHORIZE bound to the CRC of `frame`, then `frame`.
   * Call inside `exclusive`.
   */
  async sendLegacyAuthorized(kind: PinKind, frame: Uint8Array): Promise<DecodedResponse> {
    const a = this.heldAuth(kind);
    if (a.pin && !a.isUnspent) {
      const temp = newTempPassword(this.core.opts.randomBytes);
      await this.pinCommand(kind, cmd.encodeAuthenticate(kind, a.pin, temp), AUTHENTICATE_NAME[kind]);
      a.temp = temp;
    }
    const authorize = kind === 'admin' ? 'AUTHORIZE' : 'USER_AUTHORIZE';
    a.isUnspent = false;
    await this.core.expectOk(cmd.encodeAuthorize(kind, frame, a.temp), authorize);
    return this.core.send(frame);
  }

  /**
   * Sends an admin command, new protocol (temporary password inside `frame`) or legacy (AUTHORIZE
   * first); NOT_AUTHORIZED drops the held password so the caller asks for the PIN. Call inside `exclusive`.
   */
  async adminOk(frame: Uint8Array, name: string, legacy: boolean): Promise<Uint8Array> {
    const d = legacy ? await this.sendLegacyAuthorized('admin', frame) : await this.core.send(frame);
    if (d.commandStatus === COMMAND_STATUS.NOT_AUTHORIZED) {
      this.drop('admin');
      throw new DeviceError('not-authorized', {
        reason: 'enter-pin-again',
        kind: 'admin',
        detail: `${name}: NOT_AUTHORIZED (5)`,
        status: 5,
      });
    }
    if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, name);
    return d.payload;
  }
}
