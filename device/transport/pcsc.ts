/**
 * PC/SC transport for the Nitrokey 3's CCID interface (protocol reference §2.1, §2.2, §2.4): the system's
 * PC/SC library (pcsc-lite `libpcsclite.so.1` on Linux, `PCSC.framework` on macOS, `winscard.dll` on
 * Windows) called through koffi, a foreign-function interface that ships prebuilt N-API binaries for all
 * three platforms. Why koffi rather than a PC/SC binding: @pokusew/pcsclite 0.6.0, pcsclite 1.0.1 and
 * smartcard 3.7.0 all run node-gyp at install time (no prebuilt binaries), which needs a compiler and the
 * PC/SC headers on every user's machine. koffi is loaded on first use only.
 */
import { createRequire } from 'node:module';
import { DeviceError } from '../errors';
import type { ApduTransport, TransmitOptions } from './apdu';

type Koffi = typeof import('koffi');
const require = createRequire(import.meta.url);

/** PC/SC constants (pcsc-lite `pcsclite.h`, winscard.h: same values). */
const SCARD = {
  SCOPE_SYSTEM: 2,
  SHARE_SHARED: 2,
  PROTOCOL_T1: 2,
  LEAVE_CARD: 0,
  S_SUCCESS: 0,
  E_TIMEOUT: 0x8010000a,
  E_NO_SMARTCARD: 0x8010000c,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

interface PcscApi {
  establish(): Promise<number | bigint>;
  listReaders(ctx: number | bigint): Promise<string[]>;
  connect(ctx: number | bigint, reader: string): Promise<{ card: number | bigint; protocol: number }>;
  transmit(card: number | bigint, protocol: number, apdu: Uint8Array): Promise<Uint8Array>;
  begin(card: number | bigint): Promise<void>;
  end(card: number | bigint): Promise<void>;
  disconnect(card: number | bigint): Promise<void>;
  release(ctx: number | bigint): Promise<void>;
}

let api: PcscApi | undefined;

/** Calls a koffi function on its worker thread; resolves with the result code. */
function callAsync(fn: { async: (...args: unknown[]) => void }, ...args: unknown[]): Promise<number | bigint> {
  return new Promise((resolve, reject) =>
    fn.async(...args, (err: unknown, r: number | bigint) => (err ? reject(err) : resolve(r))),
  );
}

/** Throws the DeviceError for a PC/SC result code other than success. */
function check(rv: number | bigint, what: string): void {
  const code = Number(BigInt.asUintN(32, BigInt(rv)));
  if (code === SCARD.S_SUCCESS) return;
  const detail = `PC/SC ${what}: 0x${code.toString(16)}`;
  if (code === SCARD.E_NO_SERVICE || code === SCARD.E_NO_READERS_AVAILABLE || code === SCARD.E_NO_SMARTCARD)
    throw new DeviceError('no-token', { detail });
  if (code === SCARD.W_REMOVED_CARD || code === SCARD.E_READER_UNAVAILABLE || code === SCARD.W_RESET_CARD)
    throw new DeviceError('token-unplugged', { detail });
  if (code === SCARD.E_TIMEOUT) throw new DeviceError('timeout', { detail });
  throw new DeviceError('unknown', { detail });
}

/** Binds the platform's PC/SC library. Throws DeviceError('no-token') when it is not installed. */
function pcsc(): PcscApi {
  if (api) return api;
  const koffi = require('koffi') as Koffi;
  const isWindows = process.platform === 'win32';
  const isMac = process.platform === 'darwin';
  // DWORD/LONG/handles are `unsigned long`/`long` on pcsc-lite (64-bit on LP64), 32-bit on macOS, and
  // DWORD = uint32, handles = pointer-sized on Windows.
  const dword = isWindows || isMac ? 'uint32_t' : 'unsigned long';
  const rv = isWindows || isMac ? 'int32_t' : 'long';
  const handle = isMac ? 'int32_t' : isWindows ? 'uintptr_t' : 'long';
  const a = isWindows ? 'A' : '';
  let lib;
  try {
    lib = koffi.load(
      isWindows ? 'winscard.dll' : isMac ? '/System/Library/Frameworks/PCSC.framework/PCSC' : 'libpcsclite.so.1',
    );
  } catch (e) {
    throw new DeviceError('no-token', { detail: `PC/SC library: ${(e as Error).message}` });
  }
  koffi.struct('SCARD_IO_REQUEST', { dwProtocol: dword, cbPciLength: dword });
  const f = {
    establish: lib.func(`${rv} SCardEstablishContext(${dword}, void *, void *, _Out_ ${handle} *)`),
    list: lib.func(`${rv} SCardListReaders${a}(${handle}, const char *, _Out_ uint8_t *, _Inout_ ${dword} *)`),
    connect: lib.func(
      `${rv} SCardConnect${a}(${handle}, const char *, ${dword}, ${dword}, _Out_ ${handle} *, _Out_ ${dword} *)`,
    ),
    transmit: lib.func(
      `${rv} SCardTransmit(${handle}, SCARD_IO_REQUEST *, const uint8_t *, ${dword}, void *, _Out_ uint8_t *, _Inout_ ${dword} *)`,
    ),
    begin: lib.func(`${rv} SCardBeginTransaction(${handle})`),
    end: lib.func(`${rv} SCardEndTransaction(${handle}, ${dword})`),
    disconnect: lib.func(`${rv} SCardDisconnect(${handle}, ${dword})`),
    release: lib.func(`${rv} SCardReleaseContext(${handle})`),
  };
  // Every call runs on koffi's worker thread, never on the event loop: pcscd may wait for the card before
  // it answers even a context or reader-list call, and a card served from this process (the virtual
  // Nitrokey 3 in vpcd) can answer only while the event loop runs.
  api = {
    async establish() {
      const out = [0];
      check(await callAsync(f.establish, SCARD.SCOPE_SYSTEM, null, null, out), 'SCardEstablishContext');
      return out[0];
    },
    async listReaders(ctx) {
      const len = [65536];
      const buf = Buffer.alloc(65536);
      const r = await callAsync(f.list, ctx, null, buf, len);
      if (Number(BigInt.asUintN(32, BigInt(r))) === SCARD.E_NO_READERS_AVAILABLE) return [];
      check(r, 'SCardListReaders');
      return buf.subarray(0, Number(len[0])).toString('utf8').split('\0').filter(Boolean);
    },
    async connect(ctx, reader) {
      const card = [0];
      const protocol = [0];
      const r = await callAsync(f.connect, ctx, reader, SCARD.SHARE_SHARED, SCARD.PROTOCOL_T1, card, protocol);
      check(r, 'SCardConnect');
      return { card: card[0], protocol: Number(protocol[0]) };
    },
    transmit(card, protocol, apdu) {
      const recv = Buffer.alloc(65538);
      const len = [recv.length];
      const pci = { dwProtocol: protocol, cbPciLength: isWindows || isMac ? 8 : 16 };
      return new Promise((resolve, reject) => {
        // A touch wait keeps SCardTransmit busy for up to 15 s (§7).
        f.transmit.async(card, pci, apdu, apdu.length, null, recv, len, (err: unknown, r: number | bigint) => {
          if (err) return reject(new DeviceError('unknown', { detail: `PC/SC SCardTransmit: ${String(err)}` }));
          try {
            check(r, 'SCardTransmit');
            resolve(Uint8Array.from(recv.subarray(0, Number(len[0]))));
          } catch (e) {
            reject(e);
          }
        });
      });
    },
    begin: async (card) => check(await callAsync(f.begin, card), 'SCardBeginTransaction'),
    // Result codes of the three below are not checked: they run while closing, when nothing is left to do.
    end: async (card) => void (await callAsync(f.end, card, SCARD.LEAVE_CARD).catch(() => 0)),
    disconnect: async (card) => void (await callAsync(f.disconnect, card, SCARD.LEAVE_CARD).catch(() => 0)),
    release: async (ctx) => void (await callAsync(f.release, ctx).catch(() => 0)),
  };
  return api;
}

/** Readers pcscd (or the Windows/macOS smart-card service) knows now. Throws DeviceError('no-token') without the service. */
export async function listPcscReaders(): Promise<string[]> {
  const p = pcsc();
  const ctx = await p.establish();
  try {
    return await p.listReaders(ctx);
  } finally {
    await p.release(ctx);
  }
}

/** How long a PC/SC transaction is waited for while another program holds the card. */
const BEGIN_WAIT_MS = 10_000;
/** The least time an APDU's answer is waited for: longer than a touch wait (15 s, §7). */
const TRANSMIT_WAIT_MS = 30_000;

/** Resolves with what `p` resolves with, or with false once `ms` have passed first. */
function within<T>(p: Promise<T>, ms: number): Promise<T | false> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The default reader choice: a Nitrokey 3 ("Nitrokey Nitrokey 3 …", §2.1). */
export const NK3_READER = /Nitrokey 3/;

/** A PC/SC ApduTransport with its reader's name. */
export interface PcscTransport extends ApduTransport {
  readonly reader: string;
}

/**
 * Connects (T=1, shared) to the first reader whose name matches `reader` (default {@link NK3_READER})
 * and holds a PC/SC transaction until close, so that no other program's APDU (a SELECT of another app)
 * lands between a VERIFY PIN and its command (§2.3). Throws DeviceError('no-token') when no reader
 * matches or no card is in it.
 */
export async function openPcscTransport(opts: { reader?: string | RegExp } = {}): Promise<PcscTransport> {
  const p = pcsc();
  const ctx = await p.establish();
  const want = opts.reader ?? NK3_READER;
  let name: string | undefined;
  try {
    name = (await p.listReaders(ctx)).find((r) => (typeof want === 'string' ? r.startsWith(want) : want.test(r)));
  } catch (e) {
    await p.release(ctx);
    throw e;
  }
  if (!name) {
    await p.release(ctx);
    throw new DeviceError('no-token', { detail: `PC/SC: no reader matches ${String(want)}` });
  }
  let conn: { card: number | bigint; protocol: number };
  try {
    conn = await p.connect(ctx, name);
  } catch (e) {
    await p.release(ctx);
    throw e;
  }
  // SCardBeginTransaction waits as long as another program holds one; past BEGIN_WAIT_MS that is "busy",
  // and a transaction that still comes later is ended at once.
  const begun = p.begin(conn.card).then(() => true);
  const letGo = async () => {
    await p.disconnect(conn.card);
    await p.release(ctx);
  };
  const isBegun = await within(begun, BEGIN_WAIT_MS).catch(async (e: unknown) => {
    await letGo();
    throw e;
  });
  if (!isBegun) {
    void begun.then(
      () => p.end(conn.card).then(letGo),
      () => letGo(),
    );
    throw new DeviceError('busy', { detail: `PC/SC: another program held ${name} for ${BEGIN_WAIT_MS} ms` });
  }
  let isClosed = false;
  return {
    wire: 'ccid',
    reader: name,
    transmit: (apdu: Uint8Array, options?: TransmitOptions) => {
      if (isClosed) return Promise.reject(new DeviceError('token-unplugged', { detail: 'PC/SC transport closed' }));
      const ms = Math.max(options?.timeoutMs ?? 0, TRANSMIT_WAIT_MS);
      return within(p.transmit(conn.card, conn.protocol, apdu), ms).then((r) => {
        if (r === false) throw new DeviceError('timeout', { detail: `PC/SC SCardTransmit: no answer in ${ms} ms` });
        return r;
      });
    },
    close: async () => {
      if (isClosed) return;
      isClosed = true;
      await p.end(conn.card);
      await p.disconnect(conn.card);
      await p.release(ctx);
    },
  };
}
