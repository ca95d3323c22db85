/** The config dialog's choices, as pure functions so tests read them directly. */
import type { LockKey, LockKeys, SlotSummary } from '../../electron/ipc/contract';
import { t } from '../i18n';

export const LOCK_KEYS: readonly LockKey[] = ['numlock', 'capslock', 'scrolllock'];

/** What a lock key does, in words: off, or the HOTP slot it types (with its name, or empty). */
export function lockKeyText(index: number | null, slots: readonly SlotSummary[]): string {
  if (index === null) return t('lockKeyOff');
  const slot = slots.find((s) => s.slot.kind === 'hotp' && s.slot.index === index);
  return slot ? t('lockKeySlot', { n: index + 1, name: slot.name }) : t('lockKeyEmpty', { n: index + 1 });
}

/** The select's value for a binding ('' is off) and back. */
export const lockKeyValue = (index: number | null): string => (index === null ? '' : String(index));
export const parseLockKeyValue = (value: string): number | null => (value === '' ? null : Number(value));

/** True if the draft differs from what the token holds, so Save has something to write. */
export function isConfigChanged(
  draft: { isUserPinRequiredForCodes: boolean; lockKeys: LockKeys },
  token: { isUserPinRequiredForCodes: boolean; lockKeys: LockKeys },
): boolean {
  return (
    draft.isUserPinRequiredForCodes !== token.isUserPinRequiredForCodes ||
    LOCK_KEYS.some((k) => draft.lockKeys[k] !== token.lockKeys[k])
  );
}
