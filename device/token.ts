/**
 * Token: the one session API for a Nitrokey Pro, Nitrokey Storage or Librem Key. The CLI and the
 * Electron app use only this. A thin facade: the work is split by concern under device/session/
 * (core: queue and wire; auth: PINs; otp-slots; admin; password-safe). All commands go through one
 * queue (protocol reference §9.13). Opening sends nothing: each operation asks the token only what
 * its answer needs, and the firmware version is read once, when a command's layout depends on it.
 */
import { systemClock } from './clock';
import { isDeviceError, type DeviceError } from './errors';
import type { GeneralConfig, SlotRef } from './protocol/commands';
import type { DecodedResponse } from './protocol/frame';
import { AdminCommands, type TokenStatus } from './session/admin';
import { SessionAuth } from './session/auth';
import { SessionCore, type FirmwareVersion, type SessionOptions } from './session/core';
import { OtpSlots } from './session/otp-slots';
import { PasswordSafe } from './session/password-safe';
import type { PinKind } from './session/pins';
import type { OtpSlot, SlotWrite } from './session/slot-write';
import type { DeviceInfo, Model, Transport } from './transport/types';

export type { PinKind } from './session/pins';
export type { TokenStatus } from './session/admin';
export type { OtpSlot, SlotWrite } from './session/slot-write';
export { AUTH_LIFETIME_MS } from './session/auth';

/** Options of `Token.open`; every field is optional (the clock defaults to the system clock). */
export type TokenOptions = Partial<SessionOptions>;

/** A session with one token. Create it with `Token.open`. */
export class Token {
  readonly info: DeviceInfo;
  readonly model: Model;
  readonly pws: PasswordSafe;
  private readonly core: SessionCore;
  private readonly auth: SessionAuth;
  private readonly otp: OtpSlots;
  private readonly admin: AdminCommands;

  private constructor(transport: Transport, opts: TokenOptions) {
    this.core = new SessionCore(transport, { ...opts, clock: opts.clock ?? systemClock });
    this.auth = new SessionAuth(this.core);
    this.otp = new OtpSlots(this.core, this.auth);
    this.admin = new AdminCommands(this.core, this.auth);
    this.info = transport.info;
    this.model = transport.info.model;
    this.pws = new PasswordSafe(this);
  }

  /**
   * Opens a session. Sends nothing: the firmware version is read when first needed (or by `ready`).
   * Rejects with DeviceError (e.g. 'token-unplugged') only from later commands.
   */
  static async open(transport: Transport, opts: TokenOptions = {}): Promise<Token> {
    return new Token(transport, opts);
  }

  /** Reads the firmware version if this session does not know it yet (one GET_STATUS, Storage GET_DEVICE_STATUS). */
  async ready(): Promise<this> {
    await this.core.exclusive(() => this.core.knownFirmware());
    return this;
  }

  /** Firmware version. Throws unless known: after `ready()`, `status()` or a command that needed it. */
  get firmware(): FirmwareVersion {
    if (!this.core.firmware) throw new Error('firmware version not read yet: await token.ready() first');
    return this.core.firmware;
  }

  /** Legacy AUTHORIZE protocol and 20-byte secrets (§6.4). Needs the firmware known (see `firmware`). */
  get isLegacy(): boolean {
    return this.core.isLegacy;
  }

  /** Longest secret a slot stores, in bytes. Needs the firmware known (see `firmware`). */
  get maxSecretBytes(): number {
    return this.core.maxSecretBytes;
  }

  /** Closes the transport and forgets temporary passwords. */
  async close(): Promise<void> {
    this.auth.forgetAll();
    await this.core.transport.close();
  }

  /** Runs a raw command inside the queue (for PasswordSafe and tests). */
  async command(frame: Uint8Array): Promise<DecodedResponse> {
    return this.core.exclusive(() => this.core.send(frame));
  }

  /** Runs several commands without another caller's commands in between. */
  batch<T>(fn: (send: (frame: Uint8Array) => Promise<DecodedResponse>) => Promise<T>): Promise<T> {
    return this.core.exclusive(() => fn((f) => this.core.send(f)));
  }

