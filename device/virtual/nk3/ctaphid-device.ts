/**
 * The device side of CTAPHID for the virtual Nitrokey 3 (protocol reference §3): channel allocation
 * (CIDs from 1, version bytes 00 00 00, capabilities 05), vendor command 0x70 to the Secrets app with the
 * SW first, PING, ERROR packets, CANCEL and INIT-resync during a touch wait. No KEEPALIVE is sent for
 * 0x70, as on the device (§3.7). Not emulated: the 550 ms message timeout (ERROR 05), CBOR/MSG (FIDO).
 */
import { parseApdu } from '../../nk3/apdu';
import { NK3_LIMITS } from '../../nk3/constants';
import { concatBytes } from '../../nk3/tlv';
import {
  BROADCAST_CID,
  CTAPHID_CMD,
  CTAPHID_ERROR,
  CtaphidAssembler,
  encodeCtaphidMessage,
  encodeErrorPacket,
  encodeInitResponse,
  isInitPacket,
  packetCid,
} from '../../transport/ctaphid-frame';
import type { SecretsApplet } from './applet';
import type { TouchButton } from './touch';

/** The HID side of the virtual device: output reports in, input reports out (64 bytes each). */
export class VirtualCtaphidDevice {
  private nextCid = 1;
  private readonly assembler = new CtaphidAssembler(NK3_LIMITS.messageBytes);
  /** The channel whose request the app is processing, and a generation that INIT-resync bumps. */
  private busy: { cid: number; generation: number } | null = null;
  private generation = 0;
  private readonly queue: Uint8Array[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly applet: SecretsApplet,
    private readonly touch: TouchButton,
  ) {}

  /** Power cycle: channels, partial messages and queued reports are gone. */
  reset(): void {
    this.nextCid = 1;
    this.assembler.reset();
    this.busy = null;
    this.generation++;
    this.queue.length = 0;
  }

  /** Takes one 64-byte output report from the host. Never throws; answers go to the input queue. */
  receive(p: Uint8Array): void {
    if (p.length !== 64) return; // the device drops OUT reports of other lengths (§3.1)
    const cid = packetCid(p);
    if (isInitPacket(p)) {
      const cmd = p[4] & 0x7f;
      if (cmd === CTAPHID_CMD.INIT) return this.init(cid, p);
      if (this.busy) {
        if (cmd === CTAPHID_CMD.CANCEL && cid === this.busy.cid) this.touch.cancel();
        else if (cmd !== CTAPHID_CMD.CANCEL)
          this.send([
            encodeErrorPacket(cid, cid === this.busy.cid ? CTAPHID_ERROR.INVALID_SEQ : CTAPHID_ERROR.CHANNEL_BUSY),
          ]);
        return;
      }
      if (cmd === CTAPHID_CMD.CANCEL) return; // CANCEL while idle: no reply
      if (cid === BROADCAST_CID) return this.send([encodeErrorPacket(cid, CTAPHID_ERROR.INVALID_CHANNEL)]);
      if (((p[5] << 8) | p[6]) > NK3_LIMITS.messageBytes)
        return this.send([encodeErrorPacket(cid, CTAPHID_ERROR.INVALID_LEN)]);
    } else if (this.busy) return;
    const r = this.assembler.feed(p);
    if (r.kind === 'seq-error') this.send([encodeErrorPacket(cid, CTAPHID_ERROR.INVALID_SEQ)]);
    if (r.kind !== 'message') return;
    const m = r.message;
    if (m.cmd === CTAPHID_CMD.PING) return this.send(encodeCtaphidMessage(m.cid, m.cmd, m.payload));
    if (m.cmd === CTAPHID_CMD.WINK) return this.send(encodeCtaphidMessage(m.cid, m.cmd, new Uint8Array(0)));
    if (m.cmd !== CTAPHID_CMD.SECRETS) return this.send([encodeErrorPacket(m.cid, CTAPHID_ERROR.INVALID_CMD)]);
    const apdu = parseApdu(m.payload);
    if (!apdu) return this.send([encodeErrorPacket(m.cid, CTAPHID_ERROR.INVALID_LEN)]);
    const busy = { cid: m.cid, generation: this.generation };
    this.busy = busy;
    void this.applet.process(apdu, 'ctaphid').then(
      (res) => {
        if (this.busy !== busy) return; // resynced by INIT or power-cycled: the answer is dropped (§3.9)
        this.busy = null;
        // SW first; errors carry only the SW, 61 FF keeps its data (§3.5).
        const data = res.sw === 0x9000 || res.sw >> 8 === 0x61 ? res.data : new Uint8Array(0);
        const payload = concatBytes(Uint8Array.of(res.sw >> 8, res.sw & 0xff), data);
        if (payload.length > NK3_LIMITS.messageBytes) this.send([encodeErrorPacket(m.cid, CTAPHID_ERROR.INVALID_LEN)]);
        else this.send(encodeCtaphidMessage(m.cid, CTAPHID_CMD.SECRETS, payload));
      },
      () => {
        if (this.busy === busy) this.busy = null;
        this.send([encodeErrorPacket(m.cid, CTAPHID_ERROR.OTHER)]);
      },
    );
  }

  /** INIT (§3.3): BCNT ≠ 8 ignored; CID 0 → ERROR 0B; else a new CID, answered on the request's CID. */
  private init(cid: number, p: Uint8Array): void {
    if (((p[5] << 8) | p[6]) !== 8) return;
    if (cid === 0) return this.send([encodeErrorPacket(cid, CTAPHID_ERROR.INVALID_CHANNEL)]);
    if (this.busy) {
      // Resync: the pending app request is interrupted and its answer dropped (§3.9).
      this.busy = null;
      this.touch.cancel();
    }
    this.assembler.reset();
    const payload = encodeInitResponse({
      nonce: p.subarray(7, 15),
      cid: this.nextCid++,
      protocolVersion: 2,
      deviceVersion: [0, 0, 0],
      capabilities: 0x05,
    });
    this.send(encodeCtaphidMessage(cid, CTAPHID_CMD.INIT, payload));
  }

  private send(packets: Uint8Array[]): void {
    this.queue.push(...packets);
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next input report, or null if none is queued. */
  takeReport(): Uint8Array | null {
    return this.queue.shift() ?? null;
  }

  /** The next input report, waiting up to `timeoutMs`; null on timeout. */
  async read(timeoutMs: number): Promise<Uint8Array | null> {
    const r = this.takeReport();
    if (r || timeoutMs <= 0) return r;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
    return this.takeReport();
  }
}
