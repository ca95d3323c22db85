/**
 * The CCID APDU layer of the virtual Nitrokey 3 (protocol reference §2.4, apdu-dispatch `dispatch.rs`):
 * SELECT routing, Le chunks of at most 3070 bytes with `61 xx`, GET RESPONSE (`00 C0`), command chaining,
 * and bare status words for app errors. It is what a PC/SC reader (vpcd) talks to.
 */
import { parseApdu } from '../../nk3/apdu';
import { INS, NK3_LIMITS, OATH_AID, SW } from '../../nk3/constants';
import { concatBytes } from '../../nk3/tlv';
import type { SecretsApplet } from './applet';

const swBytes = (sw: number) => Uint8Array.of(sw >> 8, sw & 0xff);

/** One card session: what the dispatcher keeps between APDUs. Reset on power off/on. */
export class CcidDispatcher {
  private isSelected = false;
  private buffer: Uint8Array | null = null;
  private chain: Uint8Array[] | null = null;

  constructor(private readonly applet: SecretsApplet) {}

  /** Card reset / power cycle: nothing selected, nothing buffered. */
  reset(): void {
    this.isSelected = false;
    this.buffer = null;
    this.chain = null;
  }

  /** One command APDU in, one response APDU (`data… SW1 SW2`) out. */
  async transmit(bytes: Uint8Array): Promise<Uint8Array> {
    const a = parseApdu(bytes);
    if (!a) return swBytes(SW.UNKNOWN);
    if (a.ins === INS.GET_RESPONSE) {
      if (!this.buffer) return swBytes(SW.UNKNOWN);
      return this.chunk(a.le);
    }
    this.buffer = null;
    if (a.cla & 0x10) {
      // Chained part: collected here; the app sees one command (§2.4).
      (this.chain ??= []).push(Uint8Array.from(a.data));
      return swBytes(SW.SUCCESS);
    }
    const data = this.chain ? concatBytes(...this.chain, a.data) : a.data;
    this.chain = null;
    const isSelect = a.ins === INS.SELECT && (a.p1 & 0x04) !== 0;
    if (isSelect) {
      if (data.length > 16) return swBytes(SW.INCORRECT_DATA_PARAMETER);
      // Only the Secrets app is emulated: other AIDs (OpenPGP, PIV, FIDO, admin) are unknown here.
      if (data.length < OATH_AID.length || !OATH_AID.every((x, i) => x === data[i])) return swBytes(SW.NOT_FOUND);
      this.isSelected = true;
    } else if (!this.isSelected) {
      return swBytes(SW.NOT_FOUND);
    }
    const r = await this.applet.process({ ...a, data }, 'ccid');
    if (r.sw !== SW.SUCCESS) return swBytes(r.sw); // app errors (and LIST's 61 FF) carry no data over CCID
    if (r.data.length === 0) return swBytes(SW.SUCCESS);
    this.buffer = r.data;
    return this.chunk(a.le);
  }

  /** Returns min(Le, 3070) buffered bytes, plus `61 xx` if more remain or `90 00` when done. */
  private chunk(le: number): Uint8Array {
    const buf = this.buffer!;
    const n = Math.min(le, NK3_LIMITS.ccidChunkBytes, buf.length);
    const out = buf.subarray(0, n);
    const rest = buf.subarray(n);
    if (rest.length === 0) {
      this.buffer = null;
      return concatBytes(out, swBytes(SW.SUCCESS));
    }
    this.buffer = rest;
    return concatBytes(out, Uint8Array.of(0x61, rest.length > 0xff ? 0 : rest.length));
  }
}
