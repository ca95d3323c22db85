/**
 * Persistent state of the virtual token (its flash and its smart card), in memory and as JSON.
 * RAM-only state (clock, temp passwords, transaction…) lives in ram.ts and is never saved.
 */
import { randomBytes } from 'node:crypto';
import { FACTORY_PINS } from '../../shared/constants';
import type { Model } from '../transport/types';
import { firmwareProfile } from './profile';

/** Bytes of the fields of one OTP slot (§7.1). */
export const SLOT_NAME_BYTES = 15;
export const SLOT_SECRET_BYTES = 40;
export const SLOT_TOKEN_ID_BYTES = 13;
/** Bytes of the fields of one password-safe slot (§5.12). */
export const PWS_SLOTS = 16;
export const PWS_NAME_BYTES = 11;
export const PWS_PASSWORD_BYTES = 20;
export const PWS_LOGIN_BYTES = 32;
/** Stored "last set minute" of a token whose time was never set: erased flash (§5.11). */
export const TIME_NEVER_SET = 0xffffffff;
/** Retry counter of a PIN that was just verified (§6.1). */
export const PIN_TRIES = 3;

/** One OTP slot as stored in flash. An erased slot has every byte 0xFF. */
export interface OtpSlot {
  isProgrammed: boolean;
  name: Uint8Array;
  secret: Uint8Array;
  config: number;
  tokenId: Uint8Array;
  /** HOTP: the next counter to use; TOTP: the time step in seconds. u64. */
  counter: bigint;
}

/** One password-safe slot, decrypted. */
export interface PwsSlot {
  isActive: boolean;
  name: Uint8Array;
  password: Uint8Array;
  login: Uint8Array;
}

/** The smart card's persistent state (§6.1, §5.13). */
export interface CardState {
  serial: number;
  adminPin: Uint8Array;
  userPin: Uint8Array;
  adminTries: number;
  userTries: number;
  /** The card holds the AES key that wraps the password-safe key. */
  hasAesKey: boolean;
}

/** Everything a power cycle keeps. */
export interface FlashState {
  model: Model;
  firmwareMinor: number;
  /** numlock, capslock, scrolllock, enable_user_password, delete_user_password (§7.2). */
  generalConfig: Uint8Array;
  hotp: OtpSlot[];
  totp: OtpSlot[];
  /** Minutes since 2014-01-01 of the last accepted SET_TIME, 24 bits, or TIME_NEVER_SET (§5.11). */
  lastSetMinute: number;
  card: CardState;
  /** AES-256 key of the password safe, or null when none was built. */
  pwsKey: Uint8Array | null;
  pws: PwsSlot[];
  /**
   * Pro >= 0.11 firmware-update PIN (8..20 bytes), or null while never changed: the firmware then
   * stores and checks the default "12345678" (pro-firmware FlashStorage.c CheckUpdatePin).
   * FACTORY_RESET keeps it. (The real firmware keeps a salted PBKDF2 hash; the model keeps the PIN.)
   */
  updatePin: Uint8Array | null;
}

/** JSON form of one OTP slot: byte fields as lowercase hex, the u64 as a decimal string. */
export interface OtpSlotJson {
  isProgrammed: boolean;
  name: string;
  secret: string;
  config: number;
  tokenId: string;
  counter: string;
}
/** JSON form of one password-safe slot. */
export interface PwsSlotJson {
  isActive: boolean;
  name: string;
  password: string;
  login: string;
}

/** The saved state file (JSON). Version 1. */
export interface VirtualState {
  format: 'keyslot-virtual-token';
  version: 1;
  model: Model;
  firmwareMinor: number;
  generalConfig: number[];
  hotp: OtpSlotJson[];
  totp: OtpSlotJson[];
  lastSetMinute: number;
  card: {
    serial: number;
    adminPin: string;
    userPin: string;
    adminTries: number;
    userTries: number;
    hasAesKey: boolean;
  };
  pwsKey: string | null;
  pws: PwsSlotJson[];
  /** Hex; absent or null while never changed (files written before issue 10 have none). */
  updatePin?: string | null;
}

/** An erased OTP slot: all bytes 0xFF (§5.9). */
export function erasedSlot(): OtpSlot {
  return {
    isProgrammed: false,
    name: new Uint8Array(SLOT_NAME_BYTES).fill(0xff),
    secret: new Uint8Array(SLOT_SECRET_BYTES).fill(0xff),
    config: 0xff,
    tokenId: new Uint8Array(SLOT_TOKEN_ID_BYTES).fill(0xff),
    counter: 0xffffffffffffffffn,
  };
}

/** A password-safe slot whose contents decrypt to noise (new device, new key, reset; §5.12). */
export function garbagePwsSlot(): PwsSlot {
  return {
    isActive: false,
    name: randomBytes(PWS_NAME_BYTES),
    password: randomBytes(PWS_PASSWORD_BYTES),
    login: randomBytes(PWS_LOGIN_BYTES),
  };
}

/** A factory-fresh card: default PINs, 3 tries each, no AES key. */
export function freshCard(serial: number): CardState {
  return {
    serial,
    adminPin: new TextEncoder().encode(FACTORY_PINS.admin),
    userPin: new TextEncoder().encode(FACTORY_PINS.user),
    adminTries: PIN_TRIES,
    userTries: PIN_TRIES,
    hasAesKey: false,
  };
}

/** Factory-fresh flash: erased slots and config, time never set, no password-safe key. */
export function freshFlash(model: Model, firmwareMinor: number, cardSerial: number): FlashState {
  const p = firmwareProfile(model, firmwareMinor);
  return {
    model,
    firmwareMinor,
    generalConfig: new Uint8Array(5).fill(0xff),
    hotp: Array.from({ length: p.hotpSlots }, erasedSlot),
    totp: Array.from({ length: p.totpSlots }, erasedSlot),
    lastSetMinute: TIME_NEVER_SET,
    card: freshCard(cardSerial),
    pwsKey: null,
    pws: Array.from({ length: PWS_SLOTS }, garbagePwsSlot),
    updatePin: null,
  };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Serialises flash state to its JSON form. */
export function flashToJson(f: FlashState): VirtualState {
  const slot = (s: OtpSlot): OtpSlotJson => ({
    isProgrammed: s.isProgrammed,
    name: hex(s.name),
    secret: hex(s.secret),
    config: s.config,
    tokenId: hex(s.tokenId),
    counter: s.counter.toString(),
  });
  return {
    format: 'keyslot-virtual-token',
    version: 1,
    model: f.model,
    firmwareMinor: f.firmwareMinor,
    generalConfig: [...f.generalConfig],
    hotp: f.hotp.map(slot),
    totp: f.totp.map(slot),
    lastSetMinute: f.lastSetMinute,
    card: { ...f.card, adminPin: hex(f.card.adminPin), userPin: hex(f.card.userPin) },
    pwsKey: f.pwsKey ? hex(f.pwsKey) : null,
    pws: f.pws.map((s) => ({
      isActive: s.isActive,
      name: hex(s.name),
      password: hex(s.password),
      login: hex(s.login),
    })),
    updatePin: f.updatePin ? hex(f.updatePin) : null,
  };
}
