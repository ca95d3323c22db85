/**
 * The renderer's one way to main (style guide §1): `window.keyslot` from the preload, or the web
 * host's WebSocket client. Tests and the web host swap it with `setApi`.
 */
import type {
  EventChannel,
  Events,
  KeyslotApi,
  RequestArgs,
  RequestChannel,
  ResponseOf,
  Result,
} from '../electron/ipc/contract';
import { connectWebApi } from './web-api';

declare global {
  interface Window {
    keyslot?: KeyslotApi;
  }
}

let current: KeyslotApi | null = null;

/** Uses `api` from now on (tests, web host). */
export function setApi(api: KeyslotApi): void {
  current = api;
}

function api(): KeyslotApi {
  current ??= window.keyslot ?? connectWebApi(window.location);
  return current;
}

/** Sends a request; always resolves to a Result. */
export function invoke<C extends RequestChannel>(channel: C, ...args: RequestArgs<C>): Promise<Result<ResponseOf<C>>> {
  return api().invoke(channel, ...args);
}

/** Subscribes to a main-process event; returns the unsubscribe function. */
export function on<E extends EventChannel>(event: E, listener: (payload: Events[E]) => void): () => void {
  return api().on(event, listener);
}
