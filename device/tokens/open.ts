/**
 * Opens a TokenSession of either family from a `--device` spec (device/connect.ts parses it):
 * `virtual[:FILE]` (virtual Pro), `virtual-nk3[:FILE]` (virtual Nitrokey 3 in process), `nk3` (a Nitrokey
 * 3), `hid` / `auto` (the first token of any family), or a serial (the token whose serial it is).
 * A Nitrokey 3 is reached over CTAPHID (node-hid, FIDO usage page 0xF1D0) or, with `transport: 'pcsc'`
 * (the default on Windows, where HID FIDO devices are closed to normal users), over PC/SC.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { DeviceError, isDeviceError } from '../errors';
import { INS } from '../nk3/constants';
import { Nk3Session, type Nk3SessionOptions } from '../nk3/session';
import type { ApduTransport } from '../transport/apdu';
import type { DeviceInfo } from '../transport/types';
import { NameSession } from './name-session';
import { SlotSession } from './slot-session';
import type { SessionDevice, TokenSession } from './types';
import type { ConnectEnv, ConnectOptions } from '../connect';

/** Which wire reaches a Nitrokey 3: CTAPHID over HID, or PC/SC (CCID). */
export type Nk3TransportChoice = 'hid' | 'pcsc';

/** A Nitrokey 3's FIDO interface, as discovery lists it. */
export interface Nk3HidInfo {
  path: string;
}

/** Options of {@link openSession}: connect's plus the Nitrokey 3's. */
export interface SessionOptions extends ConnectOptions {
  /** `pcsc` for PC/SC; default `hid`, on Windows `pcsc`. */
  transport?: Nk3TransportChoice;
  /** Told before a Nitrokey 3 command that needs a touch (or when one may be waiting). */
  onTouchNeeded?: Nk3SessionOptions['onTouchNeeded'];
  /** Milliseconds without an answer after which a possible touch is announced (default 1000). */
  touchHintDelayMs?: number;
  /** Nitrokey 3 FIDO interfaces plugged in now (default: node-hid, device/transport/hid.ts). */
  listNk3?: () => Promise<Nk3HidInfo[]>;
  /** Opens an ApduTransport on a listed Nitrokey 3 (default: node-hid + CTAPHID). */
  openNk3?: (info: Nk3HidInfo) => Promise<ApduTransport>;
  /** PC/SC reader name prefix (default: the first reader named "Nitrokey 3"; env KEYSLOT_PCSC_READER). */
  pcscReader?: string;
  /** Opens the PC/SC transport (default: device/transport/pcsc.ts, first reader named "Nitrokey 3"). */
  openPcsc?: () => Promise<ApduTransport & { reader?: string }>;
}

/** The default virtual Nitrokey 3 file: $XDG_CONFIG_HOME (or ~/.config)/keyslot/virtual-nk3.json. */
export function defaultVirtualNk3File(env: ConnectEnv): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'keyslot', 'virtual-nk3.json');
}

function nk3Device(path: string, isVirtual: boolean): SessionDevice {
  return { model: 'nk3', path, isVirtual, serialNumber: '' };
}

/** The firmware's name of an instruction byte (reference §4.3), for the traffic log. */
const INS_NAMES = new Map<number, string>(
  Object.entries(INS)
    .filter(([name]) => name !== 'CALCULATE_ALL')
    .map(([name, ins]) => [ins, name]),
);

/** Instructions whose data holds a PIN, a secret or a password (§4.4, §4.10–4.12, §4.14). */
const SECRET_BEARING = new Set<number>([INS.PUT, INS.VERIFY_PIN, INS.CHANGE_PIN, INS.SET_PIN, INS.UPDATE_CREDENTIAL]);

/**
 * Reports each APDU to `onTraffic`: instruction name, length, status word, time; never the data (it may
 * hold a PIN or a secret; style guide §6).
 */
