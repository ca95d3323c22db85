/**
 * The real USB transport: feature reports through node-hid (hidapi, hidraw backend on Linux).
 * This is the only module that loads node-hid. With LD_PRELOAD=build/hidapi-shim.so and
 * KEYSLOT_VIRTUAL_SOCKET set, the same code reaches a virtual token (device/virtual/serve.ts).
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { DeviceError, isDeviceError } from '../errors';
import { modelForUsbId, type DeviceInfo, type Transport } from './types';
import { udevRuleFields } from './udev';
import { pollTokens, type WatchOptions } from './hid-watch';

export type { WatchOptions } from './hid-watch';

type NodeHid = typeof import('node-hid');
type HidDevice = import('node-hid').Device;
type HidAsync = import('node-hid').HIDAsync;

const require = createRequire(import.meta.url);
let nodeHidModule: NodeHid | undefined;

/** Loads node-hid on first use, so importing this module never touches native code. */
function nodeHid(): NodeHid {
  nodeHidModule ??= require('node-hid') as NodeHid;
  return nodeHidModule;
}

/** Report size R[0..63] plus hidapi's leading report id byte (always 0: no report ids, §1.2). */
const REPORT_SIZE = 64;
const HIDAPI_SIZE = REPORT_SIZE + 1;
/** Vendor usage page of Pro ≥ 0.10 and Storage; Pro ≤ 0.9 declared a keyboard (page 1), §1.2. */
const ACCEPTED_USAGE_PAGES = new Set([0xff00, 0x01]);

/** hidapi error words that mean the device node is gone (hidraw ioctl errno texts, shim texts). */
const VANISHED =
  /No such device|ENODEV|No such file|ENOENT|Input\/output error|EIO\b|ESHUTDOWN|Broken pipe|disconnected/i;
const PERMISSION = /Permission denied|EACCES|EPERM|Operation not permitted/i;

/**
 * Tokens keyslot can talk to that hidapi sees now, in enumeration order: USB ids from USB_IDS
 * (Nitrokey Pro, Nitrokey Storage, Librem Key). Entries without a path or serial are skipped (as
 * libnitrokey does, §9.1), as are other interfaces and usage pages when hidapi reports them.
 * Synchronous: do not call it in a process that also serves the virtual token the shim talks to
 * (it would wait for itself); use {@link listHidTokensAsync} there.
 */
export function listHidTokens(): DeviceInfo[] {
  return toTokens(nodeHid().devices());
}

/** Like {@link listHidTokens}, but enumerates on a worker thread. */
export async function listHidTokensAsync(): Promise<DeviceInfo[]> {
  return toTokens(await nodeHid().devicesAsync());
}

function toTokens(devices: HidDevice[]): DeviceInfo[] {
  const seen = new Set<string>();
  const out: DeviceInfo[] = [];
  for (const d of devices) {
    const model = modelForUsbId(d.vendorId, d.productId);
    if (!model || !d.path || !d.serialNumber || seen.has(d.path)) continue;
    if (typeof d.interface === 'number' && d.interface > 0) continue;
    if (d.usagePage && !ACCEPTED_USAGE_PAGES.has(d.usagePage)) continue;
    seen.add(d.path);
    out.push({
      path: d.path,
      model,
      vendorId: d.vendorId,
      productId: d.productId,
      serialNumber: d.serialNumber,
      isVirtual: false,
    });
  }
  return out;
}

/** Options of {@link openHidTransport}. */
export interface HidTransportOptions {
  /** Longest wait for one report transfer, in milliseconds (default 5000); then DeviceError('timeout'). */
  timeoutMs?: number;
}

/**
 * Opens the token at `info.path` (from {@link listHidTokens}). Reports go out as hidapi buffers
 * [0, R[0..63]] and come back the same way, with the report id stripped.
 * Fails with DeviceError 'hid-permission' (EACCES; the hint holds the udev rule), 'token-unplugged'
 * (the token vanished, also on any later transfer), 'timeout', or 'unknown' (detail: node-hid's words).
 */
export async function openHidTransport(info: DeviceInfo, opts: HidTransportOptions = {}): Promise<Transport> {
  let device: HidAsync;
  try {
    device = await nodeHid().HIDAsync.open(info.path);
  } catch (e) {
    throw await mapHidError(e, info, 'open');
  }
  return new HidTransport(info, device, opts.timeoutMs ?? 5000);
}

class HidTransport implements Transport {
  private queue: Promise<unknown> = Promise.resolve();
  private isClosed = false;

  constructor(
    readonly info: DeviceInfo,
    private readonly device: HidAsync,
    private readonly timeoutMs: number,
  ) {}

  sendFeatureReport(report: Uint8Array): Promise<void> {
    if (report.length !== REPORT_SIZE) {
      return Promise.reject(new RangeError(`a feature report is ${REPORT_SIZE} bytes, got ${report.length}`));
    }
    const buffer = Buffer.alloc(HIDAPI_SIZE);
    buffer.set(report, 1);
    return this.transfer('send', async () => {
      // Our copy of a frame that may carry a PIN is wiped once hidapi is done with it (issue 9 item 10).
      await this.device.sendFeatureReport(buffer).finally(() => buffer.fill(0));
    });
  }

