/**
 * A Transport that counts the request frames a virtual token receives (SET_REPORT), by command
 * name, so a test can prove how many round trips an operation costs on the wire.
 */
import { commandName } from '../../device/protocol/command-ids';
import type { Transport } from '../../device/transport/types';

export class CountingTransport implements Transport {
  /** Command names of the frames sent, in order (a resent frame counts again). */
  readonly frames: string[] = [];

  constructor(private readonly inner: Transport) {}

  get info() {
    return this.inner.info;
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    this.frames.push(commandName(report[0]));
    return this.inner.sendFeatureReport(report);
  }

  getFeatureReport(): Promise<Uint8Array> {
    return this.inner.getFeatureReport();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Forgets what was counted so far and returns it. */
  take(): string[] {
    return this.frames.splice(0);
  }
}
