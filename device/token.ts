/**
 * Token: the one session API for a Nitrokey Pro, Nitrokey Storage or Librem Key. The CLI and the
 * Electron app use only this. All commands go through one queue (protocol reference §9.13).
 */
import { systemClock, type Clock } from './clock';
import { DeviceError, isDeviceError } from './errors';
import { COMMAND } from './protocol/command-ids';
import * as cmd from './protocol/commands';
import { type GeneralConfig, type SlotRef, LIMITS, SLOT_COUNT, SLOT_FLAG } from './protocol/commands';
import { utf8 } from './protocol/fields';
import type { DecodedResponse } from './protocol/frame';
import { COMMAND_STATUS, errorForStatus } from './protocol/status';
import { LONG_COMMANDS, transact, type TrafficEntry } from './session/transaction';
import { newTempPassword, pinBytes, type PinKind } from './session/pins';
import { PasswordSafe } from './session/password-safe';
import type { DeviceInfo, Model, Transport } from './transport/types';

export type { PinKind } from './session/pins';

/** How long a host keeps a temporary password after its last use, as nitrokey-app does (§6.2). */
export const AUTH_LIFETIME_MS = 10 * 60 * 1000;

export interface TokenOptions {
  clock?: Clock;
  /** Random bytes for temporary passwords (tests inject a fixed source). */
  randomBytes?: (n: number) => Uint8Array;
  /** Timeout per command in ms (default 3000; factory reset and key generation get 30000). */
  timeoutMs?: number;
  /** Receives one entry per command: name, status, round trips, ms. Never payloads. */
  onTraffic?: (entry: TrafficEntry) => void;
}

/** What `status()` reports. */
export interface TokenStatus {
  model: Model;
  firmware: { major: number; minor: number };
  /** OpenPGP card serial as 8 lower-case hex digits (libnitrokey's form). */
  serial: string;
  adminRetries: number;
  userRetries: number;
  config: GeneralConfig;
  /** Firmware speaks the legacy AUTHORIZE protocol (Pro ≤ 0.7, Storage ≤ 0.53, §6.4). */
  isLegacy: boolean;
  /** Longest secret the slot can store, in bytes (40, or 20 on legacy firmware). */
  maxSecretBytes: number;
  isVirtual: boolean;
  path: string;
}

/** A programmed OTP slot as READ_SLOT reports it (the secret cannot be read back). */
export interface OtpSlot {
  slot: SlotRef;
  name: string;
  digits: 6 | 8;
  /** TOTP time step in seconds. */
  period?: number;
  /** HOTP: the counter the next code will use. */
  counter?: bigint;
  flags: number;
  tokenId: string;
}

/** What to write into an OTP slot. Validate user input with device/otp before building this. */
export interface SlotWrite {
  name: string;
  /** Raw secret bytes; an empty array keeps the slot's current secret (§5.3 step 3). */
  secret: Uint8Array;
  digits: 6 | 8;
  /** TOTP time step in seconds (1..65535). */
  period?: number;
  /** HOTP initial counter. */
  counter?: bigint;
  tokenId?: string;
  sendEnter?: boolean;
}

interface Auth {
  temp: Uint8Array;
  /** Legacy firmware consumes the temporary password, so the PIN is kept to authenticate again (§6.3). */
  pin?: Uint8Array;
  lastUsed: number;
}

/** A session with one token. Create it with `Token.open`. */
export class Token {
  readonly info: DeviceInfo;
  readonly model: Model;
  firmware: { major: number; minor: number } = { major: 0, minor: 0 };
  readonly pws: PasswordSafe;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly opts: TokenOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private auth: Partial<Record<PinKind, Auth>> = {};
  private lastFrame: Uint8Array | null = null;
  /** General config as last read or written in this session; null until known. */
  private config: GeneralConfig | null = null;

  private constructor(transport: Transport, opts: TokenOptions) {
    this.transport = transport;
    this.info = transport.info;
    this.model = transport.info.model;
    this.clock = opts.clock ?? systemClock;
    this.opts = opts;
    this.pws = new PasswordSafe(this);
  }

  /** Opens a session and reads the firmware version. Rejects with DeviceError (e.g. 'token-unplugged'). */
  static async open(transport: Transport, opts: TokenOptions = {}): Promise<Token> {
    const token = new Token(transport, opts);
    await token.readVersion();
    return token;
  }

