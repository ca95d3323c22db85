/**
 * Serves one virtual token on a Unix socket for native/hidapi-shim.c, so programs that use hidapi
 * (node-hid, libnitrokey, nitrocli) see it as a USB HID device. Protocol: ./bridge-protocol.ts.
 */
import { createConnection, createServer, type Socket } from 'node:net';
import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { DeviceError, isDeviceError } from '../errors';
import {
  BRIDGE_OP,
  BRIDGE_REPORT_SIZE,
  BRIDGE_STATUS,
  decodeInfo,
  encodeInfo,
  replyBodySize,
  requestBodySize,
  type BridgeInfo,
} from './bridge-protocol';

/** The part of VirtualToken (./token.ts) the bridge uses. */
export interface BridgedToken {
  readonly usb: {
    vendorId: number;
    productId: number;
    releaseNumber: number;
    manufacturer: string;
    product: string;
    serialNumber: string;
    usagePage: number;
    usage: number;
    interfaceNumber: number;
  };
  readonly isPlugged: boolean;
  /** Takes R[0..63]; throws DeviceError('token-unplugged') when unplugged. */
  setReport(report: Uint8Array): void;
  /** Returns R[0..63]. */
  getReport(): Uint8Array;
  /** Takes a 64-byte output report (CTAPHID devices such as the virtual Nitrokey 3; absent on the Pro). */
  writeOutput?(report: Uint8Array): void;
  /** The next queued 64-byte input report, or null (CTAPHID devices). */
  readInput?(): Uint8Array | null;
  unplug(): void;
  plug(): void;
  powerCycle(): void;
}

/** A running bridge server. */
export interface VirtualTokenServer {
  readonly socketPath: string;
  /** Unplugs the token; connections opened before stay dead, as a hidraw fd does. */
  unplug(): void;
  /** Plugs the token back in; new opens work again. */
  plug(): void;
  /** Power-cycles the token (a USB re-attach): RAM state resets and open connections die. */
  powerCycle(): void;
  /** Stops listening, drops every connection and removes the socket file. */
  close(): Promise<void>;
}

/** A control op a test may send from another process. */
export type ControlOp = 'unplug' | 'plug' | 'power-cycle';

const CONTROL_OPS: Record<ControlOp, number> = {
  unplug: BRIDGE_OP.UNPLUG,
  plug: BRIDGE_OP.PLUG,
  'power-cycle': BRIDGE_OP.POWER_CYCLE,
};

/**
 * Listens on `socketPath` (at most ~100 bytes on Linux) and answers bridge requests for `token`.
 * Requests run one at a time, in arrival order. A stale socket file (nobody listening) is removed
 * first; anything at `socketPath` that is not a socket is never touched (DeviceError
 * 'socket-path-taken'). Rejects if another server already listens there, or the socket cannot be
 * created. The socket has mode 0600 (only this user may connect). A client that sends without
 * reading its replies is paused (backpressure) rather than buffered. Control ops (unplug, plug,
 * power-cycle) are answered only when `allowControl` is true (tests); otherwise status ERROR, so a
 * program on the socket can do only what a USB client of the token could.
 * Unplug through the returned handle or {@link controlVirtualSocket} so that connections opened
 * before stay dead after the replug; a direct token.unplug() only kills connections that make a
 * request while the token is out. Do not call the synchronous node-hid enumeration (listHidTokens)
 * through the shim in the serving process: it would wait on its own event loop until the shim's
 * 10 s socket timeout.
 */
