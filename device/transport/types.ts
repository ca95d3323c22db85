/**
 * A Transport moves 64-byte feature reports to and from one token. It knows nothing of commands.
 */

/** The token models keyslot speaks to (protocol reference §1.1). */
export type Model = 'pro' | 'storage' | 'librem';

/** USB identity of a supported model. */
export const USB_IDS: Record<Model, { vendorId: number; productId: number; product: string; manufacturer: string }> = {
  pro: { vendorId: 0x20a0, productId: 0x4108, product: 'Nitrokey Pro', manufacturer: 'Nitrokey' },
  storage: { vendorId: 0x20a0, productId: 0x4109, product: 'Nitrokey Storage', manufacturer: 'Nitrokey' },
  // The Librem Key's USB strings are not in the sources the reference read (§13.1); Purism's are assumed.
  librem: { vendorId: 0x316d, productId: 0x4c4b, product: 'Librem Key', manufacturer: 'Purism, SPC' },
};

/** The model for a USB vendor/product id pair, or undefined if keyslot does not speak to it. */
export function modelForUsbId(vendorId: number, productId: number): Model | undefined {
  for (const [model, ids] of Object.entries(USB_IDS) as [Model, (typeof USB_IDS)[Model]][]) {
    if (ids.vendorId === vendorId && ids.productId === productId) return model;
  }
  return undefined;
}

/** What discovery knows about a token before talking to it. */
export interface DeviceInfo {
  /** Stable id for this attachment: the hidraw path, or `virtual:<file>`. */
  path: string;
  model: Model;
  vendorId: number;
  productId: number;
  /** USB serial string (the Storage reports 13 zeros on every unit). */
  serialNumber: string;
  isVirtual: boolean;
}

/**
 * Moves feature reports. Implementations: node-hid (device/transport/hid.ts) and the in-process
 * virtual token (device/transport/virtual.ts).
 * Errors: a transport that lost its device rejects with DeviceError('token-unplugged').
 */
export interface Transport {
  readonly info: DeviceInfo;
  /** SET_REPORT(Feature): sends R[0..63] (64 bytes; the transport adds hidapi's report-id byte). */
  sendFeatureReport(report: Uint8Array): Promise<void>;
  /** GET_REPORT(Feature): returns the token's 64 bytes R[0..63]. */
  getFeatureReport(): Promise<Uint8Array>;
  /** Releases the device; further calls reject. */
  close(): Promise<void>;
}
