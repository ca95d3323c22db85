/**
 * The settings of issue 13 inside the settings dialog: the quick picker's shortcut (with what main
 * says about registering it), start at login, and the notification after a tray copy.
 */
import { useEffect, useState } from 'react';
import type { Settings, ShortcutStatus } from '../../electron/ipc/contract';
import { MAX_SHORTCUT_CHARS } from '../../shared/constants';
import { invoke } from '../api';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { Field } from './Field';

/** The words for the shortcut's state. */
export function shortcutText(s: ShortcutStatus): string {
  if (s.isRegistered) return t('shortcutRegistered', { acc: s.accelerator });
  switch (s.problem) {
    case 'off':
      return t('shortcutOff');
    case 'invalid':
      return t('shortcutInvalid');
    case 'taken':
      return t('shortcutTaken', { acc: s.accelerator });
    case 'wayland-no-portal':
      return t('shortcutWayland');
    default:
      return t('shortcutUnsupported');
  }
}

export function QuickSettings({ draft, setDraft }: { draft: Settings; setDraft: (s: Settings) => void }) {
  const hasTray = useKeyslotStore((s) => s.appInfo?.hasTray ?? false);
  // Only the desktop app can start at login (the web host serves a browser tab).
  const isDesktop = useKeyslotStore((s) => s.appInfo?.host === 'electron');
  const saved = useKeyslotStore((s) => s.settings);
  const [status, setStatus] = useState<ShortcutStatus | null>(null);
  useEffect(() => {
    void invoke('shortcut/status').then((r) => r.ok && setStatus(r.value));
  }, [saved]);
  return (
    <fieldset className="quick-settings">
      <legend>{t('quickTitle')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.isPickerShortcutOn}
          onChange={(e) => setDraft({ ...draft, isPickerShortcutOn: e.target.checked })}
        />
        {t('pickerShortcutOn')}
      </label>
      <Field label={t('pickerShortcut')}>
        {(p) => (
          <input
            {...p}
            value={draft.pickerShortcut}
            disabled={!draft.isPickerShortcutOn}
            maxLength={MAX_SHORTCUT_CHARS}
            onChange={(e) => setDraft({ ...draft, pickerShortcut: e.target.value })}
          />
        )}
      </Field>
      {status && (
        <p className="note" data-testid="shortcut-status">
          {shortcutText(status)}
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.isStartAtLogin}
          disabled={!isDesktop}
          onChange={(e) => setDraft({ ...draft, isStartAtLogin: e.target.checked })}
        />
        {t('startAtLogin')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.isTrayCopyNotified}
          disabled={!hasTray}
          onChange={(e) => setDraft({ ...draft, isTrayCopyNotified: e.target.checked })}
        />
        {t('trayCopyNotice')}
      </label>
    </fieldset>
  );
}
