/**
 * What a firmware build can do, derived once from model and firmware minor version
 * (protocol reference §5.1, §6.4, §7.1). Every version test in the emulator goes through here.
 */
import type { Model } from '../transport/types';

/** Capabilities and quirks of one (model, firmware minor) pair. */
export interface FirmwareProfile {
  readonly model: Model;
  readonly minor: number;
  /** Nitrokey Storage (stick20 commands, R[0] always 0, unknown command -> 0). */
  readonly isStorage: boolean;
  /** Temp passwords in the request (Pro >= 0.8, Storage >= 0.54); else AUTHORIZE binds to a CRC (§6.3). */
  readonly isNewProtocol: boolean;
  /** HOTP slots 0x10.. (4 with the VERIFY slot 0x13, or Pro <= 0.7's inclusive bound; §7.1). */
  readonly hotpSlots: number;
  /** TOTP slots 0x20.. (16 on Pro <= 0.7 because of its inclusive upper bound, §7.1). */
  readonly totpSlots: number;
  /** HOTP 0x13 is reserved for VERIFY_OTP_CODE: GET_CODE on it gives WRONG_SLOT (§5.7). */
  readonly hasVerifySlot: boolean;
  /** Secret bytes per slot used for HMAC (20 legacy, 40 new; §7.1). */
  readonly secretBytes: 20 | 40;
  /** FIRST/USER_AUTHENTICATE forget the old temp password before checking the PIN (§6.2, §14.6). */
  readonly isTempInvalidatedFirst: boolean;
  /** Pro <= 0.7: AUTHORIZE / USER_AUTHORIZE use up the temp password (§6.3). */
  readonly isTempConsumedByAuthorize: boolean;
  /** Pro <= 0.7: the authorised-CRC register idles at 0xFFFFFFFF (§14.6); null = idles empty. */
  readonly idleAuthorizedCrc: number | null;
  /** Storage >= 0.54: TOTP 0x2E writes are ignored and it always reads as empty (§5.3 item 5). */
  readonly isLastTotpSlotBroken: boolean;
  /** Pro time step is truncated to 16 bits when computing TOTP (§7.5). */
  readonly isTimeStep16Bit: boolean;
}

/** Default firmware minors: Pro / Librem Key 0.15, Storage 0.57. */
export const DEFAULT_FIRMWARE_MINOR: Record<Model, number> = { pro: 15, librem: 15, storage: 57 };

/** Builds the profile. Throws RangeError for a minor outside 0..255. */
export function firmwareProfile(model: Model, minor: number): FirmwareProfile {
  if (!Number.isInteger(minor) || minor < 0 || minor > 255)
    throw new RangeError(`firmware minor must be a byte, got ${minor}`);
  const isStorage = model === 'storage';
  const isNewProtocol = isStorage ? minor >= 54 : minor >= 8;
  const hasVerifySlot = isStorage ? minor >= 54 : minor >= 9;
  const isProLegacy = !isStorage && minor <= 7;
  return {
    model,
    minor,
    isStorage,
    isNewProtocol,
    hotpSlots: hasVerifySlot || isProLegacy ? 4 : 3,
    totpSlots: isProLegacy ? 16 : 15,
    hasVerifySlot,
    secretBytes: isNewProtocol ? 40 : 20,
    isTempInvalidatedFirst: isStorage ? minor >= 54 : minor >= 9,
    isTempConsumedByAuthorize: isProLegacy,
    idleAuthorizedCrc: isProLegacy ? 0xffffffff : null,
    isLastTotpSlotBroken: isStorage && minor >= 54,
    isTimeStep16Bit: !isStorage,
  };
}
