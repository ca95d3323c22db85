/**
 * The virtual Nitrokey 3's Secrets app: one APDU in, one status word and data out, with the firmware's
 * processing order (protocol reference §4.2) and per-request PIN authorisation (§6.3). The wire layers
 * (./ccid.ts, ./ctaphid-device.ts) wrap it. Faithful by design: commands the firmware lacks (CALCULATE ALL,
 * VALIDATE, SET CODE, RENAME) answer `6D00` as they do there (§4.2 step 5, §11).
 */
import { randomBytes } from 'node:crypto';
import type { ParsedApdu } from '../../nk3/apdu';
import { INS, NK3_LIMITS, OATH_AID, SECRETS_APP_VERSION, SW, TAG } from '../../nk3/constants';
import { concatBytes, encodeTlv } from '../../nk3/tlv';
import { decodeLabel, decodeLabelAnd, decodePins, decodePut, decodeUpdate, Sw } from './decode';
import * as h from './handlers';
import type { Nk3State } from './state';
import type { TouchButton } from './touch';

/** An answer of the app. */
export interface AppletResponse {
  sw: number;
  data: Uint8Array;
}

/** Which wire the APDU came on: sets the LIST chunk size (§3.6). */
export type AppletWire = 'ctaphid' | 'ccid';

/** Volatile state (Appendix A): lost on power cycle. */
export interface AppletVolatile {
  authorized: boolean;
  isPinKeyLoaded: boolean;
  pending: { index: number; version: number } | null;
}

/** The Secrets app over a state. `persist` is called after every change to `state`. */
export class SecretsApplet {
  readonly v: AppletVolatile = { authorized: false, isPinKeyLoaded: false, pending: null };
  constructor(
    readonly state: Nk3State,
    readonly touch: TouchButton,
    readonly persist: () => void,
  ) {}

  /** Drops the volatile state, as a power cycle does. */
  powerCycle(): void {
    Object.assign(this.v, { authorized: false, isPinKeyLoaded: false, pending: null });
  }

  /** Processes one parsed APDU (§4.2 steps 2–9, §6.3). */
  async process(apdu: ParsedApdu, wire: AppletWire): Promise<AppletResponse> {
    const wasAuthorized = this.v.authorized;
    let run: (() => Promise<AppletResponse>) | undefined;
    try {
      run = this.decode(apdu, wire, wasAuthorized);
    } catch (e) {
      // Rejected while decoding: consumes `authorized` but keeps the PIN key and a pending list (§6.3 quirk).
      this.v.authorized = false;
      if (e instanceof Sw) return { sw: e.sw, data: new Uint8Array(0) };
      throw e;
    }
    const isSendRemaining = apdu.ins === INS.SEND_REMAINING;
    const isVerifyPin = apdu.ins === INS.VERIFY_PIN;
    if (!isSendRemaining) this.v.pending = null;
    const newly = { value: false };
    let r: AppletResponse;
    try {
      this.newly = newly;
      r = await run();
    } catch (e) {
      if (!(e instanceof Sw)) throw e;
      r = { sw: e.sw, data: new Uint8Array(0) };
    }
    if (this.v.isPinKeyLoaded && !isVerifyPin && this.v.pending === null) this.v.isPinKeyLoaded = false;
    this.v.authorized = newly.value;
    return r;
  }

  /** Set by VERIFY PIN / SET PIN on success (§6.3 step 3). */
  newly = { value: false };

