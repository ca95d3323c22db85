/**
 * The keyboard of the slot search, shared by the slot list and the quick picker (issue 13):
 * ↑/↓ move the selection, Enter copies the selected (or only) match's code, Esc clears (the
 * picker: closes), Ctrl/Cmd+C with nothing selected in the field copies the selected match's code.
 */
import type { KeyboardEvent } from 'react';

export interface SearchKeys {
  /** Matches shown now. */
  count: number;
  selected: number;
  setSelected: (index: number) => void;
  /** Copies the selected match's code. */
  copySelected: () => void;
  /** Esc. */
  escape: () => void;
}

/** True for Ctrl+C (Cmd+C on macOS) without other modifiers. */
export function isCopyKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'c';
}

/** Handles one keydown in the search field; returns whether it was ours. */
export function onSearchKey(e: KeyboardEvent<HTMLInputElement>, k: SearchKeys): boolean {
  const last = k.count - 1;
  const current = Math.min(Math.max(k.selected, 0), Math.max(last, 0));
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (k.count > 0) k.setSelected(e.key === 'ArrowDown' ? Math.min(current + 1, last) : Math.max(current - 1, 0));
  } else if (e.key === 'Home' && e.ctrlKey) {
    k.setSelected(0);
  } else if (e.key === 'End' && e.ctrlKey) {
    k.setSelected(Math.max(last, 0));
  } else if (e.key === 'Enter') {
    if (k.count > 0) k.copySelected();
  } else if (e.key === 'Escape') {
    k.escape();
  } else if (isCopyKey(e)) {
    // Text selected in the field is copied as usual.
    const field = e.currentTarget;
    if (field.selectionStart !== field.selectionEnd || k.count === 0) return false;
    k.copySelected();
  } else {
    return false;
  }
  e.preventDefault();
  return true;
}
