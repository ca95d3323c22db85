/**
 * The request schemas of the core channels (valibot), declared once: main validates every request
 * with them (validate.ts) and the contract's request types are derived from them (v.InferOutput),
 * so a type and its check cannot drift. Limits are the widest any token accepts; the services check
 * the attached token's own. Main imports this file; the contract and the renderer only its types.
 * The import and backup channels are in requests-import.ts, the speed-of-use ones in requests-quick.ts.
 */
import type * as v from 'valibot';
import { MAX_CLEAR_AFTER_S, PWS_CAPACITY, SLOT_COUNT } from '../../shared/constants';
import { QUICK_SETTINGS } from './requests-quick';
import {
  args,
  bool,
  counter,
  digits,
  int,
  nullable,
  obj,
  oneOf,
  optional,
  period,
  pin,
  pinKind,
  secretEncoding,
  slotRef,
  str,
} from './schema';

const pwsIndex = () => int(0, PWS_CAPACITY - 1);
/** A lock key's HOTP slot (index 0..2), or null for off. */
const hotpIndex = () => nullable(int(0, SLOT_COUNT.hotp - 1));
const clearAfter = () => int(0, MAX_CLEAR_AFTER_S);

const pinVerify = obj({ kind: pinKind(), pin: pin() });
const pinChange = obj({ kind: pinKind(), current: pin(), next: pin() });
const unlockUser = obj({ adminPin: pin(), newUserPin: pin() });
/** `confirmation` must be the reset word typed by the person (the service compares it). */
const factoryReset = obj({ adminPin: pin(), confirmation: str({ max: 32 }) });

/** The general config the config dialog writes; the token keeps its other config bytes. */
const configWrite = obj({
  isUserPinRequiredForCodes: bool(),
  /** The lock keys and the HOTP slot each types (general config). */
  lockKeys: obj({ numlock: hotpIndex(), capslock: hotpIndex(), scrolllock: hotpIndex() }),
  /** Sent only when the app holds no admin authorisation. */
  adminPin: optional(pin()),
});

/** The secret of a slot write, as the person typed it (parsed in main with device/otp). */
const secretInput = obj({ text: str({ min: 1, max: 256 }), encoding: secretEncoding() });

/** A slot write from the slot dialog. */
const slotWrite = obj({
  slot: slotRef(),
  name: str({ min: 1, max: 64 }),
  /** Absent keeps the slot's stored secret (editing a name or settings; not on legacy firmware). */
  secret: optional(secretInput),
  digits: digits(),
  /** TOTP step in seconds. */
  period: optional(period()),
  /** HOTP initial counter, decimal string. */
  counter: optional(counter()),
  /** Sent only when the app holds no admin authorisation. */
  adminPin: optional(pin()),
  /** Must be true to replace a programmed slot (the dialog asked first). */
  isOverwriteConfirmed: bool(),
});

const slotErase = obj({ slot: slotRef(), adminPin: optional(pin()) });
const otpCopy = obj({ slot: slotRef(), userPin: optional(pin()) });

/** A password-safe write; an absent password keeps the stored one. */
const pwsWrite = obj({
  index: pwsIndex(),
  name: str({ min: 1, max: 64 }),
  login: str({ max: 128 }),
  password: optional(str({ max: 128 })),
});
const pwsEntry = obj({ index: pwsIndex() });

/** A change of settings: only the fields to change. */
const settingsChange = obj({
  clearCodeAfterS: optional(clearAfter()),
  clearPasswordAfterS: optional(clearAfter()),
  isStartMinimized: optional(bool()),
  isCloseToTray: optional(bool()),
  language: optional(oneOf('system', 'en', 'de')),
  ...QUICK_SETTINGS,
});

/** Argument lists of the core channels, by channel (contract.ts documents each channel). */
export const CORE_REQUEST_SCHEMAS = {
  'app/info': args(),
  'token/current': args(),
  'token/use-virtual': args(),
  'token/lock': args(),
  'token/set-time': args(),
  'pin/verify': args(pinVerify),
  'pin/change': args(pinChange),
  'pin/unlock-user': args(unlockUser),
  'token/factory-reset': args(factoryReset),
  'config/set': args(configWrite),
  'slot/list': args(),
  'slot/write': args(slotWrite),
  'slot/erase': args(slotErase),
  'otp/copy': args(otpCopy),
  'pws/status': args(),
  'pws/unlock': args(obj({ userPin: pin() })),
  'pws/init': args(obj({ adminPin: pin() })),
  'pws/read': args(pwsEntry),
  'pws/write': args(pwsWrite),
  'pws/erase': args(pwsEntry),
  'pws/copy': args(obj({ index: pwsIndex(), field: oneOf('login', 'password') })),
  'settings/get': args(),
  'settings/set': args(settingsChange),
};

export type PinVerifyRequest = v.InferOutput<typeof pinVerify>;
export type PinChangeRequest = v.InferOutput<typeof pinChange>;
export type UnlockUserRequest = v.InferOutput<typeof unlockUser>;
export type FactoryResetRequest = v.InferOutput<typeof factoryReset>;
export type ConfigWriteRequest = v.InferOutput<typeof configWrite>;
export type SecretInput = v.InferOutput<typeof secretInput>;
export type SlotWriteRequest = v.InferOutput<typeof slotWrite>;
export type SlotEraseRequest = v.InferOutput<typeof slotErase>;
export type OtpCopyRequest = v.InferOutput<typeof otpCopy>;
export type PwsUnlockRequest = v.InferOutput<(typeof CORE_REQUEST_SCHEMAS)['pws/unlock']>[0];
export type PwsInitRequest = v.InferOutput<(typeof CORE_REQUEST_SCHEMAS)['pws/init']>[0];
export type PwsEntryRequest = v.InferOutput<typeof pwsEntry>;
export type PwsWriteRequest = v.InferOutput<typeof pwsWrite>;
export type PwsCopyRequest = v.InferOutput<(typeof CORE_REQUEST_SCHEMAS)['pws/copy']>[0];
export type SettingsChange = v.InferOutput<typeof settingsChange>;
