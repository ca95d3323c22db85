/**
 * Opens a Token from a `--device` spec: `auto` (first hardware token, else a clear 'no-token'),
 * `hid` (hardware only), `virtual` (the default virtual state file) or `virtual:FILE`.
 * Hardware and virtual modules are imported on demand, so a virtual session never loads node-hid.
 */
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Clock } from './clock';
import { DeviceError } from './errors';
import { Token, type TokenOptions } from './token';
import { modelForUsbId, type DeviceInfo, type Model, type Transport } from './transport/types';
import type { LatencyModel } from './virtual/latency';

/** Environment variables connect reads (all optional). */
export type ConnectEnv = Record<string, string | undefined>;

/** A hidraw node of a supported model, and whether this user may open it. */
export interface HidrawNode {
  path: string;
  model: Model;
  isAccessible: boolean;
}

/** Injection points for tests; each defaults to the real thing. */
export interface ConnectOptions {
  clock?: Clock;
  /** Hardware tokens plugged in now (device/transport/hid.ts). */
  listHidTokens?: () => DeviceInfo[] | Promise<DeviceInfo[]>;
  openHidTransport?: (info: DeviceInfo) => Promise<Transport>;
  /** Linux hidraw nodes of our models, to tell "none plugged in" from "not allowed to see it". */
  hidrawNodes?: () => HidrawNode[];
  /** Processing times of a virtual token (default: device/virtual/latency.ts DEFAULT_LATENCY). */
  virtualLatency?: LatencyModel | 'none';
  /** Receives one traffic entry per command (name, status, round trips, ms; never payloads). */
  onTraffic?: TokenOptions['onTraffic'];
}

/** A parsed `--device` spec. */
export type DeviceSpec =
  | { mode: 'auto' }
  | { mode: 'hid' }
  | { mode: 'virtual'; file?: string }
  | { mode: 'virtual-nk3'; file?: string }
  | { mode: 'nk3' }
  | { mode: 'serial'; serial: string };

/**
 * Parses `auto`, `hid`, `virtual`, `virtual:FILE`, `nk3`, `virtual-nk3`, `virtual-nk3:FILE` or a serial
 * (4 to 16 hex digits). Throws DeviceError('bad-input') otherwise.
 */
export function parseDeviceSpec(spec: string): DeviceSpec {
  if (spec === 'auto' || spec === 'hid' || spec === 'nk3') return { mode: spec };
  for (const mode of ['virtual', 'virtual-nk3'] as const) {
    if (spec === mode) return { mode };
    if (spec.startsWith(`${mode}:`) && spec.length > mode.length + 1)
      return { mode, file: spec.slice(mode.length + 1) };
  }
  if (/^[0-9a-fA-F]{4,16}$/.test(spec)) return { mode: 'serial', serial: spec };
  throw new DeviceError('bad-input', { reason: 'device-spec', value: spec });
}

/** True if the spec names a Nitrokey 3 without looking (`nk3`, `virtual-nk3[:FILE]`). */
export function isNamesSpec(spec: string): boolean {
  return spec === 'nk3' || spec === 'virtual-nk3' || spec.startsWith('virtual-nk3:');
}

/** The default virtual state file: $XDG_CONFIG_HOME (or ~/.config)/keyslot/virtual-token.json. */
export function defaultVirtualStateFile(env: ConnectEnv): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'keyslot', 'virtual-token.json');
}

/**
 * The model and firmware a new virtual state file gets: KEYSLOT_VIRTUAL_MODEL (pro, storage or
 * librem; default pro) and KEYSLOT_VIRTUAL_FIRMWARE (`0.N`). Throws DeviceError('bad-input').
 */
export function virtualProfileFromEnv(env: ConnectEnv): { model: Model; firmwareMinor?: number } {
  return parseVirtualProfile(
    env.KEYSLOT_VIRTUAL_MODEL,
    env.KEYSLOT_VIRTUAL_FIRMWARE,
    'KEYSLOT_VIRTUAL_MODEL',
    'KEYSLOT_VIRTUAL_FIRMWARE',
  );
}

/** Checks a model name and a `0.N` firmware version; `modelName`/`firmwareName` label the problem. */
export function parseVirtualProfile(
  model: string | undefined,
  firmware: string | undefined,
  modelName: string,
  firmwareName: string,
): { model: Model; firmwareMinor?: number } {
  const m = model || 'pro';
  if (m !== 'pro' && m !== 'storage' && m !== 'librem') {
    throw new DeviceError('bad-input', { reason: 'model-name', name: modelName, value: m });
  }
  if (!firmware) return { model: m };
  const f = /^0\.(\d{1,3})$/.exec(firmware);
  if (!f) throw new DeviceError('bad-input', { reason: 'firmware-name', name: firmwareName, value: firmware });
  return { model: m, firmwareMinor: Number(f[1]) };
}

