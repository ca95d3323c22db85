/**
 * The virtual Nitrokey 3's button for other processes (`keyslot virtual touch`): a Unix socket (mode
 * 0600) where a client sends one byte `T` and gets one byte back: 1 if a waiting touch request was
 * confirmed, 0 if none was waiting. Plus {@link serveVirtualNk3}, everything `keyslot virtual serve
 * --model nk3` needs in one call.
 */
import { createConnection, createServer, type Server } from 'node:net';
import { existsSync, lstatSync, unlinkSync } from 'node:fs';
import { DeviceError } from '../../errors';
import type { VirtualTokenServer } from '../serve';
import type { VirtualNk3 } from './device';
import { serveVirtualNk3Hid, serveVirtualNk3Vpcd, type VpcdCard } from './serve';
import { openVirtualNk3File } from './state-file';
import type { TouchPolicy } from './touch';

const PRESS = 0x54;

/** Listens on `socketPath` for button presses. A socket file nobody listens on is replaced; anything else is left. */
export async function serveTouchControl(socketPath: string, device: VirtualNk3): Promise<{ close(): Promise<void> }> {
  if (existsSync(socketPath)) {
    if (!lstatSync(socketPath).isSocket())
      throw new DeviceError('bad-input', { detail: `${socketPath} is not a socket` });
    unlinkSync(socketPath);
  }
  const server: Server = createServer((s) => {
    s.on('error', () => s.destroy());
    s.once('data', (b) => s.end(Uint8Array.of(b[0] === PRESS && device.touch.press() ? 1 : 0)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const umask = process.umask(0o177);
    try {
      server.listen(socketPath, () => resolve());
    } finally {
      process.umask(umask);
    }
  });
  return { close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Presses the button of the device served at `socketPath`; true if a request was waiting. Rejects if nobody listens. */
export function pressVirtualTouch(socketPath: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const s = createConnection(socketPath);
    s.setTimeout(5000, () => s.destroy(new Error(`nobody answered on ${socketPath}`)));
    s.on('connect', () => s.write(Uint8Array.of(PRESS)));
    s.once('data', (b) => {
      s.end();
      resolve(b[0] === 1);
    });
    s.on('error', reject);
  });
}

/** What {@link serveVirtualNk3} serves. */
export interface VirtualNk3ServeOptions {
  /** State file (created if missing). */
  statePath: string;
  /** hidapi bridge socket; the touch control socket is then `${socketPath}.touch`. */
  socketPath?: string;
  /** vpcd to connect to as its card. */
  vpcd?: { host: string; port: number };
  /** Touch policy (default accept) and how long `ask` waits (default 15000 ms). */
  touch?: TouchPolicy;
  touchTimeoutMs?: number;
  /** Touch control socket when there is no `socketPath` (for `--vpcd` alone). */
  touchSocketPath?: string;
}

/** Serves a virtual Nitrokey 3 from its state file over the bridge and/or vpcd; `close()` stops all. */
export async function serveVirtualNk3(o: VirtualNk3ServeOptions): Promise<{
  device: VirtualNk3;
  touchSocketPath?: string;
  close(): Promise<void>;
}> {
  const device = await openVirtualNk3File(o.statePath, { policy: o.touch, timeoutMs: o.touchTimeoutMs });
  const closers: (() => Promise<void>)[] = [];
  let bridge: VirtualTokenServer | undefined;
  let card: VpcdCard | undefined;
  try {
    if (o.socketPath) {
      bridge = await serveVirtualNk3Hid({ socketPath: o.socketPath, device });
      closers.push(() => bridge!.close());
    }
    if (o.vpcd) {
      card = serveVirtualNk3Vpcd({ card: device, ...o.vpcd });
      closers.push(() => card!.close());
    }
    const touchSocketPath = o.touchSocketPath ?? (o.socketPath ? `${o.socketPath}.touch` : undefined);
    if (touchSocketPath) {
      const control = await serveTouchControl(touchSocketPath, device);
      closers.push(() => control.close());
    }
    return { device, touchSocketPath, close: async () => void (await Promise.all(closers.map((c) => c()))) };
  } catch (e) {
    await Promise.all(closers.map((c) => c()));
    throw e;
  }
}