  /** A PIN-carrying command inside `batch` (see SessionAuth.pinCommand). */
  pinCommand(kind: PinKind, frame: Uint8Array, name: string): Promise<Uint8Array> {
    return this.auth.pinCommand(kind, frame, name);
  }

  // ---- authentication (session/auth.ts) -----------------------------------------------------

  /** Checks a PIN and keeps a temporary password. Wrong → 'wrong-pin' {retriesLeft} / 'pin-locked'. */
  authenticate(kind: PinKind, pin: string): Promise<void> {
    return this.auth.authenticate(kind, pin);
  }

  /** True while a temporary password of this kind is held and fresh. */
  isAuthenticated(kind: PinKind): boolean {
    return this.auth.isAuthenticated(kind);
  }

  /** Forgets the temporary passwords (and, on legacy firmware, the PINs kept for them). */
  forgetAuth(): void {
    this.auth.forgetAll();
  }

  // ---- status, config, PINs (session/admin.ts) ----------------------------------------------

  /** Model, serial, firmware, PIN tries left and general config. */
  status(): Promise<TokenStatus> {
    return this.admin.status();
  }

  /** PIN tries left: admin and user (0 = locked). */
  retryCounts(): Promise<Record<PinKind, number>> {
    return this.admin.retryCounts();
  }

  /** The general config (§7.2). */
  getConfig(): Promise<GeneralConfig> {
    return this.admin.getConfig();
  }

  /** Writes the general config (admin authentication needed first). */
  setConfig(c: GeneralConfig): Promise<void> {
    return this.admin.setConfig(c);
  }

  /** Changes a PIN. Wrong current PIN → 'wrong-pin' with tries left. */
  changePin(kind: PinKind, current: string, next: string): Promise<void> {
    return this.admin.changePin(kind, current, next);
  }

  /** Sets a new user PIN with the admin PIN; resets the user counter to 3 (§5.10). */
  unlockUserPin(adminPin: string, newUserPin: string): Promise<void> {
    return this.admin.unlockUserPin(adminPin, newUserPin);
  }

  /** LOCK_DEVICE; keyslot forgets its temporary passwords too. */
  lock(): Promise<void> {
    return this.admin.lock();
  }

  /** Factory reset with the admin PIN (§5.10). The password safe then needs a new AES key. */
  factoryReset(adminPin: string): Promise<void> {
    return this.admin.factoryReset(adminPin);
  }

  // ---- OTP slots (session/otp-slots.ts) -----------------------------------------------------

  /** Reads one slot; null if it is empty. */
  readSlot(slot: SlotRef): Promise<OtpSlot | null> {
    return this.otp.readSlot(slot);
  }

  /** Every slot in order (HOTP 1..3, then TOTP 1..15), null where empty. */
  listSlots(): Promise<{ slot: SlotRef; value: OtpSlot | null }[]> {
    return this.otp.listSlots();
  }

  /** Checks a slot write against this token's limits without sending; needs the firmware known. */
  checkSlotWrite(slot: SlotRef, w: SlotWrite): DeviceError | null {
    return this.otp.checkSlotWrite(slot, w);
  }

  /** Writes a slot (admin authentication needed first); limits are checked before sending. */
  writeSlot(slot: SlotRef, w: SlotWrite): Promise<void> {
    return this.otp.writeSlot(slot, w);
  }

  /** Erases a slot (admin authentication needed first). */
  eraseSlot(slot: SlotRef): Promise<void> {
    return this.otp.eraseSlot(slot);
  }

  /** The slot's code (HOTP advances its counter; TOTP: `setTime` first). 'not-authorized' → user PIN. */
  getCode(slot: SlotRef): Promise<{ code: string; digits: 6 | 8 }> {
    return this.otp.getCode(slot);
  }

  /** Whether codes need the user PIN (config byte 3 == 1, §14.3). */
  isUserPinRequiredForCodes(): Promise<boolean> {
    return this.otp.isUserPinRequiredForCodes();
  }

  /** Sets the token's clock (§5.11); a soft set going back a minute or more → 'time-refused'. */
  setTime(unixSeconds: number, force = false): Promise<void> {
    return this.otp.setTime(unixSeconds, force);
  }
}

export { isDeviceError };