function withTraffic(t: ApduTransport, onTraffic: NonNullable<SessionOptions['onTraffic']>): ApduTransport {
  return {
    wire: t.wire,
    transmit: async (apdu, o) => {
      const started = performance.now();
      const r = await t.transmit(apdu, o);
      const sw = r.length >= 2 ? ((r[r.length - 2] << 8) | r[r.length - 1]).toString(16).padStart(4, '0') : '-';
      const command = INS_NAMES.get(apdu[1]) ?? `INS ${apdu[1]}`;
      // A PIN's or secret's length is not told either: those commands log length 0.
      const length = SECRET_BEARING.has(apdu[1]) ? 0 : apdu.length;
      onTraffic({
        command,
        length,
        status: sw,
        roundTrips: 1,
        ms: Math.round(performance.now() - started),
      });
      return r;
    },
    ...(t.cancel ? { cancel: () => t.cancel!() } : {}),
    close: () => t.close(),
  };
}

function wrapNk3(raw: ApduTransport, device: SessionDevice, opts: SessionOptions): NameSession {
  const now = opts.clock ? () => opts.clock!.now() : Date.now;
  const transport = opts.onTraffic ? withTraffic(raw, opts.onTraffic) : raw;
  const nk3 = new Nk3Session(transport, {
    now,
    ...(opts.onTouchNeeded ? { onTouchNeeded: opts.onTouchNeeded } : {}),
    ...(opts.touchHintDelayMs !== undefined ? { touchHintDelayMs: opts.touchHintDelayMs } : {}),
  });
  return new NameSession(nk3, device);
}

async function openVirtualNk3(file: string, opts: SessionOptions): Promise<NameSession> {
  const { openVirtualNk3File } = await import('../virtual/nk3/state-file');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const device = await openVirtualNk3File(file);
  const transport = opts.transport === 'pcsc' ? device.openCcid() : await device.openCtaphid();
  return wrapNk3(transport, nk3Device(`virtual-nk3:${file}`, true), opts);
}

function defaultTransport(opts: SessionOptions): Nk3TransportChoice {
  return opts.transport ?? (process.platform === 'win32' ? 'pcsc' : 'hid');
}

async function listNk3(opts: SessionOptions): Promise<Nk3HidInfo[]> {
  if (opts.listNk3) return opts.listNk3();
  const { listNk3HidDevices } = await import('../transport/hid');
  return listNk3HidDevices();
}

async function openNk3Hid(info: Nk3HidInfo, opts: SessionOptions): Promise<NameSession> {
  let transport: ApduTransport;
  if (opts.openNk3) transport = await opts.openNk3(info);
  else {
    const [{ openRawHidDevice }, { CtaphidTransport }] = await Promise.all([
      import('../transport/hid'),
      import('../transport/ctaphid'),
    ]);
    const raw = await openRawHidDevice(info.path);
    transport = await CtaphidTransport.open(raw).catch(async (e: unknown) => {
      await raw.close().catch(() => undefined);
      throw e;
    });
  }
  return wrapNk3(transport, nk3Device(info.path, false), opts);
}

async function openNk3Pcsc(opts: SessionOptions): Promise<NameSession> {
  const { openPcscTransport } = await import('../transport/pcsc');
  const t = opts.openPcsc
    ? await opts.openPcsc()
    : await openPcscTransport(opts.pcscReader ? { reader: opts.pcscReader } : {});
  return wrapNk3(t, nk3Device(`pcsc:${t.reader ?? ''}`, false), opts);
}

/** The first Nitrokey 3, over the chosen wire; null when none is there. */
async function firstNk3(opts: SessionOptions): Promise<NameSession | null> {
  if (defaultTransport(opts) === 'pcsc') {
    return openNk3Pcsc(opts).catch((e: unknown) => {
      if (isDeviceError(e) && e.code === 'no-token') return null;
      throw e;
    });
  }
  const found = await listNk3(opts);
  return found.length ? openNk3Hid(found[0], opts) : null;
}

/**
 * Opens a session with the token `spec` names. Rejects with DeviceError: 'bad-input' (spec), 'no-token'
 * (nothing found: the reason says how to try the virtual token), 'hid-permission', 'token-unplugged'.
 */
