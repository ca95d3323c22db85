/**
 * Child process for the HID transport tests: runs under LD_PRELOAD=hidapi-shim.so, reads one
 * command per stdin line and answers one JSON line per command on stdout.
 *   socket <path>    -> { ok }                           sets KEYSLOT_VIRTUAL_SOCKET (the shim reads it per call)
 *   list             -> { ok, tokens }                   listHidTokens()
 *   open             -> { ok, info }                     openHidTransport(first token)
 *   status           -> { ok, reply }                    GET_STATUS round trip, reply R[0..63] as hex
 *   close            -> { ok }
 *   watch <ms>       -> { ok }; later { event: 'attached' | 'detached', path, serialNumber }
 *   exit
 * Failures answer { ok: false, code, message }.
 */
import { createInterface } from 'node:readline';
import { listHidTokens, openHidTransport, watchTokens } from '../../../device/transport/hid';
import type { Transport } from '../../../device/transport/types';

/** GET_STATUS request R[0..63]: 60 zero bytes and their CRC, protocol reference §3. */
const GET_STATUS = new Uint8Array(64);
GET_STATUS.set([0xdf, 0xb7, 0x6e, 0xef], 60);

let transport: Transport | undefined;
let stopWatch: (() => void) | undefined;
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

async function run(line: string): Promise<unknown> {
  const [cmd, arg] = line.trim().split(/\s+/);
  switch (cmd) {
    case 'socket':
      process.env.KEYSLOT_VIRTUAL_SOCKET = arg;
      return { ok: true };
    case 'list':
      return { ok: true, tokens: listHidTokens() };
    case 'open': {
      const [info] = listHidTokens();
      if (!info) return { ok: false, code: 'no-token', message: 'no token listed' };
      transport = await openHidTransport(info);
      return { ok: true, info };
    }
    case 'status': {
      if (!transport) throw new Error('not open');
      await transport.sendFeatureReport(GET_STATUS);
      return { ok: true, reply: hex(await transport.getFeatureReport()) };
    }
    case 'close':
      await transport?.close();
      transport = undefined;
      return { ok: true };
    case 'watch':
      stopWatch = watchTokens({
        intervalMs: Number(arg ?? 100),
        useUsbEvents: false,
        onAttached: (t) => say({ event: 'attached', path: t.path, serialNumber: t.serialNumber }),
        onDetached: (t) => say({ event: 'detached', path: t.path, serialNumber: t.serialNumber }),
      });
      return { ok: true };
    case 'exit':
      stopWatch?.();
      await transport?.close();
      process.exit(0);
      return { ok: true };
    default:
      return { ok: false, code: 'bad-input', message: `unknown command ${cmd}` };
  }
}

const rl = createInterface({ input: process.stdin });
let chain = Promise.resolve();
rl.on('line', (line) => {
  chain = chain.then(async () => {
    try {
      say(await run(line));
    } catch (e) {
      const err = e as { code?: string; message?: string };
      say({ ok: false, code: err.code ?? 'error', message: err.message ?? String(e) });
    }
  });
});
rl.on('close', () => {
  void chain.then(() => {
    stopWatch?.();
    return transport?.close();
  });
});
