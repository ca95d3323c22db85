/** A Transport whose replies a test scripts: each GET_REPORT returns what `reply` makes of the last request. */
import type { DeviceInfo, Model, Transport } from '../../device/transport/types';

export class ScriptedTransport implements Transport {
  readonly info: DeviceInfo;
  readonly sent: Uint8Array[] = [];
  gets = 0;
  isClosed = false;
  constructor(
    private readonly reply: (lastRequest: Uint8Array | undefined, getIndex: number) => Uint8Array,
    model: Model = 'pro',
  ) {
    this.info = {
      path: 'scripted',
      model,
      vendorId: 0x20a0,
      productId: 0x4108,
      serialNumber: 'scripted',
      isVirtual: true,
    };
  }
  async sendFeatureReport(report: Uint8Array): Promise<void> {
    if (report.length !== 64) throw new Error('report must be 64 bytes');
    this.sent.push(report.slice());
  }
  async getFeatureReport(): Promise<Uint8Array> {
    return this.reply(this.sent.at(-1), this.gets++);
  }
  async close(): Promise<void> {
    this.isClosed = true;
  }
}