  /** Legacy AUTHORIZE protocol and 20-byte secrets (§6.4). */
  get isLegacy(): boolean {
    return this.model === 'storage' ? this.firmware.minor <= 53 : this.firmware.minor <= 7;
  }

  get maxSecretBytes(): number {
    return this.isLegacy ? LIMITS.legacySecret : LIMITS.secret;
  }

  /** Closes the transport and forgets temporary passwords. */
  async close(): Promise<void> {
    this.forgetAuth();
    await this.transport.close();
  }

  // ---- low level -------------------------------------------------------------------------

  /** Runs `fn` alone on the token: one command sequence at a time. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends one frame and returns the reply. A Storage may show the previous reply until it has
   * processed ours (§1.3), so the same frame is never sent twice in a row there: a GET_STATUS goes between.
   */
  private async send(frame: Uint8Array): Promise<DecodedResponse> {
    if (this.model === 'storage' && this.lastFrame && equalBytes(this.lastFrame, frame)) {
      const separator = frame[0] === COMMAND.GET_STATUS ? COMMAND.GET_PASSWORD_RETRY_COUNT : COMMAND.GET_STATUS;
      await this.sendOnce(cmd.encodeSimple(separator));
    }
    return this.sendOnce(frame);
  }

  private async sendOnce(frame: Uint8Array): Promise<DecodedResponse> {
    const timeoutMs = LONG_COMMANDS.has(frame[0]) ? 30_000 : (this.opts.timeoutMs ?? 3000);
    const d = await transact(this.transport, frame, {
      model: this.model,
      clock: this.clock,
      timeoutMs,
      onTraffic: this.opts.onTraffic,
    });
    this.lastFrame = frame;
    return d;
  }

