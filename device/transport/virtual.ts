/**
 * In-process Transport over a VirtualToken: the same 64-byte feature reports node-hid would carry.
 */
import { DeviceError } from '../errors';
import type { VirtualToken } from '../virtual/token';
import type { DeviceInfo, Transport } from './types';

/** A Transport to a virtual token. `path` names its state file (info.path 'virtual:<path>'), else 'virtual:memory'. */
export class VirtualTransport implements Transport {
  readonly info: DeviceInfo;
  private isClosed = false;

  constructor(
    private readonly token: VirtualToken,
    path?: string,
  ) {
    const usb = token.usb;
    this.info = {
      path: `virtual:${path ?? 'memory'}`,
      model: token.model,
      vendorId: usb.vendorId,
      productId: usb.productId,
      serialNumber: usb.serialNumber,
      isVirtual: true,
    };
  }

  private check(): void {
    if (this.isClosed) throw new DeviceError('token-unplugged', { detail: 'virtual transport closed' });
  }

  /** SET_REPORT(Feature). Rejects with DeviceError('token-unplugged') if the token was unplugged or the transport closed. */
  async sendFeatureReport(report: Uint8Array): Promise<void> {
    this.check();
    this.token.setReport(report);
  }

  /** GET_REPORT(Feature): 64 bytes. Rejects like sendFeatureReport. */
  async getFeatureReport(): Promise<Uint8Array> {
    this.check();
    return this.token.getReport();
  }

  /** Releases the transport; the token itself stays as it is. */
  async close(): Promise<void> {
    this.isClosed = true;
  }
}
