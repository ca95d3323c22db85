/**
 * The virtual token: a Nitrokey Pro / Librem Key / Nitrokey Storage emulated at the level of its
 * 64-byte HID feature reports (protocol reference §1.3, §2), with latency, faults and power cycles.
 */
import { systemClock, type Clock } from '../clock';
import { DeviceError } from '../errors';
import { encodeResponse, REPORT_SIZE, writeCrc, DEVICE_STATUS } from '../protocol/frame';
import { USB_IDS, type Model } from '../transport/types';
import { VirtualCard } from './card';
import { takeFault, type FaultPlan } from './faults';
import { processRequest } from './firmware';
import { DEFAULT_FIRMWARE_MINOR, firmwareProfile, type FirmwareProfile } from './profile';
import { freshRam, type Firmware } from './ram';
import { flashToJson, freshFlash, type FlashState, type VirtualState } from './flash-state';
import { flashFromJson } from './flash-state-parse';
import { stick20BusyPayload, STICK20_FIRST, STICK20_LAST } from './stick20';
import { deviceSeconds } from './time';
import { DEFAULT_LATENCY, latencyMs, type LatencyModel } from './latency';

export { DEFAULT_LATENCY, type LatencyModel } from './latency';
export type { FaultPlan } from './faults';
export type { VirtualState } from './flash-state';

/** Options for a factory-fresh virtual token. */
export interface VirtualTokenOptions {
  model: Model;
  /** Firmware minor version: Pro / Librem Key default 15 (7 for legacy), Storage default 57 (53 legacy). */
  firmwareMinor?: number;
  /** Time source (default: the system clock). */
  clock?: Clock;
  /** Processing times, or 'none' for answers that are ready at once (default DEFAULT_LATENCY). */
  latency?: LatencyModel | 'none';
  /** OpenPGP card serial, u32 (default: random). */
  cardSerial?: number;
  /** Pro / Librem Key: model the ≈1 % slow firmware second (§7.5). Default true; ignored on a Storage. */
  isClockSlow?: boolean;
}

/** Options when loading a saved state. */
export type VirtualTokenLoadOptions = Pick<VirtualTokenOptions, 'clock' | 'latency' | 'isClockSlow'>;

interface Pending {
  response: Uint8Array;
  commandId: number;
  echoedCrc: number;
  isDataOneShot: boolean;
  setAtMs: number;
  readyAtMs: number;
}

/** P offset of the Storage one-shot data block (R[25]). */
const ONE_SHOT_DATA_AT = 25;

export class VirtualToken {
  readonly model: Model;
  readonly firmwareMinor: number;
  /** Mutable fault-injection plan; fields are consumed as the faults fire. */
  readonly faults: FaultPlan = {};
  /** Called with the new state after any command that changed persistent state. */
  onPersist?: (state: VirtualState) => void;
  /**
   * Wraps each command (state-file.ts: the cross-process lock and a reload of the file), so that a
   * command starts from the persistent state as it is now and nobody writes in between.
   */
  exclusive?: (run: () => void) => void;
  private readonly profile: FirmwareProfile;
  /** Flash, RAM and card as the command handlers see them. */
  private readonly fw: Firmware;
  private readonly clock: Clock;
  private readonly latency: LatencyModel | 'none';
  private readonly isClockSlow: boolean;
  private plugged = true;
  /** The response buffer as the last finished command left it (R[0] = 0). */
  private shown: Uint8Array = new Uint8Array(REPORT_SIZE);
  private isShownOneShot = false;
  private pending: Pending | null = null;
  private persistedJson: string;

  private constructor(flash: FlashState, opts: VirtualTokenLoadOptions) {
    this.model = flash.model;
    this.firmwareMinor = flash.firmwareMinor;
    this.profile = firmwareProfile(flash.model, flash.firmwareMinor);
    const clock = opts.clock ?? systemClock;
    this.clock = clock;
    this.latency = opts.latency ?? DEFAULT_LATENCY;
    this.isClockSlow = !this.profile.isStorage && (opts.isClockSlow ?? true);
    this.fw = {
      profile: this.profile,
      flash,
      ram: freshRam(this.profile, clock.now(), this.isClockSlow),
      card: new VirtualCard(flash.card, this.faults),
      nowMs: () => clock.now(),
    };
    this.persistedJson = JSON.stringify(this.toJSON());
  }

