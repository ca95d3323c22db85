/**
 * A RawHidDevice that speaks the hidapi bridge's socket protocol (device/virtual/bridge-protocol.ts)
 * directly, as the shim does for a FIDO device: WRITE_OUTPUT for reports out, READ_INPUT polled for
 * reports in. Lets a test host reach a virtual Nitrokey 3 served by another process.
 */
import { createConnection, type Socket } from 'node:net';
import { BRIDGE_OP, BRIDGE_STATUS } from '../../device/virtual/bridge-protocol';
import type { RawHidDevice } from '../../device/transport/ctaphid';

export async function openBridgeRawHid(socketPath: string): Promise<RawHidDevice> {
  const socket: Socket = createConnection(socketPath);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffered = Buffer.alloc(0);
  let want: { n: number; resolve: (b: Buffer) => void } | null = null;
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (want && buffered.length >= want.n) {
      const w = want;
      want = null;
      const out = buffered.subarray(0, w.n);
      buffered = buffered.subarray(w.n);
      w.resolve(out);
    }
  });
  const call = (req: Uint8Array, replyBytes: number) =>
    new Promise<Buffer>((resolve) => {
      want = { n: replyBytes, resolve };
      socket.write(req);
    });
  return {
    write: async (r) => {
      const [status] = await call(Buffer.concat([Buffer.of(BRIDGE_OP.WRITE_OUTPUT), r]), 1);
      if (status !== BRIDGE_STATUS.OK) throw new Error(`WRITE_OUTPUT status ${status}`);
    },
    read: async (ms) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const reply = await call(Uint8Array.of(BRIDGE_OP.READ_INPUT), 65);
        if (reply[0] === BRIDGE_STATUS.OK) return new Uint8Array(reply.subarray(1));
        if (reply[0] !== BRIDGE_STATUS.NO_DATA) throw new Error(`READ_INPUT status ${reply[0]}`);
        if (Date.now() >= deadline) return null;
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: async () => void socket.destroy(),
  };
}
