/**
 * Finds tokens and follows plug/unplug for the session: USB tokens through device/'s watcher, and
 * the virtual token by watching its plugged state. `--device auto|hid|virtual[:STATEFILE]`.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  openHidTransport,
  openVirtualTokenFile,
  VirtualTransport,
  watchTokens,
  type DeviceInfo,
  type VirtualToken,
} from '../../device/index';
import type { Logger } from '../ipc/serve';
import type { TokenSession } from './token-session';

/** Which tokens to look for. */
export type DeviceSpec = { kind: 'auto' } | { kind: 'hid' } | { kind: 'virtual'; stateFile: string | null };

/** Parses `auto`, `hid`, `virtual` or `virtual:STATEFILE`. Returns null for anything else. */
export function parseDeviceSpec(text: string): DeviceSpec | null {
  if (text === 'auto' || text === 'hid') return { kind: text };
  if (text === 'virtual') return { kind: 'virtual', stateFile: null };
  if (text.startsWith('virtual:') && text.length > 'virtual:'.length)
    return { kind: 'virtual', stateFile: text.slice('virtual:'.length) };
  return null;
}

/** Opens (or creates) the virtual token whose state lives in `stateFile`. */
export async function openVirtual(stateFile: string): Promise<{ virtual: VirtualToken; transport: VirtualTransport }> {
  await mkdir(dirname(stateFile), { recursive: true, mode: 0o700 });
  const virtual = await openVirtualTokenFile(stateFile, { model: 'pro' });
  return { virtual, transport: new VirtualTransport(virtual, stateFile) };
}

/**
 * Follows a virtual token's plugged state (polling, as the unplug comes from a test or the CLI)
 * and attaches or detaches it. Returns a stop function.
 */
export function followVirtual(
  session: TokenSession,
  virtual: VirtualToken,
  stateFile: string,
  onAttached: () => void,
  opts: { isAttached?: boolean; intervalMs?: number } = {},
): () => void {
  let wasPlugged = opts.isAttached ?? false;
  let isBusy = false;
  const tick = async () => {
    if (isBusy) return;
    isBusy = true;
    try {
      if (virtual.isPlugged && !wasPlugged) {
        wasPlugged = true;
        await session.attach(new VirtualTransport(virtual, stateFile));
        onAttached();
      } else if (!virtual.isPlugged && wasPlugged) {
        wasPlugged = false;
        if (session.id?.startsWith('virtual:')) await session.detach();
      }
    } catch (e) {
      session.log.warn(`virtual token: ${(e as Error).message}`);
    } finally {
      isBusy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 200);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** Watches USB tokens: the first one that appears is attached; its removal detaches it. */
export function followHid(session: TokenSession, onAttached: () => void, log: Logger): () => void {
  return watchTokens({
    intervalMs: 1000,
    onAttached: (info: DeviceInfo) => {
      if (session.isAttached) return;
      void openHidTransport(info)
        .then((t) => session.attach(t))
        .then(onAttached)
        .catch((e) => log.warn(`could not open ${info.model}: ${(e as Error).message}`));
    },
    onDetached: (info: DeviceInfo) => {
      if (session.id === info.path) void session.detach();
    },
    onError: (e) => log.warn(`token discovery: ${(e as Error).message}`),
  });
}
