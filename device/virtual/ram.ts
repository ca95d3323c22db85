/**
 * RAM state of the firmware (lost on power-off, §11) and the context every command handler gets.
 */
import type { VirtualCard } from './card';
import type { FirmwareProfile } from './profile';
import {
  PWS_LOGIN_BYTES,
  PWS_NAME_BYTES,
  PWS_PASSWORD_BYTES,
  SLOT_NAME_BYTES,
  SLOT_SECRET_BYTES,
  type FlashState,
} from './flash-state';

/** Bytes of a temporary password (§6.2). */
export const TEMP_PASSWORD_BYTES = 25;
/** Bytes of the password-safe staging buffer: marker, name, password, login (§5.12). */
export const PWS_STAGING_BYTES = 1 + PWS_NAME_BYTES + PWS_PASSWORD_BYTES + PWS_LOGIN_BYTES;

/** The device clock's RAM registers (§7.5). */
export interface ClockRam {
  /** Clock ms at power-up. */
  bootMs: number;
  /** Pro: ms per firmware "second" (1010 when the slow SysTick is modelled, else 1000). */
  tickMs: number;
  /** Seconds value written by the last SET_TIME (0 at power-up). */
  baseSeconds: bigint;
  /** Pro: tick count at the last SET_TIME (the tick phase is not restarted, §14.1). */
  ticksAtSet: number;
  /** Storage: clock ms when its elapsed-seconds counter was last (re)started. */
  counterStartMs: number;
  /** Storage: value the elapsed-seconds counter was (re)started from (SEND_STARTUP quirk, §7.5). */
  counterOffset: bigint;
}

/** Everything a power cycle forgets. */
export interface Ram {
  clock: ClockRam;
  tempAdmin: Uint8Array | null;
  tempUser: Uint8Array | null;
  /** New-protocol write transaction (§5.3). */
  isTransactionOpen: boolean;
  stagingName: Uint8Array;
  stagingSecret: Uint8Array;
  /** Legacy AUTHORIZE / USER_AUTHORIZE registers (§6.3); null = nothing authorised. */
  adminAuthorizedCrc: number | null;
  userAuthorizedCrc: number | null;
  isPwsUnlocked: boolean;
  /**
   * Pro: the card holds the user PIN verified for decryption (OpenPGP PW1, mode 82) since the
   * OpenPGP application was last selected, so PSO:DECIPHER of the safe's key works without a PIN
   * (PW_SAFE_INIT_KEY, protocol reference Corrections C3).
   */
  isCardDecipherVerified: boolean;
  pwsStaging: Uint8Array;
  /** Storage >= 0.54 after AUTHORIZE: NOT_AUTHORIZED is reported as OK (§6.3). */
  isErrorHiding: boolean;
  /** Storage stick20 status block counter R[20] and data-block send counter R[25] (§4.3, §8.2). */
  stick20Counter: number;
  stick20SendCounter: number;
  /** Storage: the PIN given by the last SEND_PASSWORD (0x32), for 0x33 / 0x11 (§5.10). */
  stick20Password: { kind: 'admin' | 'user'; pin: Uint8Array; isVerified: boolean } | null;
}

/** RAM right after power-up. */
export function freshRam(profile: FirmwareProfile, nowMs: number, isClockSlow: boolean): Ram {
  return {
    clock: {
      bootMs: nowMs,
      tickMs: isClockSlow ? 1010 : 1000,
      baseSeconds: 0n,
      ticksAtSet: 0,
      counterStartMs: nowMs,
      counterOffset: 0n,
    },
    tempAdmin: null,
    tempUser: null,
    isTransactionOpen: false,
    stagingName: new Uint8Array(SLOT_NAME_BYTES),
    stagingSecret: new Uint8Array(SLOT_SECRET_BYTES),
    adminAuthorizedCrc: profile.idleAuthorizedCrc,
    userAuthorizedCrc: profile.idleAuthorizedCrc,
    isPwsUnlocked: false,
    isCardDecipherVerified: false,
    pwsStaging: new Uint8Array(PWS_STAGING_BYTES),
    isErrorHiding: false,
    stick20Counter: 0,
    stick20SendCounter: 0,
    stick20Password: null,
  };
}

/** What a command handler sees. */
export interface Firmware {
  readonly profile: FirmwareProfile;
  flash: FlashState;
  ram: Ram;
  readonly card: VirtualCard;
  /** Milliseconds of the injected clock now. */
  nowMs(): number;
}

/** A received request: the 64 bytes and the CRC computed over R[0..59]. */
export interface Request {
  r: Uint8Array;
  crc: number;
}

/** A handler's answer: command status and result payload P[0..52] (at most 53 bytes). */
export interface Reply {
  status: number;
  payload?: Uint8Array;
  /** Storage 0x2E / 0x35: P[18..] (R[25..]) is delivered with the next single GET_REPORT only (§1.3). */
  isDataOneShot?: boolean;
}

/** A command handler. */
export type Handler = (fw: Firmware, req: Request) => Reply;

/** Bytes r[offset .. offset+length) as a copy. */
export function field(r: Uint8Array, offset: number, length: number): Uint8Array {
  return r.slice(offset, offset + length);
}

/** A PIN field as the firmware passes it to the card: bytes up to the first zero (§5.1). */
export function cString(r: Uint8Array, offset: number, maxLength: number): Uint8Array {
  const end = Math.min(offset + maxLength, r.length);
  let i = offset;
  while (i < end && r[i] !== 0) i++;
  return r.slice(offset, i);
}

/** u64 little-endian at r[offset]. */
export function readU64(r: Uint8Array, offset: number): bigint {
  return new DataView(r.buffer, r.byteOffset, r.length).getBigUint64(offset, true);
}

/** u32 little-endian at r[offset]. */
export function readU32(r: Uint8Array, offset: number): number {
  return new DataView(r.buffer, r.byteOffset, r.length).getUint32(offset, true);
}

/** Temp password check: set, and all 25 bytes equal (§6.2). */
export function isTempValid(expected: Uint8Array | null, r: Uint8Array, offset: number): boolean {
  if (!expected) return false;
  for (let i = 0; i < TEMP_PASSWORD_BYTES; i++) if (r[offset + i] !== expected[i]) return false;
  return true;
}

/** Status-only reply. */
export const status = (s: number): Reply => ({ status: s });
