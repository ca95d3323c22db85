/**
 * The wire core of a session with a Pro-style slot token (Nitrokey Pro, Storage, Librem Key): one
 * command queue (protocol reference §9.13), frame exchange, and what the session has learnt about the
 * token (firmware version, general config). The concern modules (otp-slots, admin, auth,
 * password-safe) all talk through one SessionCore. Internal to device/; callers use `Token`.
 */
import type { Clock } from '../clock';
import { COMMAND } from '../protocol/command-ids';
import * as cmd from '../protocol/commands';
import { type GeneralConfig, LIMITS } from '../protocol/commands';
import type { DecodedResponse } from '../protocol/frame';
import { COMMAND_STATUS, errorForStatus } from '../protocol/status';
import type { DeviceInfo, Model, Transport } from '../transport/types';
import { LONG_COMMANDS, transact, type TrafficEntry } from './transaction';

/** Options of a session (see TokenOptions, which is the same shape). */
export interface SessionOptions {
  clock: Clock;
  /** Random bytes for temporary passwords (tests inject a fixed source). */
  randomBytes?: (n: number) => Uint8Array;
  /** Timeout per command in ms (default 3000; factory reset and key generation get 30000). */
  timeoutMs?: number;
  /** Receives one entry per command: name, status, round trips, ms. Never payloads. */
  onTraffic?: (entry: TrafficEntry) => void;
}

/** Firmware version as the token reports it (Storage: with libnitrokey's build-iteration rule, §6.4). */
export interface FirmwareVersion {
  major: number;
  minor: number;
}

/** The command queue and wire of one token, and what this session knows about it. */
export class SessionCore {
  readonly info: DeviceInfo;
  readonly model: Model;
  readonly clock: Clock;
  readonly opts: SessionOptions;
  /** Firmware version once learnt in this session (GET_STATUS / GET_DEVICE_STATUS); null before. */
  firmware: FirmwareVersion | null = null;
  /** General config as last read in this session; null until known or after it may have changed. */
  config: GeneralConfig | null = null;
  /** GET_CODE was refused for want of the user PIN since the config was last read (§5.7). */
  isCodePinRefused = false;
  private queue: Promise<unknown> = Promise.resolve();
  private lastFrame: Uint8Array | null = null;

  constructor(
    readonly transport: Transport,
    opts: SessionOptions,
  ) {
    this.info = transport.info;
    this.model = transport.info.model;
    this.clock = opts.clock;
    this.opts = opts;
  }

  /** Runs `fn` alone on the token: one command sequence at a time. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends one frame and returns the reply. A Storage may show the previous reply until it has
   * processed ours (§1.3), so the same frame is never sent twice in a row there: a GET_STATUS goes between.
   */
  async send(frame: Uint8Array): Promise<DecodedResponse> {
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
  async expectOk(frame: Uint8Array, name: string): Promise<Uint8Array> {
    const d = await this.send(frame);
    if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, name);
    return d.payload;
  }

  /** Sends a command without a payload and expects OK. */
  simple(id: number, name: string): Promise<Uint8Array> {
    return this.expectOk(cmd.encodeSimple(id), name);
  }

  /** GET_STATUS (§5.2): firmware, card serial and config on a Pro; config only on a Storage (§8.2). */
  async readProStatus(): Promise<cmd.ProStatus> {
    const pro = cmd.decodeProStatus(await this.simple(COMMAND.GET_STATUS, 'GET_STATUS'));
    this.config = pro.config;
    this.isCodePinRefused = false;
    if (this.model !== 'storage') this.firmware = pro.firmware;
    return pro;
  }

  /** Storage GET_DEVICE_STATUS (§8.2); records the firmware version. */
  async readStorageStatus(): Promise<cmd.StorageStatus> {
    const s = cmd.decodeStorageStatus(await this.simple(COMMAND.GET_DEVICE_STATUS, 'GET_DEVICE_STATUS'));
    // libnitrokey counts a development build as the next minor version (§6.4).
    this.firmware = { major: s.firmware.major, minor: s.firmware.minor + (s.firmware.buildIteration ? 1 : 0) };
    return s;
  }

  /**
   * The firmware version, read from the token once per session when a command's layout depends on it
   * (§6.4). The version is never guessed: the USB descriptor does not carry it (bcdDevice is fixed, §1.1).
   * Call inside `exclusive`.
   */
  async knownFirmware(): Promise<FirmwareVersion> {
    if (!this.firmware) {
      if (this.model === 'storage') await this.readStorageStatus();
      else await this.readProStatus();
    }
    return this.firmware!;
  }

  /** The config from this session's cache, read with GET_STATUS if not known yet. Call inside `exclusive`. */
  async knownConfig(): Promise<GeneralConfig> {
    return this.config ?? (await this.readProStatus()).config;
  }

  /** Whether codes need the user PIN as far as this session knows without asking; null if unknown. */
  get codesNeedUserPin(): boolean | null {
    if (this.isCodePinRefused) return true;
    return this.config ? this.config.isUserPasswordRequired : null;
  }

  /** Forgets the config (after WRITE_CONFIG, a reset, or a refusal that shows it changed). */
  forgetConfig(): void {
    this.config = null;
    this.isCodePinRefused = false;
  }

  /** Legacy AUTHORIZE protocol and 20-byte secrets (§6.4). Throws if the firmware is not known yet. */
  get isLegacy(): boolean {
    const f = this.firmware;
    if (!f) throw new Error('firmware version not read yet: await token.ready() first');
    return this.model === 'storage' ? f.minor <= 53 : f.minor <= 7;
  }

  /** Longest secret a slot stores, in bytes (40, or 20 on legacy firmware). */
  get maxSecretBytes(): number {
    return this.isLegacy ? LIMITS.legacySecret : LIMITS.secret;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
