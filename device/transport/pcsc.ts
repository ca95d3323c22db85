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
  establish(): number | bigint;
  listReaders(ctx: number | bigint): string[];
  connect(ctx: number | bigint, reader: string): Promise<{ card: number | bigint; protocol: number }>;
  transmit(card: number | bigint, protocol: number, apdu: Uint8Array): Promise<Uint8Array>;
  begin(card: number | bigint): Promise<void>;
  end(card: number | bigint): void;
  disconnect(card: number | bigint): void;
  release(ctx: number | bigint): void;
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
  api = {
    establish() {
      const out = [0];
      check(f.establish(SCARD.SCOPE_SYSTEM, null, null, out), 'SCardEstablishContext');
      return out[0];
    },
    listReaders(ctx) {
      const len = [65536];
      const buf = Buffer.alloc(65536);
      const r = f.list(ctx, null, buf, len);
      if (Number(BigInt.asUintN(32, BigInt(r))) === SCARD.E_NO_READERS_AVAILABLE) return [];
      check(r, 'SCardListReaders');
      return buf.subarray(0, Number(len[0])).toString('utf8').split('\0').filter(Boolean);
    },
    async connect(ctx, reader) {
      const card = [0];
      const protocol = [0];
      // Asynchronous: powering the card up waits for it (a card served from this process must still answer).
      const r = await callAsync(f.connect, ctx, reader, SCARD.SHARE_SHARED, SCARD.PROTOCOL_T1, card, protocol);
      check(r, 'SCardConnect');
      return { card: card[0], protocol: Number(protocol[0]) };
    },
    transmit(card, protocol, apdu) {
      const recv = Buffer.alloc(65538);
      const len = [recv.length];
      const pci = { dwProtocol: protocol, cbPciLength: isWindows || isMac ? 8 : 16 };
      return new Promise((resolve, reject) => {
        // Asynchronous: a touch wait keeps SCardTransmit busy for up to 15 s (§7).
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
    end: (card) => void f.end(card, SCARD.LEAVE_CARD),
    disconnect: (card) => void f.disconnect(card, SCARD.LEAVE_CARD),
    release: (ctx) => void f.release(ctx),
  };
  return api;
}

/** Readers pcscd (or the Windows/macOS smart-card service) knows now. Throws DeviceError('no-token') without the service. */
export function listPcscReaders(): string[] {
  const p = pcsc();
  const ctx = p.establish();
  try {
    return p.listReaders(ctx);
  } finally {
    p.release(ctx);
  }
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
  const ctx = p.establish();
  const want = opts.reader ?? NK3_READER;
  const name = p.listReaders(ctx).find((r) => (typeof want === 'string' ? r.startsWith(want) : want.test(r)));
  if (!name) {
    p.release(ctx);
    throw new DeviceError('no-token', { detail: `PC/SC: no reader matches ${String(want)}` });
  }
  let conn: { card: number | bigint; protocol: number };
  try {
    conn = await p.connect(ctx, name);
    await p.begin(conn.card);
  } catch (e) {
    p.release(ctx);
    throw e;
  }
  let isClosed = false;
  return {
    wire: 'ccid',
    reader: name,
    transmit: (apdu: Uint8Array, _options?: TransmitOptions) => {
      if (isClosed) return Promise.reject(new DeviceError('token-unplugged', { detail: 'PC/SC transport closed' }));
      return p.transmit(conn.card, conn.protocol, apdu);
    },
    close: async () => {
      if (isClosed) return;
      isClosed = true;
      p.end(conn.card);
      p.disconnect(conn.card);
      p.release(ctx);
    },
  };
}
