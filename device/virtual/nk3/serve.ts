/**
 * Serving a virtual Nitrokey 3 to other processes: (a) as a FIDO HID device through the hidapi bridge
 * (../serve.ts, native/hidapi-shim.c: output and input reports on usage page 0xF1D0), and (b) as a card
 * in vsmartcard's virtual reader (vpcd, which pcscd loads; this side is the TCP client).
 */
import { createConnection, type Socket } from 'node:net';
import { DeviceError } from '../../errors';
import { serveVirtualToken, type BridgedToken, type VirtualTokenServer } from '../serve';
import { NK3_ATR, type VirtualNk3 } from './device';

/** The bridge's view of a virtual Nitrokey 3: no feature reports, CTAPHID in output/input reports. */
export function bridgedNk3(device: VirtualNk3): BridgedToken {
  const noFeature = () => {
    throw new DeviceError('not-supported', { detail: 'the Nitrokey 3 has no feature reports' });
  };
  return {
    get usb() {
      return device.usb;
    },
    get isPlugged() {
      return device.isPlugged;
    },
    setReport: noFeature,
    getReport: noFeature,
    writeOutput: (r) => device.hid.receive(r),
    readInput: () => device.hid.takeReport(),
    unplug: () => device.unplug(),
    plug: () => device.plug(),
    powerCycle: () => device.powerCycle(),
  };
}

/**
 * Serves `device` on the Unix socket `socketPath` for the hidapi shim (LD_PRELOAD), so hidapi programs
 * see a Nitrokey 3 FIDO interface (20a0:42b2, usage page 0xF1D0). Fails like serveVirtualToken.
 */
export function serveVirtualNk3Hid(opts: { socketPath: string; device: VirtualNk3 }): Promise<VirtualTokenServer> {
  return serveVirtualToken({ socketPath: opts.socketPath, token: bridgedNk3(opts.device) });
}

/** vpcd control bytes (vsmartcard `vpcd.h`): a 1-byte message is one of these. */
export const VPCD_CTRL = { OFF: 0x00, ON: 0x01, RESET: 0x02, ATR: 0x04 } as const;

/** A running vpcd client. */
export interface VpcdCard {
  /** Resolves once connected to vpcd (the first time). */
  readonly connected: Promise<void>;
  /** Disconnects (the card leaves the reader) and stops reconnecting. */
  close(): Promise<void>;
}

/**
 * Connects `card` to vpcd at host:port (default 127.0.0.1:35963, the reader "Virtual PCD 00 00") and
 * answers its messages: 2-byte big-endian length + payload; a 1-byte payload is a control byte (power
 * off/on, reset: the CCID session starts over; get ATR: the Nitrokey 3's ATR, §2.1), anything else an
 * APDU for the CCID layer. Reconnects every `retryMs` (default 200) while vpcd is not listening.
 */
export function serveVirtualNk3Vpcd(opts: {
  card: VirtualNk3;
  host?: string;
  port?: number;
  retryMs?: number;
}): VpcdCard {
  const { card, host = '127.0.0.1', port = 35963, retryMs = 200 } = opts;
  let socket: Socket | null = null;
  let isClosed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onFirst: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onFirst = resolve));

  const connect = () => {
    if (isClosed) return;
    const s = createConnection({ host, port });
    socket = s;
    let pending = Buffer.alloc(0);
    let queue: Promise<void> = Promise.resolve();
    s.on('connect', () => onFirst());
    s.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const n = pending.readUInt16BE(0);
        if (pending.length < 2 + n) break;
        const msg = Uint8Array.from(pending.subarray(2, 2 + n));
        pending = pending.subarray(2 + n);
        queue = queue.then(() => answer(s, msg));
      }
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      if (socket === s) socket = null;
      if (!isClosed) timer = setTimeout(connect, retryMs);
    });
  };

  const answer = async (s: Socket, msg: Uint8Array) => {
    let reply: Uint8Array | null = null;
    if (msg.length === 1) {
      if (msg[0] === VPCD_CTRL.ATR) reply = NK3_ATR;
      else card.ccid.reset(); // power off, power on, reset: a new card session
    } else {
      // A card always answers: a fault in the emulator is 6F 00 (no precise diagnosis), never silence,
      // which would leave pcscd (and its client) waiting for ever.
      reply = await card.ccid.transmit(msg).catch(() => Uint8Array.of(0x6f, 0x00));
    }
    if (reply && !s.destroyed) {
      const head = Buffer.alloc(2);
      head.writeUInt16BE(reply.length);
      s.write(Buffer.concat([head, reply]));
    }
  };

  connect();
  return {
    connected,
    close: async () => {
      isClosed = true;
      clearTimeout(timer);
      socket?.destroy();
    },
  };
}