  /** A factory-fresh token, powered up. Throws RangeError for a firmware minor outside 0..255. */
  static create(opts: VirtualTokenOptions): VirtualToken {
    const minor = opts.firmwareMinor ?? DEFAULT_FIRMWARE_MINOR[opts.model];
    const serial = opts.cardSerial ?? 0x1000 + Math.floor(Math.random() * 0x7fff0000);
    if (!Number.isInteger(serial) || serial < 0 || serial > 0xffffffff)
      throw new RangeError(`card serial must be a u32, got ${serial}`);
    return new VirtualToken(freshFlash(opts.model, minor, serial), opts);
  }

  /** A token from a saved state, powered up. Throws DeviceError('state-corrupt') on any malformed field. */
  static fromJSON(json: unknown, opts: VirtualTokenLoadOptions = {}): VirtualToken {
    return new VirtualToken(flashFromJson(json), opts);
  }

  /** The persistent state (flash and card), JSON-serialisable. */
  toJSON(): VirtualState {
    return flashToJson(this.fw.flash);
  }

  /**
   * Takes over persistent state another process wrote (flash and card); RAM (clock, temporary
   * passwords, pending answers) stays, as on the one real token two hosts would share.
   * Throws DeviceError('state-corrupt') for a malformed state or another model or firmware.
   */
  adoptState(json: unknown): void {
    const flash = flashFromJson(json);
    if (flash.model !== this.model || flash.firmwareMinor !== this.firmwareMinor)
      throw new DeviceError('state-corrupt', { detail: 'the state file now holds another model or firmware' });
    this.fw.flash = flash;
    this.fw.card.attach(flash.card);
    this.persistedJson = JSON.stringify(this.toJSON());
  }