  /** Decodes CLA/INS/P1/P2 and the body; returns the handler to run. Throws Sw on a decode failure. */
  private decode(a: ParsedApdu, wire: AppletWire, wasAuthorized: boolean): () => Promise<AppletResponse> {
    if (a.cla & 0x10) throw new Sw(SW.COMMAND_CHAINING_NOT_SUPPORTED);
    if (a.cla & 0xec) throw new Sw(SW.SECURE_MESSAGING_NOT_SUPPORTED);
    if (a.cla & 0x03) throw new Sw(SW.CLASS_NOT_SUPPORTED);
    const hdr = (a.ins << 16) | (a.p1 << 8) | a.p2;
    // YubiKey-compatible forms first (§4.2 step 3).
    if (hdr === 0x011000) return async () => ok(Buffer.from(this.state.serial, 'hex'));
    if (hdr === 0x030000)
      return async () => ok(Uint8Array.of(4, SECRETS_APP_VERSION.minor, SECRETS_APP_VERSION.patch, 0x42, 0x42, 0x42));
    if (hdr === 0x013000 || hdr === 0x013800) {
      const challenge = unpadYkChallenge(a.data);
      if (challenge) return () => h.ykHmac(this, hdr === 0x013000 ? 'HmacSlot1' : 'HmacSlot2', challenge);
    }
    if (a.ins === INS.SELECT && a.p1 === 0x04 && a.p2 === 0x00) {
      if (!equalBytes(a.data, OATH_AID)) throw new Sw(SW.NOT_FOUND);
      return async () => ok(this.selectAnswer());
    }
    switch (hdr) {
      case 0x010000: {
        const b = decodePut(a.data);
        return () => h.put(this, b, wasAuthorized);
      }
      case 0x020000: {
        const label = decodeLabel(a.data);
        return () => h.remove(this, label);
      }
      case 0x04dead:
        return () => h.reset(this);
      case 0xa10000: {
        const version = a.data.length ? a.data[0] : 0;
        return async () => h.list(this, 0, version, wire);
      }
      case 0xa20001: {
        const { label, value } = decodeLabelAnd(a.data, TAG.CHALLENGE);
        return () => h.calculate(this, label, value);
      }
      case 0xa50000:
        return async () => {
          const p = this.v.pending;
          if (!p) throw new Sw(SW.CONDITIONS_OF_USE_NOT_SATISFIED);
          return h.list(this, p.index, p.version, wire);
        };
      case 0xb10000: {
        const { label, value } = decodeLabelAnd(a.data, TAG.RESPONSE);
        if (value.length !== 4) throw new Sw(SW.INCORRECT_DATA_PARAMETER);
        return () => h.verifyCode(this, label, new DataView(value.buffer, value.byteOffset, 4).getUint32(0));
      }
      case 0xb20000: {
        const { pin } = decodePins(a.data, false);
        return () => h.verifyPin(this, pin);
      }
      case 0xb30000: {
        const { pin, newPin } = decodePins(a.data, true);
        return () => h.changePin(this, pin, newPin!);
      }
      case 0xb40000: {
        const { pin } = decodePins(a.data, false);
        return () => h.setPin(this, pin);
      }
      case 0xb50000: {
        const label = decodeLabel(a.data);
        return () => h.getCredential(this, label);
      }
      case 0xb70000: {
        const u = decodeUpdate(a.data);
        return () => h.update(this, u);
      }
      default:
        throw new Sw(SW.INSTRUCTION_NOT_SUPPORTED_OR_INVALID);
    }
  }

  /** SELECT answer (§2.3): version, then salt (no PIN) or retries (PIN set), then serial. */
  selectAnswer(): Uint8Array {
    const { major, minor, patch } = SECRETS_APP_VERSION;
    const parts = [encodeTlv(TAG.VERSION, Uint8Array.of(major, minor, patch))];
    if (this.state.pin) parts.push(encodeTlv(TAG.PIN_COUNTER, Uint8Array.of(this.state.pin.retriesLeft)));
    else parts.push(encodeTlv(TAG.NAME, randomBytes(8)));
    parts.push(encodeTlv(TAG.SERIAL_NUMBER, Buffer.from(this.state.serial, 'hex')));
    return concatBytes(...parts);
  }

  /** The LIST chunk limit in data bytes for `wire` (§3.6). */
  static listLimit(wire: AppletWire): number {
    return wire === 'ctaphid' ? NK3_LIMITS.messageBytes - 2 : NK3_LIMITS.messageBytes;
  }
}

/** `90 00` with data. */
export function ok(data: Uint8Array = new Uint8Array(0)): AppletResponse {
  return { sw: SW.SUCCESS, data: Uint8Array.from(data) };
}

/** The challenge of a YK HMAC request: 64 bytes, PKCS#7-padded, 1–63 challenge bytes (§4.18). */
function unpadYkChallenge(d: Uint8Array): Uint8Array | undefined {
  if (d.length !== 64) return undefined;
  const n = d[63];
  if (n < 1 || n > 63) return undefined;
  for (let i = 64 - n; i < 64; i++) if (d[i] !== n) return undefined;
  return d.subarray(0, 64 - n);
}

/** Byte equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
