/**
 * Codes in view (issue 13): the codes the window shows, by slot, and which search match is
 * selected. Codes are held only while shown: never persisted, dropped when the window hides or the
 * token goes away (renderer/codes.ts). A code is not a secret; the slot's secret never comes here.
 */
import type { StateCreator } from 'zustand';
import type { ShownCode, SlotRef } from '../../electron/ipc/contract';

/** The key of a slot in `codes`: "totp/0". */
export const slotKey = (s: SlotRef) => `${s.kind}/${s.index}`;

export interface CodesSlice {
  /** Shown codes by slotKey. */
  codes: Record<string, ShownCode>;
  /** Index of the selected match in the visible list (Enter copies it). */
  selected: number;
  setCodes: (codes: ShownCode[]) => void;
  clearCodes: () => void;
  setSelected: (index: number) => void;
}

export const codesSlice =
  <S extends CodesSlice>(): StateCreator<S, [], [], CodesSlice> =>
  (set) => ({
    codes: {},
    selected: 0,
    setCodes: (list) =>
      set(
        (s) => ({ codes: { ...s.codes, ...Object.fromEntries(list.map((c) => [slotKey(c.slot), c])) } }) as Partial<S>,
      ),
    clearCodes: () => set((s) => (Object.keys(s.codes).length === 0 ? s : ({ codes: {} } as Partial<S>))),
    setSelected: (selected) => set({ selected } as Partial<S>),
  });
