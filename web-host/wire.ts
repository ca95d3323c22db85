/**
 * Bytes over the web host's JSON socket: the page sends a Uint8Array as `{ "$bytes": BASE64 }`
 * (renderer/web-api.ts), and the host turns it back into a Uint8Array before the request's guard
 * checks it, so the services see the same values as over Electron's IPC.
 */

/** JSON.parse reviver: `{ $bytes: base64 }` (and nothing else in the object) becomes a Uint8Array. */
export function reviveBytes(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const b64 = (value as { $bytes?: unknown }).$bytes;
  if (keys.length !== 1 || keys[0] !== '$bytes' || typeof b64 !== 'string') return value;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return value;
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
