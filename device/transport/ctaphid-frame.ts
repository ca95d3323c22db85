/**
 * CTAPHID framing (FIDO CTAP 2.1 §11.2; protocol reference nitrokey3-secrets.md §3): 64-byte packets,
 * init and continuation layout, channel allocation, ERROR and KEEPALIVE packets. Pure functions and one
 * small reassembly class; no I/O. Used by the host transport (./ctaphid.ts) and the virtual Nitrokey 3.
 */

/** Bytes per HID report (without hidapi's report-id byte). */
export const CTAPHID_PACKET_SIZE = 64;
/** Payload bytes in an init packet. */
export const INIT_PAYLOAD = CTAPHID_PACKET_SIZE - 7;
/** Payload bytes in a continuation packet. */
export const CONT_PAYLOAD = CTAPHID_PACKET_SIZE - 5;
/** Spec maximum message size: 57 + 128 × 59. */
export const CTAPHID_MAX_MESSAGE = INIT_PAYLOAD + 128 * CONT_PAYLOAD;
/** The broadcast channel, for INIT only. */
export const BROADCAST_CID = 0xffffffff;

/** Command codes without the init bit 0x80 (§3.4). */
export const CTAPHID_CMD = {
  PING: 0x01,
  MSG: 0x03,
  LOCK: 0x04,
  INIT: 0x06,
  WINK: 0x08,
  CBOR: 0x10,
  CANCEL: 0x11,
  KEEPALIVE: 0x3b,
  ERROR: 0x3f,
  /** The Secrets app's vendor command (§3.5). */
  SECRETS: 0x70,
} as const;

/** ERROR packet codes (§3.8). */
export const CTAPHID_ERROR = {
  INVALID_CMD: 0x01,
  INVALID_PAR: 0x02,
  INVALID_LEN: 0x03,
  INVALID_SEQ: 0x04,
  MSG_TIMEOUT: 0x05,
  CHANNEL_BUSY: 0x06,
  LOCK_REQUIRED: 0x0a,
  INVALID_CHANNEL: 0x0b,
  OTHER: 0x7f,
} as const;

/**
 * Splits one message into 64-byte packets: `CID | 0x80|cmd | BCNT | 57 bytes`, then `CID | SEQ | 59 bytes`,
 * zero-padded. Throws RangeError above {@link CTAPHID_MAX_MESSAGE} bytes.
 */
export function encodeCtaphidMessage(cid: number, cmd: number, payload: Uint8Array): Uint8Array[] {
  if (payload.length > CTAPHID_MAX_MESSAGE) throw new RangeError(`CTAPHID message of ${payload.length} bytes`);
  const packets: Uint8Array[] = [];
  const first = new Uint8Array(CTAPHID_PACKET_SIZE);
  const v = new DataView(first.buffer);
  v.setUint32(0, cid >>> 0);
  first[4] = 0x80 | cmd;
  v.setUint16(5, payload.length);
  first.set(payload.subarray(0, INIT_PAYLOAD), 7);
  packets.push(first);
  for (let off = INIT_PAYLOAD, seq = 0; off < payload.length; off += CONT_PAYLOAD, seq++) {
    const p = new Uint8Array(CTAPHID_PACKET_SIZE);
    new DataView(p.buffer).setUint32(0, cid >>> 0);
    p[4] = seq;
    p.set(payload.subarray(off, off + CONT_PAYLOAD), 5);
    packets.push(p);
  }
  return packets;
}

/** The CID of a packet. */
export function packetCid(p: Uint8Array): number {
  return new DataView(p.buffer, p.byteOffset, p.length).getUint32(0);
}

/** True for an init packet (bit 7 of byte 4). */
export function isInitPacket(p: Uint8Array): boolean {
  return (p[4] & 0x80) !== 0;
}

/** One complete message. */
export interface CtaphidMessage {
  cid: number;
  /** Command code without the init bit. */
  cmd: number;
  payload: Uint8Array;
}

/** What feeding one packet to a {@link CtaphidAssembler} gave. */
export type AssembleResult =
  | { kind: 'message'; message: CtaphidMessage }
  | { kind: 'partial' }
  | { kind: 'ignored'; why: string }
  | { kind: 'seq-error'; cid: number };

/**
 * Reassembles messages from packets, on one channel at a time: continuation packets of another CID
 * or while idle are ignored; a wrong SEQ aborts the message (§3.2). Init packets start over.
 */
export class CtaphidAssembler {
  private current: { cid: number; cmd: number; buf: Uint8Array; got: number; seq: number } | null = null;
  /** Max BCNT accepted; larger init packets are reported as ignored (the caller answers ERROR 03). */
  constructor(readonly maxMessage: number = CTAPHID_MAX_MESSAGE) {}

  /** True while a message is partly received. */
  get isReceiving(): boolean {
    return this.current !== null;
  }

  /** Drops a partly received message. */
  reset(): void {
    this.current = null;
  }

  feed(p: Uint8Array): AssembleResult {
    if (p.length !== CTAPHID_PACKET_SIZE) return { kind: 'ignored', why: 'packet size' };
    const cid = packetCid(p);
    if (isInitPacket(p)) {
      const bcnt = (p[5] << 8) | p[6];
      if (bcnt > this.maxMessage) return { kind: 'ignored', why: 'too long' };
      const buf = new Uint8Array(bcnt);
      const n = Math.min(bcnt, INIT_PAYLOAD);
      buf.set(p.subarray(7, 7 + n));
      this.current = { cid, cmd: p[4] & 0x7f, buf, got: n, seq: 0 };
    } else {
      const c = this.current;
      if (!c) return { kind: 'ignored', why: 'continuation while idle' };
      if (p[4] !== c.seq) {
        this.current = null;
        return { kind: 'seq-error', cid };
      }
      if (cid !== c.cid) return { kind: 'ignored', why: 'other channel' };
      const n = Math.min(c.buf.length - c.got, CONT_PAYLOAD);
      c.buf.set(p.subarray(5, 5 + n), c.got);
      c.got += n;
      c.seq++;
    }
    const c = this.current!;
    if (c.got < c.buf.length) return { kind: 'partial' };
    this.current = null;
    return { kind: 'message', message: { cid: c.cid, cmd: c.cmd, payload: c.buf } };
  }
}

/** The INIT answer (§3.3). */
export interface CtaphidInitResponse {
  nonce: Uint8Array;
  cid: number;
  protocolVersion: number;
  deviceVersion: [number, number, number];
  capabilities: number;
}

/** Builds the 17-byte INIT answer payload. */
export function encodeInitResponse(r: CtaphidInitResponse): Uint8Array {
  const out = new Uint8Array(17);
  out.set(r.nonce.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, r.cid >>> 0);
  out[12] = r.protocolVersion;
  out.set(r.deviceVersion, 13);
  out[16] = r.capabilities;
  return out;
}

/** Parses an INIT answer payload; undefined if it is shorter than 17 bytes. */
export function parseInitResponse(payload: Uint8Array): CtaphidInitResponse | undefined {
  if (payload.length < 17) return undefined;
  return {
    nonce: payload.slice(0, 8),
    cid: new DataView(payload.buffer, payload.byteOffset, payload.length).getUint32(8),
    protocolVersion: payload[12],
    deviceVersion: [payload[13], payload[14], payload[15]],
    capabilities: payload[16],
  };
}

/** An ERROR packet `CID BF 00 01 code` (§3.8). */
export function encodeErrorPacket(cid: number, code: number): Uint8Array {
  return encodeCtaphidMessage(cid, CTAPHID_CMD.ERROR, Uint8Array.of(code))[0];
}
