/**
 * The virtual Nitrokey 3's persistent state (protocol reference Appendix A) and its JSON form. Byte
 * strings (labels, secrets, PWS fields, the PIN) are stored as lower-case hex so that any bytes survive.
 */
import { createHash } from 'node:crypto';
import { DeviceError } from '../../errors';
import type { Nk3Algorithm, Nk3Kind } from '../../nk3/types';

/** One stored credential. */
export interface StoredCredential {
  label: Uint8Array;
  kind: Nk3Kind;
  algorithm: Nk3Algorithm;
  digits: number;
  secret: Uint8Array;
  isTouchRequired: boolean;
  /** Encrypted with the PIN key (visible only right after VERIFY PIN) rather than the hardware key. */
  isPinEncrypted: boolean;
  /** HOTP and reverse HOTP: the next counter value (u32). */
  counter: number;
  login?: Uint8Array;
  password?: Uint8Array;
  metadata?: Uint8Array;
}

/** Everything that survives a power cycle. */
export interface Nk3State {
  /** 4-byte serial (SELECT tag 8F), 8 hex digits. */
  serial: string;
  credentials: StoredCredential[];
  /** Absent = no PIN set. */
  pin?: { value: Uint8Array; retriesLeft: number };
}

/** The JSON form written to the state file. */
export interface Nk3StateJson {
  format: 'keyslot-virtual-nk3';
  version: 1;
  serial: string;
  pin: { value: string; retriesLeft: number } | null;
  credentials: {
    label: string;
    kind: Nk3Kind;
    algorithm: Nk3Algorithm;
    digits: number;
    secret: string;
    touch: boolean;
    pinEncrypted: boolean;
    counter: number;
    login?: string;
    password?: string;
    metadata?: string;
  }[];
}

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const KINDS: Nk3Kind[] = ['hotp', 'totp', 'reverse-hotp', 'hmac', 'password'];
const ALGORITHMS: Nk3Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Serialises a state. */
export function nk3StateToJson(s: Nk3State): Nk3StateJson {
  return {
    format: 'keyslot-virtual-nk3',
    version: 1,
    serial: s.serial,
    pin: s.pin ? { value: toHex(s.pin.value), retriesLeft: s.pin.retriesLeft } : null,
    credentials: s.credentials.map((c) => ({
      label: toHex(c.label),
      kind: c.kind,
      algorithm: c.algorithm,
      digits: c.digits,
      secret: toHex(c.secret),
      touch: c.isTouchRequired,
      pinEncrypted: c.isPinEncrypted,
      counter: c.counter,
      ...(c.login ? { login: toHex(c.login) } : {}),
      ...(c.password ? { password: toHex(c.password) } : {}),
      ...(c.metadata ? { metadata: toHex(c.metadata) } : {}),
    })),
  };
}

/** Parses the JSON form. @throws DeviceError('state-corrupt') naming the first field at fault. */
export function nk3StateFromJson(j: unknown): Nk3State {
  const bad = (what: string): never => {
    throw new DeviceError('state-corrupt', { detail: `virtual Nitrokey 3 state: ${what}` });
  };
  const o = j as Partial<Nk3StateJson> | null;
  if (!o || typeof o !== 'object' || o.format !== 'keyslot-virtual-nk3' || o.version !== 1) bad('format/version');
  const hexField = (v: unknown, what: string): Uint8Array =>
    typeof v === 'string' && /^([0-9a-f]{2})*$/.test(v) ? Uint8Array.from(Buffer.from(v, 'hex')) : bad(what);
  if (typeof o!.serial !== 'string' || !/^[0-9A-F]{8}$/.test(o!.serial)) bad('serial');
  const state: Nk3State = { serial: o!.serial!, credentials: [] };
  if (o!.pin) {
    const r = o!.pin.retriesLeft;
    if (!Number.isInteger(r) || r < 0 || r > 8) bad('pin.retriesLeft');
    state.pin = { value: hexField(o!.pin.value, 'pin.value'), retriesLeft: r };
  }
  if (!Array.isArray(o!.credentials)) bad('credentials');
  for (const [i, c] of o!.credentials!.entries()) {
    if (!KINDS.includes(c.kind) || !ALGORITHMS.includes(c.algorithm)) bad(`credentials[${i}].kind/algorithm`);
    const isU32 = Number.isInteger(c.counter) && c.counter >= 0 && c.counter <= 0xffffffff;
    if (!isU32 || !Number.isInteger(c.digits) || c.digits < 0 || c.digits > 255)
      bad(`credentials[${i}].counter/digits`);
    state.credentials.push({
      label: hexField(c.label, `credentials[${i}].label`),
      kind: c.kind,
      algorithm: c.algorithm,
      digits: c.digits,
      secret: hexField(c.secret, `credentials[${i}].secret`),
      isTouchRequired: c.touch === true,
      isPinEncrypted: c.pinEncrypted === true,
      counter: c.counter,
      ...(c.login !== undefined ? { login: hexField(c.login, `credentials[${i}].login`) } : {}),
      ...(c.password !== undefined ? { password: hexField(c.password, `credentials[${i}].password`) } : {}),
      ...(c.metadata !== undefined ? { metadata: hexField(c.metadata, `credentials[${i}].metadata`) } : {}),
    });
  }
  return state;
}

/**
 * The firmware's directory order: files are named by the upper-case hex of SHA-256(label)[0..8] and
 * littlefs lists same-length names alphabetically (§4.6; inferred, open question 5 of the reference).
 */
export function directoryKey(label: Uint8Array): string {
  return createHash('sha256').update(label).digest().subarray(0, 8).toString('hex').toUpperCase();
}
