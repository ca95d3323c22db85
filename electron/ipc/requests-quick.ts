/**
 * The request schemas of the speed-of-use channels (issue 13; contract-quick.ts documents them),
 * and the settings fields they add to 'settings/set'. Like requests.ts: main validates with these,
 * the contract derives its types from them.
 */
import type * as v from 'valibot';
import { MAX_SHORTCUT_CHARS, SLOT_COUNT } from '../../shared/constants';
import { MAX_PINNED_SLOTS } from './contract-quick';
import { args, bool, list, obj, optional, pin, slotRef, str } from './schema';

/** Settings of the quick picker, the tray and the login item: spread into 'settings/set'. */
export const QUICK_SETTINGS = {
  pickerShortcut: optional(str({ min: 1, max: MAX_SHORTCUT_CHARS })),
  isPickerShortcutOn: optional(bool()),
  isStartAtLogin: optional(bool()),
  isTrayCopyNotified: optional(bool()),
  pinnedSlots: optional(list(str({ min: 1, max: 40 }), MAX_PINNED_SLOTS, { allowEmpty: true })),
};

const otpCodes = obj({ slots: list(slotRef(), SLOT_COUNT.totp + SLOT_COUNT.hotp), userPin: optional(pin()) });
const copyShown = obj({ slot: slotRef(), code: str({ min: 6, max: 8 }) });

/** Argument lists of the speed-of-use channels, by channel. */
export const QUICK_REQUEST_SCHEMAS = {
  'otp/codes': args(otpCodes),
  'otp/copy-shown': args(copyShown),
  'shortcut/status': args(),
  'picker/close': args(),
};

export type OtpCodesRequest = v.InferOutput<typeof otpCodes>;
export type CopyShownRequest = v.InferOutput<typeof copyShown>;
