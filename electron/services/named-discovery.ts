/**
 * Finds named-credential tokens (Nitrokey 3) beside the slot token: `virtual-nk3[:STATEFILE]` opens the
 * virtual Nitrokey 3 in process (its state in a JSON file), and real ones are followed by polling the FIDO
 * HID interfaces (device/ openSession with the one found). Several may be held at once.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  NameSession,
  listNk3HidDevices,
  Nk3Session,
  openSession,
  openVirtualNk3File,
  type Clock,
  type Nk3HidInfo,
  type TouchPolicy,
  type VirtualNk3,
} from '../../device/index';
import type { Logger } from '../ipc/serve';
import type { NamedOpener, NamedTokens } from './named-tokens';

/** `virtual-nk3` or `virtual-nk3:STATEFILE` → the state file (null: the default in the user-data folder). */
export function parseNamedSpec(text: string): { stateFile: string | null } | null {
  if (text === 'virtual-nk3') return { stateFile: null };
  if (text.startsWith('virtual-nk3:') && text.length > 'virtual-nk3:'.length)
    return { stateFile: text.slice('virtual-nk3:'.length) };
  return null;
}

/** Opens (or creates) a virtual Nitrokey 3 from its state file; `touch` is how its button answers. */
export async function openVirtualNk3(stateFile: string, touch: TouchPolicy = 'accept'): Promise<VirtualNk3> {
  await mkdir(dirname(stateFile), { recursive: true, mode: 0o700 });
  return openVirtualNk3File(stateFile, { policy: touch });
}

/** An opener for a virtual Nitrokey 3 held in this process (over its real CTAPHID framing). */
export function virtualNk3Opener(device: VirtualNk3, stateFile: string, clock?: Clock): NamedOpener {
  const now = () => (clock ? clock.now() : Date.now());
  return async (onTouchNeeded) => {
    const nk3 = new Nk3Session(await device.openCtaphid(), { onTouchNeeded, now });
    return new NameSession(nk3, { model: 'nk3', path: `virtual-nk3:${stateFile}`, isVirtual: true, serialNumber: '' });
  };
}

/**
 * Follows real Nitrokey 3s: each FIDO interface that appears is opened and held; one that goes is dropped.
 * Returns a stop function. `list` lists the interfaces (device/ node-hid by default); `open` opens one
 * (device/ openSession by default; tests give a virtual Nitrokey 3).
 */
export function followNamedHid(
  named: NamedTokens,
  log: Logger,
  opts: {
    list?: () => Promise<Nk3HidInfo[]>;
    open?: (info: Nk3HidInfo) => NamedOpener;
    intervalMs?: number;
    clock?: Clock;
  } = {},
): () => void {
  const list = opts.list ?? listNk3HidDevices;
  const open =
    opts.open ??
    ((info: Nk3HidInfo): NamedOpener =>
      (onTouchNeeded) =>
        openSession('nk3', process.env, { listNk3: async () => [info], onTouchNeeded, clock: opts.clock }));
  /** Interfaces held now: their path and the id the session got. */
  const held = new Map<string, string | null>();
  let isBusy = false;
  /** The last discovery problem logged: a lasting one (no HID access) is logged once, not every second. */
  let lastProblem = '';
  const tick = async () => {
    if (isBusy) return;
    isBusy = true;
    try {
      const found = await list();
      const paths = new Set(found.map((f) => f.path));
      for (const [path, id] of [...held]) {
        if (paths.has(path)) continue;
        held.delete(path);
        if (id !== null) await named.remove(id);
      }
      for (const info of found) {
        if (held.has(info.path)) continue;
        held.set(info.path, null);
        const id = await named
          .add(open(info))
          .catch((e: unknown) => void log.warn(`could not open a Nitrokey 3: ${(e as Error).message}`));
        if (id) held.set(info.path, id);
      }
      lastProblem = '';
    } catch (e) {
      const problem = (e as Error).message;
      if (problem !== lastProblem) log.warn(`Nitrokey 3 discovery: ${problem}`);
      lastProblem = problem;
    } finally {
      isBusy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 1000);
  timer.unref?.();
  return () => clearInterval(timer);
}
