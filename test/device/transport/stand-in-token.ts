/**
 * A minimal stand-in with VirtualToken's bridge surface (device/virtual/serve.ts BridgedToken):
 * answers every request like GET_STATUS with command status OK. Used until the bridge tests run
 * against the real virtual token.
 */
import { DeviceError } from '../../../device/errors';
import { encodeResponse, readCrc } from '../../../device/protocol/frame';
import type { BridgedToken } from '../../../device/virtual/serve';

export function standInToken(): BridgedToken & { powerCycles: number } {
  let last = encodeResponse({ lastCommandId: 0, lastCommandCrc: 0, commandStatus: 0 });
  let isPlugged = true;
  return {
    usb: {
      vendorId: 0x20a0,
      productId: 0x4108,
      releaseNumber: 0x0101,
      manufacturer: 'Nitrokey',
      product: 'Nitrokey Pro',
      serialNumber: '000000000000000000005F11',
      usagePage: 0xff00,
      usage: 1,
      interfaceNumber: 0,
    },
    get isPlugged() {
      return isPlugged;
    },
    powerCycles: 0,
    setReport(r) {
      if (!isPlugged) throw new DeviceError('token-unplugged');
      last = encodeResponse({
        lastCommandId: r[0],
        lastCommandCrc: readCrc(r),
        commandStatus: 0,
        payload: Uint8Array.of(15, 0),
      });
    },
    getReport() {
      if (!isPlugged) throw new DeviceError('token-unplugged');
      return last.slice();
    },
    unplug() {
      isPlugged = false;
    },
    plug() {
      isPlugged = true;
    },
    powerCycle() {
      this.powerCycles++;
    },
  };
}
