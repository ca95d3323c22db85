/**
 * The preload factory (style guide §2): builds `window.keyslot` from an ipcRenderer. It exposes
 * only the contract's channels, never hands Electron's event object to listeners, and returns an
 * unsubscribe function from `on`. Taking the IPC object as a parameter lets tests pass a fake.
 */
import {
  CHANNEL_PREFIX,
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type Events,
  type KeyslotApi,
  type Result,
} from '../ipc/contract';

/** The part of Electron's ipcRenderer the API uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function refused(reason: 'unknown-channel' | 'main-unreachable'): Result<never> {
  return { ok: false, error: { code: 'bad-request', reason } };
}

/** Builds the API object the preload hands to contextBridge. */
export function createApi(ipc: IpcRendererLike): KeyslotApi {
  const api: KeyslotApi = {
    async invoke(channel, ...args) {
      if (typeof channel !== 'string' || !Object.hasOwn(REQUEST_CHANNELS, channel)) return refused('unknown-channel');
      try {
        return (await ipc.invoke(CHANNEL_PREFIX + channel, ...args)) as never;
      } catch {
        // ipcRenderer.invoke rejects only when main has no handler or the frame went away.
        return refused('main-unreachable');
      }
    },
    on<E extends EventChannel>(event: E, listener: (payload: Events[E]) => void) {
      if (typeof event !== 'string' || !Object.hasOwn(EVENT_CHANNELS, event) || typeof listener !== 'function')
        return () => undefined;
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as Events[E]);
      ipc.on(CHANNEL_PREFIX + event, wrapped);
      return () => {
        ipc.removeListener(CHANNEL_PREFIX + event, wrapped);
      };
    },
  };
  return Object.freeze(api);
}
