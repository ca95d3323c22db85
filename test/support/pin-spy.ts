/**
 * For the PIN-wiping tests (issue 9 item 10): which Uint8Arrays the host encoded a PIN into while a
 * call ran, and whether bytes hold a PIN. TextEncoder is spied on for the call's length; the virtual
 * token's own encodings are left out (it keeps its PINs, and a reset restores the defaults).
 */

/** True if `bytes` hold `pin` somewhere. */
export function holds(bytes: Uint8Array, pin: Uint8Array): boolean {
  return bytes.some((_, i) => pin.every((b, j) => bytes[i + j] === b));
}

/** Runs `fn` (its rejection ignored) and returns every Uint8Array the host encoded one of `pins` into. */
export async function pinEncodings(pins: string[], fn: () => Promise<unknown>): Promise<Uint8Array[]> {
  const encoded: Uint8Array[] = [];
  const encode = TextEncoder.prototype.encode;
  TextEncoder.prototype.encode = function (this: InstanceType<typeof TextEncoder>, s?: string) {
    const out = encode.call(this, s);
    if (pins.includes(s ?? '') && !new Error().stack?.includes('/device/virtual/')) encoded.push(out);
    return out;
  };
  try {
    await fn().catch(() => undefined);
  } finally {
    TextEncoder.prototype.encode = encode;
  }
  return encoded;
}
