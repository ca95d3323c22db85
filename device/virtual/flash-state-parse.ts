/**
 * Strict parsing of a saved virtual-token state (state.ts). Any malformed field throws
 * DeviceError('state-corrupt') whose detail names the field.
 */
import { DeviceError } from '../errors';
import type { Model } from '../transport/types';
import { firmwareProfile } from './profile';
import {
  PWS_LOGIN_BYTES,
  PWS_NAME_BYTES,
  PWS_PASSWORD_BYTES,
  PWS_SLOTS,
  PIN_TRIES,
  SLOT_NAME_BYTES,
  SLOT_SECRET_BYTES,
  SLOT_TOKEN_ID_BYTES,
  TIME_NEVER_SET,
  type CardState,
  type FlashState,
  type OtpSlot,
  type PwsSlot,
} from './flash-state';

/** Longest PIN the virtual card stores (card.ts). */
const MAX_PIN_BYTES = 32;

function corrupt(field: string, why: string): never {
  throw new DeviceError('state-corrupt', { detail: `${field}: ${why}` });
}

type Obj = Record<string, unknown>;

function object(v: unknown, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) corrupt(field, 'not an object');
  return v as Obj;
}

function array(v: unknown, field: string, length?: number): unknown[] {
  if (!Array.isArray(v)) corrupt(field, 'not an array');
  if (length !== undefined && v.length !== length) corrupt(field, `has ${v.length} entries, expected ${length}`);
  return v;
}

function int(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    corrupt(field, `not an integer in ${min}..${max}`);
  return v;
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') corrupt(field, 'not a boolean');
  return v;
}

/** Lowercase hex of exactly `bytes` bytes (or `min..bytes` when min is given). */
function hexBytes(v: unknown, field: string, bytes: number, min = bytes): Uint8Array {
  if (typeof v !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(v)) corrupt(field, 'not lowercase hex');
  const n = v.length / 2;
  if (n < min || n > bytes) corrupt(field, min === bytes ? `must be ${bytes} bytes` : `must be ${min}..${bytes} bytes`);
  return new Uint8Array(Buffer.from(v, 'hex'));
}

function u64(v: unknown, field: string): bigint {
  if (typeof v !== 'string' || !/^(?:0|[1-9][0-9]{0,19})$/.test(v)) corrupt(field, 'not a decimal u64 string');
  const n = BigInt(v);
  if (n > 0xffffffffffffffffn) corrupt(field, 'exceeds 2^64-1');
  return n;
}

function otpSlot(v: unknown, field: string): OtpSlot {
  const o = object(v, field);
  return {
    isProgrammed: bool(o.isProgrammed, `${field}.isProgrammed`),
    name: hexBytes(o.name, `${field}.name`, SLOT_NAME_BYTES),
    secret: hexBytes(o.secret, `${field}.secret`, SLOT_SECRET_BYTES),
    config: int(o.config, `${field}.config`, 0, 255),
    tokenId: hexBytes(o.tokenId, `${field}.tokenId`, SLOT_TOKEN_ID_BYTES),
    counter: u64(o.counter, `${field}.counter`),
  };
}

function pwsSlot(v: unknown, field: string): PwsSlot {
  const o = object(v, field);
  return {
    isActive: bool(o.isActive, `${field}.isActive`),
    name: hexBytes(o.name, `${field}.name`, PWS_NAME_BYTES),
    password: hexBytes(o.password, `${field}.password`, PWS_PASSWORD_BYTES),
    login: hexBytes(o.login, `${field}.login`, PWS_LOGIN_BYTES),
  };
}

function card(v: unknown): CardState {
  const o = object(v, 'card');
  return {
    serial: int(o.serial, 'card.serial', 0, 0xffffffff),
    adminPin: hexBytes(o.adminPin, 'card.adminPin', MAX_PIN_BYTES, 1),
    userPin: hexBytes(o.userPin, 'card.userPin', MAX_PIN_BYTES, 1),
    adminTries: int(o.adminTries, 'card.adminTries', 0, PIN_TRIES),
    userTries: int(o.userTries, 'card.userTries', 0, PIN_TRIES),
    hasAesKey: bool(o.hasAesKey, 'card.hasAesKey'),
  };
}

/**
 * Parses and validates a saved state. Slot counts must match the model and firmware version.
 * @throws DeviceError('state-corrupt') with the offending field in `detail`.
 */
export function flashFromJson(json: unknown): FlashState {
  const o = object(json, 'state');
  if (o.format !== 'keyslot-virtual-token') corrupt('format', 'not a keyslot virtual token state');
  if (o.version !== 1) corrupt('version', `unsupported version ${String(o.version)}`);
  if (o.model !== 'pro' && o.model !== 'storage' && o.model !== 'librem')
    corrupt('model', 'not pro, storage or librem');
  const model = o.model as Model;
  const firmwareMinor = int(o.firmwareMinor, 'firmwareMinor', 0, 255);
  const profile = firmwareProfile(model, firmwareMinor);
  const generalConfig = new Uint8Array(
    array(o.generalConfig, 'generalConfig', 5).map((b, i) => int(b, `generalConfig[${i}]`, 0, 255)),
  );
  const hotp = array(o.hotp, 'hotp', profile.hotpSlots).map((s, i) => otpSlot(s, `hotp[${i}]`));
  const totp = array(o.totp, 'totp', profile.totpSlots).map((s, i) => otpSlot(s, `totp[${i}]`));
  const lastSetMinute = int(o.lastSetMinute, 'lastSetMinute', 0, TIME_NEVER_SET);
  if (lastSetMinute > 0xffffff && lastSetMinute !== TIME_NEVER_SET) corrupt('lastSetMinute', 'more than 24 bits');
  const pwsKey = o.pwsKey === null ? null : hexBytes(o.pwsKey, 'pwsKey', 32);
  const pws = array(o.pws, 'pws', PWS_SLOTS).map((s, i) => pwsSlot(s, `pws[${i}]`));
  const updatePin =
    o.updatePin === undefined || o.updatePin === null ? null : hexBytes(o.updatePin, 'updatePin', 20, 8);
  return { model, firmwareMinor, generalConfig, hotp, totp, lastSetMinute, card: card(o.card), pwsKey, pws, updatePin };
}
