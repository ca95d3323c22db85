/**
 * A virtual Nitrokey 3: the Secrets app (./applet.ts) with its state, touch button, CCID layer and CTAPHID
 * interface, as one object. Serve it through the hidapi bridge (./serve-hid.ts), to vpcd (./vpcd.ts), or
 * use it in process ({@link VirtualNk3.openCtaphid}, {@link VirtualNk3.openCcid}).
 */
import { randomBytes } from 'node:crypto';
import { DeviceError } from '../../errors';
import type { ApduTransport } from '../../transport/apdu';
import { CtaphidTransport, type RawHidDevice } from '../../transport/ctaphid';
import { SecretsApplet } from './applet';
import { CcidDispatcher } from './ccid';
import { VirtualCtaphidDevice } from './ctaphid-device';
import { nk3StateFromJson, nk3StateToJson, type Nk3State, type Nk3StateJson } from './state';
import { TouchButton, type TouchButtonOptions } from './touch';

/** USB identity of a Nitrokey 3's FIDO HID interface (§2.1). */
export const NK3_USB = {
  vendorId: 0x20a0,
  productId: 0x42b2,
  manufacturer: 'Nitrokey',
  product: 'Nitrokey 3',
  usagePage: 0xf1d0,
  usage: 0x01,
  interfaceNumber: 1,
} as const;

/** ATR of the Nitrokey 3's CCID interface (§2.1). */
export const NK3_ATR = Uint8Array.of(
  0x3b,
  0x8f,
  0x01,
  0x80,
  0x5d,
  0x4e,
  0x69,
  0x74,
  0x72,
  0x6f,
  0x6b,
  0x65,
  0x79,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x6a,
);

/** Options of a virtual Nitrokey 3. */
export interface VirtualNk3Options extends TouchButtonOptions {
  /** 8 hex digits for SELECT tag 8F; random when absent. */
  serial?: string;
  /** Firmware version for bcdDevice (major.minor); 1.8 ships secrets-app 0.14.0 (§1). */
  firmware?: { major: number; minor: number };
}

export class VirtualNk3 {
  readonly touch: TouchButton;
  readonly applet: SecretsApplet;
  readonly ccid: CcidDispatcher;
  readonly hid: VirtualCtaphidDevice;
  /** Called with the JSON state after every change (state-file.ts writes it). */
  onPersist: ((json: Nk3StateJson) => void) | null = null;
  private plugged = true;

  private constructor(
    readonly state: Nk3State,
    opts: VirtualNk3Options,
    private readonly firmware = opts.firmware ?? { major: 1, minor: 8 },
  ) {
    this.touch = new TouchButton(opts);
    this.applet = new SecretsApplet(state, this.touch, () => this.onPersist?.(this.toJSON()));
    this.ccid = new CcidDispatcher(this.applet);
    this.hid = new VirtualCtaphidDevice(this.applet, this.touch);
  }

  /** A factory-fresh device: no PIN, no credentials. */
  static create(opts: VirtualNk3Options = {}): VirtualNk3 {
    const serial = opts.serial ?? randomBytes(4).toString('hex').toUpperCase();
    if (!/^[0-9A-F]{8}$/.test(serial)) throw new DeviceError('bad-input', { detail: 'serial: 8 hex digits' });
    return new VirtualNk3({ serial, credentials: [] }, opts);
  }

  /** A device from its JSON state. @throws DeviceError('state-corrupt'). */
  static fromJSON(json: unknown, opts: VirtualNk3Options = {}): VirtualNk3 {
    return new VirtualNk3(nk3StateFromJson(json), opts);
  }

  toJSON(): Nk3StateJson {
    return nk3StateToJson(this.state);
  }

  /** The USB identity hidapi shows (bcdDevice = firmware major.minor, §2.1; no serial string). */
  get usb() {
    return { ...NK3_USB, releaseNumber: (this.firmware.major << 8) | this.firmware.minor, serialNumber: '' };
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  unplug(): void {
    this.plugged = false;
    this.powerCycle();
  }

  plug(): void {
    this.plugged = true;
  }

  /** Loses everything volatile: PIN verification, pending LIST, channels, selection. */
  powerCycle(): void {
    this.touch.cancel();
    this.applet.powerCycle();
    this.ccid.reset();
    this.hid.reset();
  }

  /** A RawHidDevice on the CTAPHID interface, in process (for CtaphidTransport). */
  rawHid(): RawHidDevice {
    const check = () => {
      if (!this.plugged) throw new DeviceError('token-unplugged', { detail: 'virtual Nitrokey 3 unplugged' });
    };
    return {
      write: async (r) => {
        check();
        this.hid.receive(Uint8Array.from(r));
      },
      read: async (ms) => {
        check();
        return this.hid.read(ms);
      },
      close: async () => {},
    };
  }

  /** An ApduTransport over this device's CTAPHID interface (real framing, in process). */
  openCtaphid(): Promise<CtaphidTransport> {
    return CtaphidTransport.open(this.rawHid());
  }

  /** An ApduTransport over this device's CCID layer, as PC/SC would see it (card powered on anew). */
  openCcid(): ApduTransport {
    this.ccid.reset();
    return {
      wire: 'ccid',
      transmit: async (apdu) => {
        if (!this.plugged) throw new DeviceError('token-unplugged', { detail: 'virtual Nitrokey 3 unplugged' });
        return this.ccid.transmit(apdu);
      },
      close: async () => {},
    };
  }
}
