/**
 * Body decoding of the Secrets app's commands, as trussed-secrets-app `command.rs` does it (protocol
 * reference §4.2–§4.14): a failure is `6A80` and happens before any handler runs.
 */
import { decodeKeyByte } from '../../nk3/commands';
import { KIND, TAG } from '../../nk3/constants';
import { readTlv, type Tlv } from '../../nk3/tlv';
import type { Nk3Algorithm, Nk3Kind } from '../../nk3/types';

/** Thrown by the decoders: the status word to answer. */
export class Sw extends Error {
  constructor(readonly sw: number) {
    super(`SW ${sw.toString(16)}`);
  }
}
const bad = (): never => {
  throw new Sw(0x6a80);
};

/** A TLV reader over a command body (BER lengths). */
export class Reader {
  private i = 0;
  constructor(private readonly b: Uint8Array) {}
  get isDone(): boolean {
    return this.i >= this.b.length;
  }
  peekTag(): number | undefined {
    return this.b[this.i];
  }
  /** Reads one TLV; 6A80 if malformed. */
  tlv(): Tlv {
    try {
      const { tlv, next } = readTlv(this.b, this.i, 'ber');
      this.i = next;
      return tlv;
    } catch {
      return bad();
    }
  }
  /** Reads one TLV; undefined (and nothing consumed) if malformed. */
  tryTlv(): Tlv | undefined {
    try {
      const { tlv, next } = readTlv(this.b, this.i, 'ber');
      this.i = next;
      return tlv;
    } catch {
      return undefined;
    }
  }
  /** Reads a TLV that must carry `tag`. */
  expect(tag: number): Uint8Array {
    const t = this.tlv();
    return t.tag === tag ? t.value : bad();
  }
  /** Reads `tag` + one value byte (YKOATH's TV form). */
  tv(): number {
    if (this.i + 2 > this.b.length) return bad();
    const v = this.b[this.i + 1];
    this.i += 2;
    return v;
  }
}

/** A decoded PUT body (§4.4). */
export interface PutBody {
  label: Uint8Array;
  kind: Nk3Kind;
  algorithm: Nk3Algorithm;
  digits: number;
  secret: Uint8Array;
  props: number;
  counter: number;
  login?: Uint8Array;
  password?: Uint8Array;
  metadata?: Uint8Array;
}

/** Decodes PUT (§4.4 grammar and its quirks). */
export function decodePut(data: Uint8Array): PutBody {
  const r = new Reader(data);
  const label = r.expect(TAG.NAME);
  const key = r.expect(TAG.KEY);
  if (key.length < 3) bad();
  const ka = decodeKeyByte(key[0]) ?? bad();
  const isPasswordOnly = (key[0] & 0xf0) === KIND.NOT_SET;
  const body: PutBody = {
    label,
    kind: ka.kind,
    algorithm: isPasswordOnly ? 'SHA1' : ka.algorithm,
    digits: isPasswordOnly ? 6 : key[1],
    secret: isPasswordOnly ? new Uint8Array(0) : key.subarray(2),
    props: 0,
    counter: 0,
  };
  if (body.kind === 'hmac' && (body.secret.length !== 20 || body.algorithm !== 'SHA1')) bad();
  if (r.peekTag() === TAG.PROPERTY) body.props = r.tv();
  if (body.kind === 'hotp' || body.kind === 'reverse-hotp') {
    // The element after KEY/PROP is the IMF candidate, consumed even if it is not `7A 04` (§4.4).
    if (!r.isDone) {
      const t = r.tryTlv();
      if (!t) return body;
      if (t.tag === TAG.INITIAL_MOVING_FACTOR && t.value.length === 4)
        body.counter = new DataView(t.value.buffer, t.value.byteOffset, 4).getUint32(0);
    }
  } else if (r.peekTag() === TAG.INITIAL_MOVING_FACTOR) bad();
  while (!r.isDone) {
    const t = r.tryTlv();
    if (!t) break; // undecodable trailing bytes are ignored
    if (t.value.length === 0) bad();
    if (t.tag === TAG.PWS_LOGIN) body.login = t.value;
    else if (t.tag === TAG.PWS_PASSWORD) body.password = t.value;
    else if (t.tag === TAG.PWS_METADATA) body.metadata = t.value;
    else bad();
  }
  return body;
}

/** A decoded UPDATE CREDENTIAL body (§4.14). */
export interface UpdateBody {
  label: Uint8Array;
  newLabel?: Uint8Array;
  /** Property byte of `78 01 P`; null for `78 00` (the firmware panics there, see the emulator). */
  props?: number | null;
  login?: Uint8Array;
  password?: Uint8Array;
  metadata?: Uint8Array;
  hasPws: boolean;
}

/** Decodes UPDATE CREDENTIAL: `71 current` first, then 71/78/83/84/85 in any order. */
export function decodeUpdate(data: Uint8Array): UpdateBody {
  const r = new Reader(data);
  const label = r.expect(TAG.NAME);
  if (label.length === 0) bad();
  const u: UpdateBody = { label, hasPws: false };
  while (!r.isDone) {
    const t = r.tlv();
    if (t.tag === TAG.NAME) u.newLabel = t.value;
    else if (t.tag === TAG.PROPERTY) u.props = t.value.length ? t.value[0] : null;
    else if (t.tag === TAG.PWS_LOGIN) [u.login, u.hasPws] = [t.value, true];
    else if (t.tag === TAG.PWS_PASSWORD) [u.password, u.hasPws] = [t.value, true];
    else if (t.tag === TAG.PWS_METADATA) [u.metadata, u.hasPws] = [t.value, true];
    else bad();
  }
  return u;
}

/** Decodes `71 label` followed by one more mandatory TLV `tag` (CALCULATE 74, VERIFY CODE 75). */
export function decodeLabelAnd(data: Uint8Array, tag: number): { label: Uint8Array; value: Uint8Array } {
  const r = new Reader(data);
  const label = r.expect(TAG.NAME);
  return { label, value: r.expect(tag) };
}

/** Decodes a body that starts with `71 label` (anything after it is ignored). */
export function decodeLabel(data: Uint8Array): Uint8Array {
  return new Reader(data).expect(TAG.NAME);
}

/** Decodes `80 pin` [+ `81 newPin`]. */
export function decodePins(data: Uint8Array, isChange: boolean): { pin: Uint8Array; newPin?: Uint8Array } {
  const r = new Reader(data);
  const pin = r.expect(TAG.PASSWORD);
  return isChange ? { pin, newPin: r.expect(TAG.NEW_PASSWORD) } : { pin };
}
