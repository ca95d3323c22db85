/**
 * The host side of CTAPHID for the Nitrokey 3's Secrets app (protocol reference §3.10): allocate a
 * channel with INIT (nonce checked), send each APDU as vendor command 0x70, skip KEEPALIVE, fail on ERROR,
 * and turn the SW-first payload into ISO order. The device I/O is a {@link RawHidDevice} (node-hid in
 * ./hid.ts, or the virtual Nitrokey 3 in process).
 */
import { randomBytes } from 'node:crypto';
import { DeviceError } from '../errors';
import { ctaphidPayloadToResponse } from '../nk3/apdu';
import type { ApduTransport, TransmitOptions } from './apdu';
import {
  BROADCAST_CID,
  CTAPHID_CMD,
  CTAPHID_ERROR,
  CtaphidAssembler,
  encodeCtaphidMessage,
  packetCid,
  parseInitResponse,
  type CtaphidMessage,
} from './ctaphid-frame';

/** 64-byte input and output reports of one HID device. */
export interface RawHidDevice {
  /** Sends one 64-byte output report (the implementation adds hidapi's report-id byte). */
  write(report: Uint8Array): Promise<void>;
  /** Resolves with the next 64-byte input report, or null after `timeoutMs` without one. */
  read(timeoutMs: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/** Default wait for an answer without touch, ms (§3.10: 2–3 s; flash writes on a busy machine take longer). */
export const CTAPHID_TIMEOUT_MS = 5000;

/** CTAPHID ERROR code → DeviceError code. */
function errorFor(code: number): DeviceError {
  const detail = `CTAPHID ERROR ${code}`;
  if (code === CTAPHID_ERROR.CHANNEL_BUSY) return new DeviceError('busy', { detail });
  if (code === CTAPHID_ERROR.MSG_TIMEOUT) return new DeviceError('timeout', { detail });
  if (code === CTAPHID_ERROR.INVALID_CMD) return new DeviceError('not-supported', { detail });
  return new DeviceError('bad-response', { detail });
}

/** An ApduTransport over CTAPHID vendor command 0x70. Create with {@link openCtaphidTransport}. */
export class CtaphidTransport implements ApduTransport {
  readonly wire = 'ctaphid' as const;
  private closed = false;
  private constructor(
    private readonly device: RawHidDevice,
    /** The allocated channel. */
    readonly cid: number,
  ) {}

  /** Allocates a channel on `device` (INIT on the broadcast CID with a random nonce, §3.3). */
  static async open(device: RawHidDevice, timeoutMs = CTAPHID_TIMEOUT_MS): Promise<CtaphidTransport> {
    const nonce = randomBytes(8);
    for (const p of encodeCtaphidMessage(BROADCAST_CID, CTAPHID_CMD.INIT, nonce)) await device.write(p);
    const deadline = Date.now() + timeoutMs;
    const assembler = new CtaphidAssembler();
    for (;;) {
      const m = await readMessage(device, assembler, BROADCAST_CID, deadline);
      if (m.cmd === CTAPHID_CMD.ERROR) throw errorFor(m.payload[0] ?? 0);
      if (m.cmd !== CTAPHID_CMD.INIT) continue;
      const r = parseInitResponse(m.payload);
      // Another host's INIT answer also comes on the broadcast CID: match our nonce.
      if (r && Buffer.from(r.nonce).equals(nonce)) return new CtaphidTransport(device, r.cid);
    }
  }

  async transmit(apdu: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    if (this.closed) throw new DeviceError('token-unplugged', { detail: 'transport closed' });
    const packets = encodeCtaphidMessage(this.cid, CTAPHID_CMD.SECRETS, apdu);
    try {
      for (const p of packets) await this.device.write(p);
    } finally {
      for (const p of packets) p.fill(0); // they may carry a PIN (issue 9 item 10); the device has them
    }
    const deadline = Date.now() + (options.timeoutMs ?? CTAPHID_TIMEOUT_MS);
    const assembler = new CtaphidAssembler();
    for (;;) {
      const m = await readMessage(this.device, assembler, this.cid, deadline);
      if (m.cmd === CTAPHID_CMD.KEEPALIVE) continue; // never sent for 0x70 (§3.7); skipped if it comes
      if (m.cmd === CTAPHID_CMD.ERROR) throw errorFor(m.payload[0] ?? 0);
      if (m.cmd !== CTAPHID_CMD.SECRETS || m.payload.length < 2)
        throw new DeviceError('bad-response', { detail: `CTAPHID answer cmd ${m.cmd}, ${m.payload.length} bytes` });
      return ctaphidPayloadToResponse(m.payload);
    }
  }

  /** Sends CTAPHID CANCEL on our channel (§3.9): a pending touch wait ends with `65 00`. */
  async cancel(): Promise<void> {
    if (this.closed) return;
    for (const p of encodeCtaphidMessage(this.cid, CTAPHID_CMD.CANCEL, new Uint8Array(0))) await this.device.write(p);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.device.close();
  }
}

/** Opens a CTAPHID ApduTransport on `device`. */
export function openCtaphidTransport(device: RawHidDevice, timeoutMs?: number): Promise<CtaphidTransport> {
  return CtaphidTransport.open(device, timeoutMs);
}

/** Reads packets until a whole message on `cid` arrives; other channels' packets are skipped. */
async function readMessage(
  device: RawHidDevice,
  assembler: CtaphidAssembler,
  cid: number,
  deadline: number,
): Promise<CtaphidMessage> {
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new DeviceError('timeout', { detail: 'CTAPHID: no answer' });
    const p = await device.read(left);
    if (!p) continue;
    if (p.length !== 64 || packetCid(p) !== cid) continue;
    const r = assembler.feed(p);
    if (r.kind === 'message') return r.message;
    if (r.kind === 'seq-error') throw new DeviceError('bad-response', { detail: 'CTAPHID: wrong SEQ' });
  }
}
