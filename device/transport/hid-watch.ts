/**
 * Watching tokens come and go (device/transport/hid.ts `watchTokens`): the polling and its bookkeeping,
 * apart from node-hid and usb, which hid.ts alone loads and hands in.
 */
import type { DeviceInfo } from './types';

/** Options of `watchTokens` (./hid.ts). */
export interface WatchOptions {
  /** Polling interval in milliseconds (default 1000). Polling always runs. */
  intervalMs?: number;
  /** Called for each token that appears, first for every token present when watching starts. */
  onAttached: (info: DeviceInfo) => void;
  /** Called with the last known info of each token that disappears. */
  onDetached: (info: DeviceInfo) => void;
  /** Called when one poll fails (the next poll still runs). */
  onError?: (error: unknown) => void;
  /** Also listen to the `usb` package's hotplug events to poll sooner (default true, where usable). */
  useUsbEvents?: boolean;
}

/**
 * Polls `list` every `intervalMs` and tells which tokens came and went (told apart by path); `listenEvents`
 * (hotplug) asks for an extra poll. Returns a function that stops watching (no callbacks after it).
 */
export function pollTokens(
  opts: WatchOptions,
  list: () => Promise<DeviceInfo[]>,
  listenEvents: (onChange: () => void) => () => void,
): () => void {
  const intervalMs = opts.intervalMs ?? 1000;
  const known = new Map<string, DeviceInfo>();
  let isStopped = false;
  let isPolling = false;
  let isPollAgain = false;

  async function poll(): Promise<void> {
    if (isStopped) return;
    if (isPolling) {
      isPollAgain = true;
      return;
    }
    isPolling = true;
    try {
      const now = new Map((await list()).map((t) => [t.path, t] as const));
      if (isStopped) return;
      for (const [path, info] of known) {
        if (!now.has(path)) {
          known.delete(path);
          opts.onDetached(info);
        }
      }
      for (const [path, info] of now) {
        if (!known.has(path)) {
          known.set(path, info);
          opts.onAttached(info);
        }
      }
    } catch (e) {
      opts.onError?.(e);
    } finally {
      isPolling = false;
      if (isPollAgain && !isStopped) {
        isPollAgain = false;
        void poll();
      }
    }
  }

  const timer = setInterval(() => void poll(), intervalMs);
  void poll();
  const stopUsbEvents =
    opts.useUsbEvents === false ? () => undefined : listenEvents(() => setTimeout(() => void poll(), 200));
  return () => {
    isStopped = true;
    clearInterval(timer);
    stopUsbEvents();
  };
}
