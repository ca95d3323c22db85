/**
 * Runtime constants every room shares: device/, cli/, electron/, web-host/ and the renderer's page
 * import them from here, so a limit, the reset word or a factory PIN is written once. It imports
 * nothing and holds no logic, so the renderer's bundle may take it at run time.
 * Protocol facts cite the protocol reference (/work/shared/protocol, §n).
 */

/** Which PIN. */
export type PinKind = 'admin' | 'user';

/** OTP slots keyslot offers (§7.1: hosts use HOTP 0..2 and TOTP 0..14). */
export const SLOT_COUNT = { hotp: 3, totp: 15 } as const;

/** Field sizes in bytes, as the token counts them (UTF-8) (§5, §7.1, §5.12). */
export const LIMITS = {
  slotName: 15,
  secret: 40,
  legacySecret: 20,
  tokenId: 13,
  tempPassword: 25,
  pin: 25,
  storagePin: 20,
  pwsName: 11,
  pwsPassword: 20,
  pwsLogin: 32,
  pwsSlots: 16,
} as const;

/** Entries of the password safe (§5.12). */
export const PWS_CAPACITY = LIMITS.pwsSlots;

/** Factory-default PINs of the OpenPGP card (§6.1): public knowledge, printed in every manual. */
export const FACTORY_PINS: Readonly<Record<PinKind, string>> = { admin: '12345678', user: '123456' };

/** The word a person types to confirm a factory reset. */
export const FACTORY_RESET_WORD = 'RESET';

/** TOTP time steps the token stores, in seconds (a u16, §7.1), and the step when an account names none. */
export const TOTP_PERIOD = { min: 1, max: 65535, default: 30 } as const;

/** Largest HOTP counter (a u64, §7.1). */
export const MAX_HOTP_COUNTER = 0xffff_ffff_ffff_ffffn;

/** Largest image sent for decoding, in bytes (a screenshot of several 4K displays as PNG stays below). */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;

/** Longest pasted text of otpauth URIs, in characters. */
export const MAX_PASTED_TEXT = 64 * 1024;

/** Longest shortcut of the quick picker, in characters (Electron accelerator syntax, e.g. "Ctrl+Alt+K"). */
export const MAX_SHORTCUT_CHARS = 64;

/** Longest time, in seconds, the app may keep a copied code or password on the clipboard (0 = never clear). */
export const MAX_CLEAR_AFTER_S = 3600;
