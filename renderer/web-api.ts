/**
 * The contract over the web host's WebSocket: the same `invoke`/`on` as the preload's API. The
 * host also asks this page to write and read its clipboard (navigator.clipboard). Bytes travel as
 * `{ $bytes: BASE64 }` (web-host/wire.ts turns them back).
 */
import type { EventChannel, Events, KeyslotApi, Result } from '../electron/ipc/contract';

type Listener = (payload: unknown) => void;

export function connectWebApi(location: Location): KeyslotApi {
  const token = new URLSearchParams(location.search).get('t') ?? '';
  const ws = new WebSocket(`ws://${location.host}/ws?t=${encodeURIComponent(token)}`);
  const open = new Promise<boolean>((resolve) => {
    ws.addEventListener('open', () => resolve(true));
    ws.addEventListener('error', () => resolve(false));
  });
  const pending = new Map<number, (r: Result<never>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let next = 1;

  const lost = (): Result<never> => ({ ok: false, error: { code: 'bad-request', reason: 'connection-lost' } });
  ws.addEventListener('close', () => {
    for (const done of pending.values()) done(lost());
    pending.clear();
  });
  ws.addEventListener('message', (e) => {
    const msg = JSON.parse(String(e.data));
    if (typeof msg.id === 'number') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else if (msg.clip) {
      void (msg.clip === 'read-image' ? clipImage() : clip(msg.clip, msg.text)).then((text) =>
        ws.send(JSON.stringify({ clipReply: msg.clipId, text })),
      );
    } else if (typeof msg.event === 'string') {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    }
  });

  return {
    async invoke(channel, ...args) {
      if (!(await open)) return lost();
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<never>) => void);
        ws.send(JSON.stringify({ id, channel, args }, encodeBytes));
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: Events[E]) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      const l = listener as Listener;
      listeners.get(event)!.add(l);
      return () => void listeners.get(event)?.delete(l);
    },
  };
}

async function clip(op: 'write' | 'read', text?: string): Promise<string | null> {
  try {
    if (op === 'write') {
      await navigator.clipboard.writeText(text ?? '');
      return 'ok';
    }
    return await navigator.clipboard.readText();
  } catch {
    return null;
  }
}

/** Base64 of bytes, in chunks so large images do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** JSON.stringify replacer: a Uint8Array becomes `{ $bytes: BASE64 }`. */
export function encodeBytes(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $bytes: toBase64(value) } : value;
}

/** The clipboard's image as base64 PNG, or null (no image, or the page may not read it). */
async function clipImage(): Promise<string | null> {
  try {
    for (const item of await navigator.clipboard.read()) {
      const type = item.types.find((t) => t === 'image/png');
      if (type) return toBase64(new Uint8Array(await (await item.getType(type)).arrayBuffer()));
    }
    return null;
  } catch {
    return null;
  }
}
