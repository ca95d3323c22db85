/**
 * Persisted settings: a small JSON file in the user-data folder. Values that fail the checks
 * (a hand-edited file) fall back to their defaults instead of stopping the app.
 */
import type { Settings } from '../ipc/contract';
import { MAX_CLEAR_AFTER_S, MAX_SHORTCUT_CHARS } from '../../shared/constants';
import { DEFAULT_PICKER_SHORTCUT, MAX_PINNED_SLOTS } from '../ipc/contract-quick';
import { AppError } from '../ipc/serve';

export const DEFAULT_SETTINGS: Settings = {
  clearCodeAfterS: 30,
  clearPasswordAfterS: 60,
  isStartMinimized: false,
  isCloseToTray: true,
  language: 'system',
  pickerShortcut: DEFAULT_PICKER_SHORTCUT,
  isPickerShortcutOn: true,
  isStartAtLogin: false,
  isTrayCopyNotified: true,
  pinnedSlots: [],
};

/** Where the JSON lives; injected so tests keep it in memory. */
export interface SettingsStore {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

const CHECKS: { [K in keyof Settings]: (v: unknown) => boolean } = {
  clearCodeAfterS: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_CLEAR_AFTER_S,
  clearPasswordAfterS: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_CLEAR_AFTER_S,
  isStartMinimized: (v) => typeof v === 'boolean',
  isCloseToTray: (v) => typeof v === 'boolean',
  language: (v) => v === 'system' || v === 'en' || v === 'de',
  pickerShortcut: (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_SHORTCUT_CHARS,
  isPickerShortcutOn: (v) => typeof v === 'boolean',
  isStartAtLogin: (v) => typeof v === 'boolean',
  isTrayCopyNotified: (v) => typeof v === 'boolean',
  pinnedSlots: (v) =>
    Array.isArray(v) &&
    v.length <= MAX_PINNED_SLOTS &&
    v.every((x) => typeof x === 'string' && /^[0-9a-f]{1,16}\/(totp|hotp)\/\d{1,2}$/.test(x)),
};

/** Keeps only known, valid fields of `raw`. */
export function sanitizeSettings(raw: unknown): Partial<Settings> {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(CHECKS) as (keyof Settings)[]) {
    const v = (raw as Record<string, unknown>)[key];
    if (v !== undefined && CHECKS[key](v)) out[key] = v;
  }
  return out as Partial<Settings>;
}

export class SettingsService {
  private current: Settings = { ...DEFAULT_SETTINGS };
  private listeners = new Set<(s: Settings) => void>();

  constructor(private readonly store: SettingsStore) {}

  /** Reads the file; a missing or damaged file gives the defaults. */
  async load(): Promise<Settings> {
    let parsed: unknown;
    try {
      const text = await this.store.read();
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    this.current = { ...DEFAULT_SETTINGS, ...sanitizeSettings(parsed) };
    return this.get();
  }

  get(): Settings {
    return { ...this.current, pinnedSlots: [...this.current.pinnedSlots] };
  }

  /** Applies a change, saves it and tells listeners. Throws AppError('bad-request') for a bad value. */
  async set(change: Partial<Settings>): Promise<Settings> {
    const clean = sanitizeSettings(change);
    if (
      Object.keys(clean).length !== Object.keys(change).filter((k) => change[k as keyof Settings] !== undefined).length
    ) {
      throw new AppError('bad-request', { reason: 'setting-out-of-range' });
    }
    this.current = { ...this.current, ...clean };
    await this.store.write(`${JSON.stringify(this.current, null, 2)}\n`);
    for (const l of this.listeners) l(this.get());
    return this.get();
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