export async function serveVirtualToken(opts: {
  socketPath: string;
  token: BridgedToken;
  /** Accept UNPLUG, PLUG and POWER_CYCLE from clients (default false). */
  allowControl?: boolean;
}): Promise<VirtualTokenServer> {
  const { socketPath, token } = opts;
  await removeStaleSocket(socketPath);
  // Bumped on every unplug/plug/power-cycle; a connection from an older generation is dead.
  let generation = 0;
  const sockets = new Set<Socket>();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const conn = { generation, pending: Buffer.alloc(0) };
    const pump = (): void => {
      while (conn.pending.length > 0) {
        const op = conn.pending[0];
        const size = requestBodySize(op);
        if (size === undefined) {
          socket.end(Uint8Array.of(BRIDGE_STATUS.ERROR));
          conn.pending = Buffer.alloc(0);
          return;
        }
        if (conn.pending.length < 1 + size) return;
        const body = conn.pending.subarray(1, 1 + size);
        conn.pending = conn.pending.subarray(1 + size);
        // Backpressure: a client that does not read its replies stops being read from, so the
        // replies wait in the kernel's socket buffers, not in our memory.
        if (!socket.write(handle(op, body, conn))) {
          socket.pause();
          socket.once('drain', () => {
            socket.resume();
            pump();
          });
          return;
        }
      }
    };
    socket.on('data', (chunk) => {
      conn.pending = conn.pending.length ? Buffer.concat([conn.pending, chunk]) : chunk;
      if (!socket.isPaused()) pump();
    });
  });

  function control(op: ControlOp): void {
    if (op === 'unplug') token.unplug();
    else if (op === 'plug') token.plug();
    else token.powerCycle();
    generation++;
  }

  function handle(op: number, body: Uint8Array, conn: { generation: number }): Uint8Array {
    const reply = new Uint8Array(1 + replyBodySize(op));
    const fail = (status: number) => {
      reply.fill(0);
      reply[0] = status;
      return reply;
    };
    const isLive = token.isPlugged && conn.generation === generation;
    if (!token.isPlugged) conn.generation = -1; // a direct token.unplug() kills this connection too
    try {
      switch (op) {
        case BRIDGE_OP.INFO:
          if (conn.generation !== generation) reply[0] = BRIDGE_STATUS.UNPLUGGED;
          reply.set(encodeInfo(bridgeInfo(token)), 1);
          return reply;
        case BRIDGE_OP.SET_FEATURE:
          if (!isLive) return fail(BRIDGE_STATUS.UNPLUGGED);
          token.setReport(Uint8Array.from(body));
          return reply;
        case BRIDGE_OP.GET_FEATURE: {
          if (!isLive) return fail(BRIDGE_STATUS.UNPLUGGED);
          const r = token.getReport();
          if (r.length !== BRIDGE_REPORT_SIZE) return fail(BRIDGE_STATUS.ERROR);
          reply.set(r, 1);
          return reply;
        }
        case BRIDGE_OP.WRITE_OUTPUT:
          if (!isLive) return fail(BRIDGE_STATUS.UNPLUGGED);
          if (!token.writeOutput) return fail(BRIDGE_STATUS.ERROR);
          token.writeOutput(Uint8Array.from(body));
          return reply;
        case BRIDGE_OP.READ_INPUT: {
          if (!isLive) return fail(BRIDGE_STATUS.UNPLUGGED);
          const r = token.readInput?.() ?? null;
          if (!r) return fail(BRIDGE_STATUS.NO_DATA);
          reply.set(r.subarray(0, BRIDGE_REPORT_SIZE), 1);
          return reply;
        }
        default:
          if (!opts.allowControl) return fail(BRIDGE_STATUS.ERROR);
          control(op === BRIDGE_OP.UNPLUG ? 'unplug' : op === BRIDGE_OP.PLUG ? 'plug' : 'power-cycle');
          return reply;
      }
    } catch (e) {
      const status = isDeviceError(e) && e.code === 'token-unplugged' ? BRIDGE_STATUS.UNPLUGGED : BRIDGE_STATUS.ERROR;
      return fail(status);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // bind() creates the socket file synchronously inside listen(): a umask of 0177 gives it mode
    // 0600 from the start (the chmod below only confirms it), so no other user can ever connect.
    const umask = process.umask(0o177);
    try {
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      process.umask(umask);
    }
  });
  chmodSync(socketPath, 0o600);

  return {
    socketPath,
    unplug: () => control('unplug'),
    plug: () => control('plug'),
    powerCycle: () => control('power-cycle'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          // net removes the socket file on close; this covers a server that never bound.
          if (existsSync(socketPath)) unlinkSync(socketPath);
          resolve();
        });
      }),
  };
}

function bridgeInfo(token: BridgedToken): BridgeInfo {
  return { isPlugged: token.isPlugged, ...token.usb };
}

/**
 * Sends one control op to a bridge server, possibly in another process (tests: unplug the token
 * under a program that uses the shim). Rejects if nobody listens, after 5 s, or on a non-OK status.
 */
export async function controlVirtualSocket(socketPath: string, op: ControlOp): Promise<void> {
  const [status] = await bridgeRequest(socketPath, CONTROL_OPS[op]);
  if (status !== BRIDGE_STATUS.OK) throw new Error(`virtual token bridge refused '${op}' (status ${status})`);
}

/** Asks a bridge server what it serves (the INFO op), as the shim's hid_enumerate does. */
export async function queryVirtualSocket(socketPath: string): Promise<BridgeInfo> {
  const reply = await bridgeRequest(socketPath, BRIDGE_OP.INFO);
  return decodeInfo(reply.subarray(1));
}

/** One request on a fresh connection; resolves with the status byte and the reply body. */
function bridgeRequest(socketPath: string, op: number, body: Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
  const want = 1 + replyBodySize(op);
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let got = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error(`virtual token bridge at ${socketPath} did not answer`)));
    socket.on('connect', () => socket.write(Uint8Array.from([op, ...body])));
    socket.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= want) {
        socket.end();
        resolve(new Uint8Array(got.subarray(0, want)));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`virtual token bridge at ${socketPath} closed the connection`)));
  });
}

/**
 * Removes `path` if it is a socket nobody listens on; rejects if a server answers there, and with
 * DeviceError('socket-path-taken') if it is anything but a socket (a state file given as --socket).
 */
async function removeStaleSocket(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return; // nothing there
  }
  if (!isSocket) throw new DeviceError('socket-path-taken', { text: path });
  const isAlive = await new Promise<boolean>((resolve) => {
    const s = createConnection(path);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
  if (isAlive) throw new Error(`another virtual token server listens on ${path}`);
  unlinkSync(path);
}