  /** USB identity as hidapi would enumerate it (§1.1, §10). */
  get usb() {
    const ids = USB_IDS[this.model];
    const isKeyboardDescriptor = !this.profile.isStorage && this.firmwareMinor <= 9; // §1.2
    return {
      vendorId: ids.vendorId,
      productId: ids.productId,
      releaseNumber: 0x0101,
      manufacturer: ids.manufacturer,
      product: ids.product,
      serialNumber: this.profile.isStorage
        ? '0000000000000'
        : '0'.repeat(16) + this.fw.card.serial.toString(16).toUpperCase().padStart(8, '0'),
      usagePage: isKeyboardDescriptor ? 0x01 : 0xff00,
      usage: isKeyboardDescriptor ? 0x06 : 0x01,
      interfaceNumber: 0,
    };
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  /** Seconds on the device's RAM clock now (for tests). */
  deviceTime(): number {
    return Number(deviceSeconds(this.fw));
  }

  /** Power lost and restored: RAM state, the clock and the response buffers are gone. */
  powerCycle(): void {
    this.fw.ram = freshRam(this.profile, this.clock.now(), this.isClockSlow);
    this.shown = new Uint8Array(REPORT_SIZE);
    this.isShownOneShot = false;
    this.pending = null;
  }

  /** Pulls the token out; SET/GET_REPORT then throw DeviceError('token-unplugged'). */
  unplug(): void {
    this.plugged = false;
  }

  /** Plugs the token in, which powers it up. No effect if it is plugged in already. */
  plug(): void {
    if (this.plugged) return;
    this.plugged = true;
    this.powerCycle();
  }

  private assertPlugged(): void {
    if (!this.plugged) throw new DeviceError('token-unplugged', { detail: 'virtual token unplugged' });
  }

  /** Moves a finished pending response into the response buffer. */
  private settle(): void {
    if (this.pending && this.clock.now() >= this.pending.readyAtMs) {
      this.shown = this.pending.response;
      this.isShownOneShot = this.pending.isDataOneShot;
      this.pending = null;
    }
  }

  /**
   * HID SET_REPORT(Feature): R[0..63]. The command runs now; its answer becomes visible after its
   * processing time. A Pro that is still busy silently drops the report (§1.3).
   * Throws DeviceError('token-unplugged') when unplugged, RangeError for a report not 64 bytes long.
   */
  setReport(report: Uint8Array): void {
    this.assertPlugged();
    if (report.length !== REPORT_SIZE)
      throw new RangeError(`a feature report has ${REPORT_SIZE} bytes, got ${report.length}`);
    const unplugMode = this.faults.unplugAfterNextSet;
    delete this.faults.unplugAfterNextSet;
    try {
      if (takeFault(this.faults, 'dropRequests')) return;
      this.settle();
      if (this.pending && !this.profile.isStorage) return; // Pro not READY: dropped
      if (unplugMode === 'before-execute') return;
      const request = report.slice();
      if (this.exclusive) this.exclusive(() => this.execute(request));
      else this.execute(request);
    } finally {
      if (unplugMode) this.unplug();
    }
  }

  private execute(request: Uint8Array): void {
    const done = processRequest(this.fw, request);
    const response = encodeResponse({
      lastCommandId: done.commandId,
      lastCommandCrc: done.echoedCrc,
      commandStatus: done.status,
      payload: done.payload,
    });
    this.persistIfChanged();
    const now = this.clock.now();
    const ms = latencyMs(this.latency, done.commandId, request);
    const pending = {
      response,
      commandId: done.commandId,
      echoedCrc: done.echoedCrc,
      isDataOneShot: done.isDataOneShot,
      setAtMs: now,
      readyAtMs: now + ms,
    };
    this.pending = pending;
    this.settle();
  }

  private persistIfChanged(): void {
    const state = this.toJSON();
    const json = JSON.stringify(state);
    if (json === this.persistedJson) return;
    this.persistedJson = json;
    this.onPersist?.(state);
  }

  /**
   * HID GET_REPORT(Feature): 64 bytes. While a command runs: Pro R[0] = BUSY over the previous
   * response; Storage (R[0] always 0) the previous response within the parse delay, then the zeroed
   * buffer (CRC field 0), or for stick20 commands a stick20 BUSY status block (§1.3, §8.2).
   * Throws DeviceError('token-unplugged') when unplugged.
   */
  getReport(): Uint8Array {
    this.assertPlugged();
    this.settle();
    if (takeFault(this.faults, 'busyReports') || this.pending) return this.notReady();
    const out = this.shown.slice();
    out[0] = DEVICE_STATUS.READY;
    if (takeFault(this.faults, 'corruptResponseCrcs')) out[60] ^= 0x01;
    if (this.isShownOneShot) {
      // Storage injects the stick20 data block into one GET_REPORT only (§1.3 item 4).
      this.shown = this.shown.slice();
      this.shown.fill(0, ONE_SHOT_DATA_AT, 60);
      writeCrc(this.shown);
      this.isShownOneShot = false;
    }
    return out;
  }

  private notReady(): Uint8Array {
    const p = this.pending;
    if (!this.profile.isStorage) {
      const out = this.shown.slice();
      out[0] = DEVICE_STATUS.BUSY; // RECEIVED_REPORT (3) is not modelled: the main loop picks a report up at once
      return out;
    }
    if (!p) return this.shown.slice();
    if (p.commandId >= STICK20_FIRST && p.commandId <= STICK20_LAST) {
      return encodeResponse({
        lastCommandId: p.commandId,
        lastCommandCrc: p.echoedCrc,
        commandStatus: 0,
        payload: stick20BusyPayload(this.fw, p.commandId),
      });
    }
    const parseDelay = this.latency === 'none' ? 0 : (this.latency.storageParseDelayMs ?? 0);
    if (this.clock.now() - p.setAtMs < parseDelay) return this.shown.slice();
    return new Uint8Array(REPORT_SIZE);
  }
}