  /** Sends and throws the mapped DeviceError unless the status is OK. */
  private async expectOk(frame: Uint8Array, name: string): Promise<Uint8Array> {
    const d = await this.send(frame);
    if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, name);
    return d.payload;
  }

  /** Runs a raw command inside the queue (for PasswordSafe and tests). */
  async command(frame: Uint8Array): Promise<DecodedResponse> {
    return this.exclusive(() => this.send(frame));
  }

  /** Runs several commands without another caller's commands in between. */
  batch<T>(fn: (send: (frame: Uint8Array) => Promise<DecodedResponse>) => Promise<T>): Promise<T> {
    return this.exclusive(() => fn((f) => this.send(f)));
  }

  private async readVersion(): Promise<void> {
    await this.exclusive(async () => {
      if (this.model === 'storage') {
        const s = cmd.decodeStorageStatus(
          await this.expectOk(cmd.encodeSimple(COMMAND.GET_DEVICE_STATUS), 'GET_DEVICE_STATUS'),
        );
        // libnitrokey counts a development build as the next minor version (§6.4).
        this.firmware = { major: s.firmware.major, minor: s.firmware.minor + (s.firmware.buildIteration ? 1 : 0) };
      } else {
        const pro = cmd.decodeProStatus(await this.expectOk(cmd.encodeSimple(COMMAND.GET_STATUS), 'GET_STATUS'));
        this.firmware = pro.firmware;
        this.config = pro.config;
      }
    });
  }

  /** The config from this session's cache, read from the token if not known yet. */
  private async cachedConfig(): Promise<GeneralConfig> {
    if (!this.config)
      this.config = cmd.decodeProStatus(await this.expectOk(cmd.encodeSimple(COMMAND.GET_STATUS), 'GET_STATUS')).config;
    return this.config;
  }

  // ---- status ------------------------------------------------------------------------------

  /** Model, serial, firmware, PIN tries left and general config. */
  async status(): Promise<TokenStatus> {
    return this.exclusive(async () => {
      const pro = cmd.decodeProStatus(await this.expectOk(cmd.encodeSimple(COMMAND.GET_STATUS), 'GET_STATUS'));
      this.config = pro.config;
      let serial = pro.cardSerial;
      let firmware = pro.firmware;
      if (this.model === 'storage') {
        const s = cmd.decodeStorageStatus(
          await this.expectOk(cmd.encodeSimple(COMMAND.GET_DEVICE_STATUS), 'GET_DEVICE_STATUS'),
        );
        serial = s.cardSerial;
        firmware = { major: s.firmware.major, minor: s.firmware.minor + (s.firmware.buildIteration ? 1 : 0) };
      }
      this.firmware = firmware;
      const adminRetries = (
        await this.expectOk(cmd.encodeSimple(COMMAND.GET_PASSWORD_RETRY_COUNT), 'GET_PASSWORD_RETRY_COUNT')
      )[0];
      const userRetries = (
        await this.expectOk(cmd.encodeSimple(COMMAND.GET_USER_PASSWORD_RETRY_COUNT), 'GET_USER_PASSWORD_RETRY_COUNT')
      )[0];
      return {
        model: this.model,
        firmware,
        serial: serial.toString(16).padStart(8, '0'),
        adminRetries,
        userRetries,
        config: pro.config,
        isLegacy: this.isLegacy,
        maxSecretBytes: this.maxSecretBytes,
        isVirtual: this.info.isVirtual,
        path: this.info.path,
      };
    });
  }

  /** PIN tries left: admin and user (0 = locked). */
  async retryCounts(): Promise<Record<PinKind, number>> {
    return this.exclusive(async () => ({
      admin: (await this.expectOk(cmd.encodeSimple(COMMAND.GET_PASSWORD_RETRY_COUNT), 'GET_PASSWORD_RETRY_COUNT'))[0],
      user: (
        await this.expectOk(cmd.encodeSimple(COMMAND.GET_USER_PASSWORD_RETRY_COUNT), 'GET_USER_PASSWORD_RETRY_COUNT')
      )[0],
    }));
  }

  /** The general config (§7.2). */
  async getConfig(): Promise<GeneralConfig> {
    return this.exclusive(async () => {
      this.config = cmd.decodeProStatus(await this.expectOk(cmd.encodeSimple(COMMAND.GET_STATUS), 'GET_STATUS')).config;
      return this.config;
    });
  }

  // ---- authentication ----------------------------------------------------------------------

  /**
   * Checks a PIN and keeps a temporary password for later admin commands (admin) or codes (user).
   * Wrong PIN → DeviceError('wrong-pin', {retriesLeft}) or 'pin-locked'. Never retries by itself.
   */
  async authenticate(kind: PinKind, pin: string): Promise<void> {
    const bytes = pinBytes(pin);
    return this.exclusive(async () => {
      delete this.auth[kind];
      const temp = newTempPassword(this.opts.randomBytes);
      await this.pinCommand(
        kind,
        cmd.encodeAuthenticate(kind, bytes, temp),
        kind === 'admin' ? 'FIRST_AUTHENTICATE' : 'USER_AUTHENTICATE',
      );
      this.auth[kind] = { temp, pin: this.isLegacy ? bytes : undefined, lastUsed: this.clock.now() };
    });
  }

  /** True while a temporary password of this kind is held and fresh. */
  isAuthenticated(kind: PinKind): boolean {
    const a = this.auth[kind];
    return !!a && this.clock.now() - a.lastUsed < AUTH_LIFETIME_MS;
  }

  /** Forgets the temporary passwords (and, on legacy firmware, the PINs kept for them). */
  forgetAuth(): void {
    for (const a of Object.values(this.auth)) {
      a?.temp.fill(0);
      a?.pin?.fill(0);
    }
    this.auth = {};
  }

  /**
   * Sends a command that carries a PIN. On WRONG_PASSWORD reads how many tries are left and throws
   * 'wrong-pin' (or 'pin-locked' at 0).
   */
  async pinCommand(kind: PinKind, frame: Uint8Array, name: string): Promise<Uint8Array> {
    const d = await this.send(frame);
    if (d.commandStatus === COMMAND_STATUS.OK) return d.payload;
    if (d.commandStatus === COMMAND_STATUS.WRONG_PASSWORD) throw await this.wrongPinError(kind, name);
    throw errorForStatus(d.commandStatus, name);
  }

  private async wrongPinError(kind: PinKind, name: string): Promise<DeviceError> {
    const id = kind === 'admin' ? COMMAND.GET_PASSWORD_RETRY_COUNT : COMMAND.GET_USER_PASSWORD_RETRY_COUNT;
    const retriesLeft = (await this.expectOk(cmd.encodeSimple(id), 'RETRY_COUNT'))[0];
    const detail = `${name}: WRONG_PASSWORD (4)`;
    return retriesLeft === 0
      ? new DeviceError('pin-locked', { retriesLeft: 0, detail, status: 4 })
      : new DeviceError('wrong-pin', { retriesLeft, detail, status: 4 });
  }

  /** The held temporary password of a kind, or 'not-authorized' asking for the PIN. */
  private heldAuth(kind: PinKind): Auth {
    const a = this.auth[kind];
    if (!a || this.clock.now() - a.lastUsed >= AUTH_LIFETIME_MS) {
      delete this.auth[kind];
      throw new DeviceError('not-authorized', { hint: `Enter the ${kind} PIN.`, detail: 'no temporary password held' });
    }
    a.lastUsed = this.clock.now();
    return a;
  }

  /**
   * Legacy protocol (§6.3): FIRST_AUTHENTICATE again (Pro ≤ 0.7 consumes the temporary password),
   * then AUTHORIZE bound to the CRC of `frame`, then `frame`.
   */
  private async sendLegacyAuthorized(kind: PinKind, frame: Uint8Array, _name: string): Promise<DecodedResponse> {
    const a = this.heldAuth(kind);
    if (a.pin) {
      const temp = newTempPassword(this.opts.randomBytes);
      await this.pinCommand(
        kind,
        cmd.encodeAuthenticate(kind, a.pin, temp),
        kind === 'admin' ? 'FIRST_AUTHENTICATE' : 'USER_AUTHENTICATE',
      );
      a.temp = temp;
    }
    await this.expectOk(cmd.encodeAuthorize(kind, frame, a.temp), kind === 'admin' ? 'AUTHORIZE' : 'USER_AUTHORIZE');
    return this.send(frame);
  }

  /** Sends an admin command; NOT_AUTHORIZED drops the held password so the caller asks for the PIN. */
  private async adminOk(frame: Uint8Array, name: string, legacy: boolean): Promise<Uint8Array> {
    const d = legacy ? await this.sendLegacyAuthorized('admin', frame, name) : await this.send(frame);
    if (d.commandStatus === COMMAND_STATUS.NOT_AUTHORIZED) {
      delete this.auth.admin;
      throw new DeviceError('not-authorized', {
        hint: 'Enter the admin PIN again.',
        detail: `${name}: NOT_AUTHORIZED (5)`,
        status: 5,
      });
    }
    if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, name);
    return d.payload;
  }

  // ---- OTP slots ---------------------------------------------------------------------------

  /** Reads one slot; null if it is empty. */
  async readSlot(slot: SlotRef): Promise<OtpSlot | null> {
    const n = wireSlot(slot);
    return this.exclusive(() => this.readSlotUnqueued(slot, n));
  }

  private async readSlotUnqueued(slot: SlotRef, n: number): Promise<OtpSlot | null> {
    const d = await this.send(cmd.encodeReadSlot(n));
    if (d.commandStatus === COMMAND_STATUS.SLOT_NOT_PROGRAMMED) return null;
    if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, 'READ_SLOT');
    const format =
      this.model === 'storage' && this.isLegacy
        ? slot.kind === 'hotp'
          ? 'ascii'
          : 'binary'
        : this.isLegacy && slot.kind === 'totp'
          ? 'u16'
          : 'binary';
    const rec = cmd.decodeReadSlot(d.payload, format);
    const base = {
      slot,
      name: rec.name,
      digits: (rec.flags & SLOT_FLAG.EIGHT_DIGITS ? 8 : 6) as 6 | 8,
      flags: rec.flags,
      tokenId: rec.tokenId,
    };
    return slot.kind === 'totp'
      ? { ...base, period: Number(this.model === 'storage' ? rec.counterOrStep : rec.counterOrStep & 0xffffn) }
      : { ...base, counter: rec.counterOrStep };
  }

  /** Every slot in order (HOTP 1..3, then TOTP 1..15), null where empty. */
  async listSlots(): Promise<{ slot: SlotRef; value: OtpSlot | null }[]> {
    return this.exclusive(async () => {
      const out: { slot: SlotRef; value: OtpSlot | null }[] = [];
      for (const kind of ['hotp', 'totp'] as const) {
        for (let index = 0; index < SLOT_COUNT[kind]; index++) {
          const slot = { kind, index };
          out.push({ slot, value: await this.readSlotUnqueued(slot, cmd.slotNumber(slot)) });
        }
      }
      return out;
    });
  }

  /**
   * Writes a slot (admin authentication needed first). Checks every limit before sending anything:
   * name 1..15 bytes, secret ≤ 40 bytes (20 on legacy firmware), digits 6 or 8, TOTP step 1..65535,
   * token ID ≤ 13 bytes. Throws DeviceError with the field's code.
   */
  /**
   * Checks a slot write against every limit of this token without sending anything: name 1..15
   * bytes, secret ≤ 40 bytes (20 on legacy firmware) and not all zero, digits 6 or 8, TOTP step
   * 1..65535, token ID ≤ 13 bytes, HOTP counter range. Returns the error, or null if it fits.
   */
  checkSlotWrite(slot: SlotRef, w: SlotWrite): DeviceError | null {
    try {
      this.slotParams(slot, w);
      return null;
    } catch (e) {
      if (isDeviceError(e)) return e;
      throw e;
    }
  }

  private slotParams(slot: SlotRef, w: SlotWrite): { n: number; name: Uint8Array; params: cmd.SlotParams } {
    const n = wireSlot(slot);
    const name = utf8(w.name);
    if (name.length === 0) throw new DeviceError('name-empty');
    if (name.length > LIMITS.slotName)
      throw new DeviceError('name-too-long', {
        hint: `It has ${name.length} bytes; the token stores ${LIMITS.slotName}.`,
      });
    if (w.secret.length > this.maxSecretBytes) {
      throw new DeviceError('secret-too-long', {
        hint: `It has ${w.secret.length} bytes; this firmware stores ${this.maxSecretBytes}.`,
      });
    }
    // The firmware reads an all-zero secret as "keep the stored one" (§5.3 step 3).
    if (w.secret.length > 0 && w.secret.every((b) => b === 0))
      throw new DeviceError('secret-invalid', { hint: 'A secret of only zero bytes cannot be stored.' });
    if (this.isLegacy && w.secret.length === 0)
      throw new DeviceError('secret-empty', { hint: 'This firmware needs the secret with every write.' });
    if (w.digits !== 6 && w.digits !== 8) throw new DeviceError('digits-unsupported');
    const tokenId = utf8(w.tokenId ?? '');
    if (tokenId.length > LIMITS.tokenId)
      throw new DeviceError('bad-input', { hint: `The token ID takes at most ${LIMITS.tokenId} bytes.` });
    let counterOrStep: bigint;
    if (slot.kind === 'totp') {
      const p = w.period ?? 30;
      if (!Number.isInteger(p) || p < 1 || p > 0xffff)
        throw new DeviceError('period-unsupported', { hint: 'Use 1 to 65535 seconds.' });
      counterOrStep = BigInt(p);
    } else {
      counterOrStep = w.counter ?? 0n;
      if (counterOrStep < 0n || counterOrStep > 0xffffffffffffffffn) throw new DeviceError('counter-invalid');
      if (this.model === 'storage' && this.isLegacy && counterOrStep > 99_999_999n) {
        throw new DeviceError('counter-invalid', { hint: 'This firmware stores at most 8 decimal digits.' });
      }
    }
    if (this.model === 'storage' && n === 0x2e) {
      // Storage firmware ignores writes to TOTP slot 15 yet answers OK (§5.3 step 5): refuse before sending.
      throw new DeviceError('wrong-slot', {
        hint: 'The Nitrokey Storage cannot store TOTP slot 15; use another slot.',
        detail: 'storage slot 0x2e',
      });
    }
    const flags = (w.digits === 8 ? SLOT_FLAG.EIGHT_DIGITS : 0) | (w.sendEnter ? SLOT_FLAG.SEND_ENTER : 0);
    return { n, name, params: { counterOrStep, flags, tokenId } };
  }

  /**
   * Writes a slot (admin authentication needed first). Checks every limit first (`checkSlotWrite`)
   * and rejects with that DeviceError before sending anything.
   */
  async writeSlot(slot: SlotRef, w: SlotWrite): Promise<void> {
    const { n, name, params } = this.slotParams(slot, w);
    return this.exclusive(async () => {
      if (this.isLegacy) {
        await this.adminOk(
          cmd.encodeLegacyWriteToSlot(n, name, w.secret, params, this.model === 'storage'),
          'WRITE_TO_SLOT',
          true,
        );
        return;
      }
      const temp = this.heldAuth('admin').temp;
      await this.adminOk(cmd.encodeSendOtpData(temp, 'N', 0, name), 'SEND_OTP_DATA', false);
      // Always stage all 40 bytes (zero padded; HMAC pads keys with zeros anyway, RFC 2104): a
      // transaction another host abandoned keeps its staged secret (§5.3 step 6), and sending fewer
      // chunks than libnitrokey's "only as many as needed" would keep its tail. An empty secret
      // stages 40 zero bytes, which the firmware reads as "keep the stored secret".
      const staged = new Uint8Array(LIMITS.secret);
      staged.set(w.secret);
      for (let chunk = 0; chunk * 30 < LIMITS.secret; chunk++) {
        await this.adminOk(
          cmd.encodeSendOtpData(temp, 'S', chunk, staged.subarray(chunk * 30, chunk * 30 + 30)),
          'SEND_OTP_DATA',
          false,
        );
      }
      await this.adminOk(cmd.encodeWriteToSlot(temp, n, params), 'WRITE_TO_SLOT', false);
    });
  }

  /** Erases a slot (admin authentication needed first). */
  async eraseSlot(slot: SlotRef): Promise<void> {
    const n = wireSlot(slot);
    return this.exclusive(async () => {
      const legacy = this.isLegacy;
      await this.adminOk(cmd.encodeEraseSlot(n, legacy ? null : this.heldAuth('admin').temp), 'ERASE_SLOT', legacy);
    });
  }

  /**
   * Asks the token for the slot's code. HOTP advances the slot's counter. TOTP uses the token's
   * clock: call `setTime` first. If the config requires the user PIN, authenticate('user') first.
   */
  async getCode(slot: SlotRef): Promise<{ code: string; digits: 6 | 8 }> {
    const n = wireSlot(slot);
    return this.exclusive(async () => {
      // The config read at open (or since) says whether the user PIN is needed; another host may
      // have changed it, which shows as NOT_AUTHORIZED below and refreshes the cache.
      const needsUser = (await this.cachedConfig()).isUserPasswordRequired;
      let d: DecodedResponse;
      if (needsUser && this.isLegacy) {
        d = await this.sendLegacyAuthorized('user', cmd.encodeGetCode(n), 'GET_CODE');
      } else {
        d = await this.send(cmd.encodeGetCode(n, needsUser ? this.heldAuth('user').temp : undefined));
      }
      if (d.commandStatus === COMMAND_STATUS.NOT_AUTHORIZED) {
        this.config = null;
        delete this.auth.user;
        throw new DeviceError('not-authorized', {
          hint: 'This token needs the user PIN for codes. Enter it again.',
          detail: 'GET_CODE: NOT_AUTHORIZED (5)',
          status: 5,
        });
      }
      if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, 'GET_CODE');
      return cmd.decodeGetCode(d.payload);
    });
  }

  /** Whether codes need the user PIN (config byte 3 == 1, §14.3). */
  async isUserPinRequiredForCodes(): Promise<boolean> {
    return this.exclusive(async () => (await this.cachedConfig()).isUserPasswordRequired);
  }

  /**
   * Sets the token's clock (§5.11). `force: false` is a soft set that the token refuses with
   * 'time-refused' when the time would go back a minute or more; `force: true` always sets it.
   */
  async setTime(unixSeconds: number, force = false): Promise<void> {
    return this.exclusive(async () => {
      const d = await this.send(cmd.encodeSetTime(unixSeconds, force));
      if (d.commandStatus === COMMAND_STATUS.TIMESTAMP_WARNING) {
        throw new DeviceError('time-refused', {
          hint: force
            ? 'The token could not store the time.'
            : "If this computer's clock is right, set the token's time with force (keyslot time set --force).",
          detail: 'SET_TIME: TIMESTAMP_WARNING (6)',
          status: 6,
        });
      }
      if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, 'SET_TIME');
    });
  }

  /** Writes the general config (admin authentication needed first). */
  async setConfig(c: GeneralConfig): Promise<void> {
    for (const k of ['numlock', 'capslock', 'scrolllock'] as const) {
      const v = c[k];
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > 2))
        throw new DeviceError('bad-input', { hint: `${k} takes a HOTP slot 1..3 or off.` });
    }
    return this.exclusive(async () => {
      const legacy = this.isLegacy;
      await this.adminOk(cmd.encodeWriteConfig(c, legacy ? null : this.heldAuth('admin').temp), 'WRITE_CONFIG', legacy);
      this.config = null;
    });
  }

  // ---- PINs, lock, reset -------------------------------------------------------------------

  /** Changes a PIN. Wrong current PIN → 'wrong-pin' with tries left. */
  async changePin(kind: PinKind, current: string, next: string): Promise<void> {
    const size = this.model === 'storage' ? LIMITS.storagePin : LIMITS.pin;
    const cur = pinBytes(current, size + 1);
    const nxt = pinBytes(next, size + 1);
    return this.exclusive(async () => {
      if (this.model === 'storage') {
        const k = kind === 'admin' ? 'A' : 'P';
        await this.pinCommand(kind, cmd.encodeStick20Password(COMMAND.SEND_PASSWORD, k, cur), 'SEND_PASSWORD');
        await this.pinCommand(kind, cmd.encodeStick20Password(COMMAND.SEND_NEW_PASSWORD, k, nxt), 'SEND_NEW_PASSWORD');
      } else {
        const id = kind === 'admin' ? COMMAND.CHANGE_ADMIN_PIN : COMMAND.CHANGE_USER_PIN;
        await this.pinCommand(
          kind,
          cmd.encodeTwoPins(id, cur, nxt),
          kind === 'admin' ? 'CHANGE_ADMIN_PIN' : 'CHANGE_USER_PIN',
        );
      }
      delete this.auth[kind];
    });
  }

  /** Sets a new user PIN with the admin PIN; resets the user counter to 3 (§5.10). */
  async unlockUserPin(adminPin: string, newUserPin: string): Promise<void> {
    const admin = pinBytes(adminPin, this.model === 'storage' ? LIMITS.storagePin + 1 : LIMITS.pin);
    const user = pinBytes(newUserPin, this.model === 'storage' ? 31 : LIMITS.pin);
    return this.exclusive(async () => {
      if (this.model === 'storage') {
        await this.pinCommand('admin', cmd.encodeStick20Password(COMMAND.SEND_PASSWORD, 'A', admin), 'SEND_PASSWORD');
        await this.pinCommand(
          'admin',
          cmd.encodeStick20Password(COMMAND.UNLOCK_USER_PASSWORD, 'A', user, 30),
          'UNLOCK_USER_PASSWORD',
        );
      } else {
        await this.pinCommand(
          'admin',
          cmd.encodeTwoPins(COMMAND.UNLOCK_USER_PASSWORD, admin, user),
          'UNLOCK_USER_PASSWORD',
        );
      }
      delete this.auth.user;
    });
  }

  /** LOCK_DEVICE: locks the password safe (Storage: also forgets temporary passwords); keyslot forgets its own too. */
  async lock(): Promise<void> {
    return this.exclusive(async () => {
      await this.expectOk(cmd.encodeSimple(COMMAND.LOCK_DEVICE), 'LOCK_DEVICE');
      this.forgetAuth();
    });
  }

  /**
   * Factory reset with the admin PIN: PINs back to defaults, all OTP slots and the password safe
   * erased (§5.10). The password safe then needs a new AES key.
   */
  async factoryReset(adminPin: string): Promise<void> {
    const admin = pinBytes(adminPin);
    return this.exclusive(async () => {
      await this.pinCommand('admin', cmd.encodePin(COMMAND.FACTORY_RESET, admin), 'FACTORY_RESET');
      this.config = null;
      // The Pro keeps a safe unlocked across a reset (§5.12); lock it so the old key is not used.
      await this.expectOk(cmd.encodeSimple(COMMAND.LOCK_DEVICE), 'LOCK_DEVICE');
      this.forgetAuth();
    });
  }
}

/** The wire number of a slot; an index outside the host range is the user's error, not a crash. */
function wireSlot(slot: SlotRef): number {
  try {
    return cmd.slotNumber(slot);
  } catch {
    const count = SLOT_COUNT[slot.kind] ?? 0;
    throw new DeviceError('wrong-slot', { hint: `Use ${slot.kind ?? 'a'} slots 1 to ${count}.` });
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export { isDeviceError };