export async function openSession(spec: string, env: ConnectEnv, options: SessionOptions = {}): Promise<TokenSession> {
  const opts = env.KEYSLOT_PCSC_READER ? { pcscReader: env.KEYSLOT_PCSC_READER, ...options } : options;
  const connect = await import('../connect');
  const parsed = connect.parseDeviceSpec(spec);
  const now = opts.clock ? () => opts.clock!.now() : Date.now;
  const slotSession = async (s: string) => new SlotSession(await connect.openToken(s, env, opts), now);
  switch (parsed.mode) {
    case 'virtual':
      return slotSession(spec);
    case 'virtual-nk3':
      return openVirtualNk3(parsed.file ?? defaultVirtualNk3File(env), opts);
    case 'nk3': {
      const s = await firstNk3(opts);
      if (!s) throw new DeviceError('no-token', { reason: 'cli-virtual-nk3' });
      return s;
    }
    case 'serial':
      return openBySerial(parsed.serial, opts);
    default: {
      // auto / hid: the slot family first (as before), then a Nitrokey 3.
      try {
        return await slotSession(spec);
      } catch (e) {
        if (!isDeviceError(e) || e.code !== 'no-token') throw e;
        const s = await firstNk3(opts).catch(() => null);
        if (s) return s;
        throw e;
      }
    }
  }
}

/** The token with this serial: a slot token by its USB serial string, a Nitrokey 3 by SELECT's serial. */
async function openBySerial(serial: string, opts: SessionOptions): Promise<TokenSession> {
  const want = serial.toLowerCase();
  const hid = opts.listHidTokens && opts.openHidTransport ? undefined : await import('../transport/hid');
  const slotTokens: DeviceInfo[] = await (opts.listHidTokens ?? hid!.listHidTokensAsync)();
  const { isSerialOf } = await import('../connect');
  const match = slotTokens.find((t) => isSerialOf(t, serial));
  if (match) {
    const open = opts.openHidTransport ?? hid!.openHidTransport;
    const { Token } = await import('../token');
    const token = await Token.open(await open(match), { clock: opts.clock, onTraffic: opts.onTraffic });
    return new SlotSession(token, opts.clock ? () => opts.clock!.now() : Date.now);
  }
  const candidates: TokenSession[] = [];
  if (defaultTransport(opts) === 'pcsc') {
    const s = await firstNk3(opts);
    if (s) candidates.push(s);
  } else {
    for (const info of await listNk3(opts)) candidates.push(await openNk3Hid(info, opts));
  }
  let found: TokenSession | undefined;
  for (const s of candidates) {
    const st = found ? null : await s.status().catch(() => null);
    if (!found && st?.serial?.toLowerCase() === want) found = s;
    else await s.close().catch(() => undefined);
  }
  if (found) return found;
  throw new DeviceError('no-token', { reason: 'serial-not-found', value: serial });
}

/**
 * Which family `spec` reaches, by looking, not opening where it can: `virtual[:FILE]` slots, `nk3` and
 * `virtual-nk3[:FILE]` names; `auto` / `hid` enumerate (a slot token first, as before; then a Nitrokey 3
 * over HID, or over PC/SC when that is the transport); nothing found is 'slots' (its opener says why).
 * A serial gives null: open it with {@link openSession} and ask `caps.addressing`.
 */
export async function whichFamily(spec: string, opts: SessionOptions = {}): Promise<'slots' | 'names' | null> {
  const { parseDeviceSpec } = await import('../connect');
  const parsed = parseDeviceSpec(spec);
  if (parsed.mode === 'virtual') return 'slots';
  if (parsed.mode === 'nk3' || parsed.mode === 'virtual-nk3') return 'names';
  if (parsed.mode === 'serial') return null;
  const hid = opts.listHidTokens ? undefined : await import('../transport/hid');
  const slotTokens = await (opts.listHidTokens ?? hid!.listHidTokensAsync)();
  if (slotTokens.length > 0) return 'slots';
  if (defaultTransport(opts) === 'pcsc') {
    const s = await firstNk3(opts).catch(() => null);
    await s?.close().catch(() => undefined);
    return s ? 'names' : 'slots';
  }
  return (await listNk3(opts).catch(() => [])).length > 0 ? 'names' : 'slots';
}
