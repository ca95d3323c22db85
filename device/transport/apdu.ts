/**
 * An ApduTransport moves ISO 7816 command APDUs to a Nitrokey 3's Secrets app and returns the response
 * in ISO order (data, then SW1 SW2), whatever the wire does. Implementations: CTAPHID vendor command 0x70
 * (./ctaphid.ts over ./hid.ts or the virtual device), PC/SC (./pcsc.ts), in process (virtual Nitrokey 3).
 */

/** Which wire carries the APDUs; it decides SELECT and chaining rules (protocol reference §2.3, §2.4). */
export type ApduWire = 'ctaphid' | 'ccid';

/** Options of one exchange. */
export interface TransmitOptions {
  /** Milliseconds to wait for the answer; use ≥ 20000 when a touch may be due (§3.10). */
  timeoutMs?: number;
}

/**
 * Moves one APDU. Errors: DeviceError('token-unplugged') when the device went away, 'timeout' when no
 * answer came in time, 'busy' when another host holds the device, 'bad-response' on broken framing.
 */
export interface ApduTransport {
  readonly wire: ApduWire;
  /** Sends `apdu` and resolves with `data… SW1 SW2`. Calls are serialised by the caller. */
  transmit(apdu: Uint8Array, options?: TransmitOptions): Promise<Uint8Array>;
  /** Asks the device to stop waiting (CTAPHID CANCEL); a pending transmit then ends. Optional. */
  cancel?(): Promise<void>;
  /** Releases the device; further calls reject. */
  close(): Promise<void>;
}