  getFeatureReport(): Promise<Uint8Array> {
    return this.transfer('get', async () => {
      const buffer = await this.device.getFeatureReport(0, HIDAPI_SIZE);
      if (buffer.length !== HIDAPI_SIZE) {
        throw new DeviceError('bad-response', {
          detail: `GET_REPORT(Feature) returned ${buffer.length} bytes, expected ${HIDAPI_SIZE}`,
        });
      }
      return new Uint8Array(buffer.subarray(1));
    });
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.queue.catch(() => undefined);
    await this.device.close().catch(() => undefined);
  }

  /** Runs transfers one at a time, with a time limit, mapping node-hid's errors. */
  private transfer<T>(what: 'send' | 'get', run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      if (this.isClosed) throw new DeviceError('unknown', { detail: 'HID transport used after close()' });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new DeviceError('timeout', { detail: `feature report ${what} took over ${this.timeoutMs} ms` })),
          this.timeoutMs,
        );
      });
      try {
        return await Promise.race([run(), timeout]);
      } catch (e) {
        throw await mapHidError(e, this.info, what);
      } finally {
        clearTimeout(timer);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * Turns a node-hid failure into a DeviceError (exported for tests). EACCES is 'hid-permission'
 * with the udev rule as hint; an error text meaning the node is gone, or a token that no longer
 * enumerates, is 'token-unplugged'; anything else is 'unknown'. node-hid's words go to `detail`.
 */
export async function mapHidError(
  e: unknown,
  info: Pick<DeviceInfo, 'path'>,
  what: string,
  listPresent: () => Promise<{ path: string }[]> = listHidTokensAsync,
): Promise<DeviceError> {
  if (isDeviceError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  const detail = `HID ${what} ${info.path}: ${message}`;
  if (PERMISSION.test(message)) return new DeviceError('hid-permission', { ...udevRuleFields(), detail });
  if (VANISHED.test(message)) return new DeviceError('token-unplugged', { detail });
  const isPresent = await listPresent().then(
    (list) => list.some((t) => t.path === info.path),
    () => false,
  );
  return new DeviceError(isPresent ? 'unknown' : 'token-unplugged', { detail });
}

/**
 * Watches for tokens coming and going by polling {@link listHidTokensAsync} every `intervalMs`;
 * where libusb hotplug works, the `usb` package's connect/disconnect events trigger an extra poll.
 * Tokens are told apart by path. Returns a function that stops watching (no callbacks after it).
 */
export function watchTokens(opts: WatchOptions): () => void {
  return pollTokens(opts, listHidTokensAsync, listenUsbEvents);
}

/**
 * Subscribes to the `usb` package's connect/disconnect events (libusb hotplug). Only tried where
 * /sys/bus/usb/devices exists: without it usb@3 rejects inside addEventListener where nobody can
 * catch it, which would end the process. Returns an unsubscribe function; a no-op if unusable.
 */
function listenUsbEvents(onChange: () => void): () => void {
  if (process.platform === 'linux' && !existsSync('/sys/bus/usb/devices')) return () => undefined;
  try {
    const { usb } = require('usb') as typeof import('usb');
    const listener = () => onChange();
    usb.addEventListener('connect', listener);
    usb.addEventListener('disconnect', listener);
    return () => {
      usb.removeEventListener('connect', listener);
      usb.removeEventListener('disconnect', listener);
    };
  } catch {
    return () => undefined;
  }
}

/** A Nitrokey 3's FIDO HID interface (20a0:42b2, usage page 0xF1D0, nitrokey3-secrets.md §2.1). */
export interface FidoHidInfo {
  path: string;
  vendorId: number;
  productId: number;
}

/** Nitrokey 3 FIDO interfaces hidapi sees now (node-hid's async enumeration). */
export async function listNk3HidDevices(): Promise<FidoHidInfo[]> {
  const all = await nodeHid().devicesAsync(0x20a0, 0x42b2);
  return all
    .filter((d) => d.path && (d.usagePage === undefined || d.usagePage === 0xf1d0))
    .map((d) => ({ path: d.path!, vendorId: d.vendorId, productId: d.productId }));
}

/**
 * Opens a HID device for 64-byte output/input reports (CTAPHID, ./ctaphid.ts). Writes prepend hidapi's
 * report id 0; reads return the 64-byte report or null on timeout. Fails like {@link openHidTransport}.
 */
export async function openRawHidDevice(path: string): Promise<import('./ctaphid').RawHidDevice> {
  const info = { path };
  // Still there or not is asked of the Nitrokey 3 list: the Pro list never holds it.
  const mapError = (e: unknown, what: string) => mapHidError(e, info, what, listNk3HidDevices);
  let device: HidAsync;
  try {
    device = await nodeHid().HIDAsync.open(path);
  } catch (e) {
    throw await mapError(e, 'open');
  }
  return {
    write: async (report) => {
      const buffer = Buffer.concat([Buffer.of(0), report]);
      await device
        .write(buffer)
        .catch(async (e) => Promise.reject(await mapError(e, 'write')))
        .finally(() => buffer.fill(0)); // a packet may carry a PIN (issue 9 item 10)
    },
    read: async (timeoutMs) => {
      const b = await device
        .read(Math.max(1, Math.round(timeoutMs)))
        .catch(async (e) => Promise.reject(await mapError(e, 'read')));
      return b && b.length ? new Uint8Array(b.subarray(0, 64)) : null;
    },
    close: () => device.close(),
  };
}