/**
 * Opens a session with the token a `--device` spec names. Rejects with DeviceError:
 * 'bad-input' for a bad spec or env, 'no-token' when auto/hid finds no token, 'hid-permission'
 * (with the udev rule) when Linux shows our token's hidraw node but this user may not open it.
 */
export async function openToken(spec: string, env: ConnectEnv, opts: ConnectOptions = {}): Promise<Token> {
  const parsed = parseDeviceSpec(spec);
  if (parsed.mode === 'nk3' || parsed.mode === 'virtual-nk3' || parsed.mode === 'serial')
    throw new DeviceError('not-supported', { reason: 'slot-token-only', value: spec });
  const transport =
    parsed.mode === 'virtual'
      ? await openVirtual(parsed.file ?? defaultVirtualStateFile(env), env, opts)
      : await openHardware(opts);
  try {
    return await Token.open(transport, { clock: opts.clock, onTraffic: opts.onTraffic });
  } catch (e) {
    await transport.close().catch(() => undefined);
    throw e;
  }
}

async function openVirtual(file: string, env: ConnectEnv, opts: ConnectOptions): Promise<Transport> {
  const profile = virtualProfileFromEnv(env);
  const [{ openVirtualTokenFile }, { VirtualTransport }] = await Promise.all([
    import('./virtual/state-file'),
    import('./transport/virtual'),
  ]);
  // mode 0700: the folder holds the state file and its temporary files, which hold secrets.
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const load = {
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.virtualLatency ? { latency: opts.virtualLatency } : {}),
  };
  const token = await openVirtualTokenFile(file, profile, load);
  return new VirtualTransport(token, file);
}

async function openHardware(opts: ConnectOptions): Promise<Transport> {
  const hid = opts.listHidTokens && opts.openHidTransport ? undefined : await import('./transport/hid');
  const list = opts.listHidTokens ?? hid!.listHidTokens;
  const open = opts.openHidTransport ?? hid!.openHidTransport;
  const found = await list();
  if (found.length > 0) return open(found[0]);
  const blocked = (opts.hidrawNodes ?? linuxHidrawNodes)().filter((n) => !n.isAccessible);
  if (blocked.length > 0) {
    const { udevRuleFields } = await import('./transport/udev');
    throw new DeviceError('hid-permission', {
      ...udevRuleFields(),
      other: blocked.map((n) => n.path).join(', '),
      detail: 'hidraw node not accessible',
    });
  }
  throw new DeviceError('no-token', { reason: 'cli-virtual' });
}

/**
 * Slot tokens (Pro, Storage, Librem Key) plugged in now: one enumeration, which the caller hands to
 * {@link openToken} as `listHidTokens` so the token is not looked for twice (issue 10).
 */
export async function listSlotTokens(opts: ConnectOptions = {}): Promise<DeviceInfo[]> {
  if (opts.listHidTokens) return opts.listHidTokens();
  const { listHidTokens } = await import('./transport/hid');
  return listHidTokens();
}

/** True if `serial` (hex, leading zeros ignored) is this token's USB serial. */
export function isSerialOf(info: DeviceInfo, serial: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/^0+/, '');
  return norm(info.serialNumber) === norm(serial);
}

/**
 * Our models' hidraw nodes on Linux, read from sysfs (HID_ID=0003:000020A0:00004108 in the uevent),
 * which every user may read even when /dev/hidrawN is root-only. Empty elsewhere.
 */
export function linuxHidrawNodes(): HidrawNode[] {
  if (process.platform !== 'linux') return [];
  let names: string[];
  try {
    names = readdirSync('/sys/class/hidraw');
  } catch {
    return [];
  }
  const out: HidrawNode[] = [];
  for (const name of names) {
    try {
      const uevent = readFileSync(`/sys/class/hidraw/${name}/device/uevent`, 'utf8');
      const id = /^HID_ID=[0-9a-f]+:([0-9a-f]+):([0-9a-f]+)$/im.exec(uevent);
      const model = id ? modelForUsbId(parseInt(id[1], 16), parseInt(id[2], 16)) : undefined;
      if (!model) continue;
      const path = `/dev/${name}`;
      out.push({ path, model, isAccessible: canOpen(path) });
    } catch {
      // A node that vanished while we looked is simply not there.
    }
  }
  return out;
}

function canOpen(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
