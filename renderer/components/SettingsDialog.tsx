import { useState } from 'react';
import { MAX_CLEAR_AFTER_S } from '../../shared/constants';
import type { Settings } from '../../electron/ipc/contract';
import { showError } from '../actions';
import { invoke } from '../api';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { Field } from './Field';
import { Modal } from './Modal';
import { QuickSettings } from './QuickSettings';

/** Clipboard times, tray behaviour and language; saved in main. */
export function SettingsDialog() {
  const settings = useKeyslotStore((s) => s.settings)!;
  const appInfo = useKeyslotStore((s) => s.appInfo);
  const close = useKeyslotStore((s) => s.closeDialog);
  const [draft, setDraft] = useState<Settings>(settings);
  const seconds = (v: number) => Number.isInteger(v) && v >= 0 && v <= MAX_CLEAR_AFTER_S;
  const isValid = seconds(draft.clearCodeAfterS) && seconds(draft.clearPasswordAfterS);
  return (
    <Modal title={t('settingsTitle')} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!isValid) return;
          void invoke('settings/set', draft).then((r) => {
            if (!r.ok) return showError(r.error);
            close();
          });
        }}
      >
        <Field label={t('clearCode')} problem={seconds(draft.clearCodeAfterS) ? null : t('periodBad')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={MAX_CLEAR_AFTER_S}
              value={draft.clearCodeAfterS}
              onChange={(e) => setDraft({ ...draft, clearCodeAfterS: Number(e.target.value) })}
            />
          )}
        </Field>
        <Field label={t('clearPassword')} problem={seconds(draft.clearPasswordAfterS) ? null : t('periodBad')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={MAX_CLEAR_AFTER_S}
              value={draft.clearPasswordAfterS}
              onChange={(e) => setDraft({ ...draft, clearPasswordAfterS: Number(e.target.value) })}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.isStartMinimized}
            disabled={!appInfo?.hasTray}
            onChange={(e) => setDraft({ ...draft, isStartMinimized: e.target.checked })}
          />
          {t('startMinimized')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.isCloseToTray}
            disabled={!appInfo?.hasTray}
            onChange={(e) => setDraft({ ...draft, isCloseToTray: e.target.checked })}
          />
          {t('closeToTray')}
        </label>
        {!appInfo?.hasTray && <p className="note">{t('noTray')}</p>}
        <QuickSettings draft={draft} setDraft={setDraft} />
        <Field label={t('language')}>
          {(p) => (
            <select
              {...p}
              value={draft.language}
              onChange={(e) => setDraft({ ...draft, language: e.target.value as Settings['language'] })}
            >
              <option value="system">{t('languageSystem')}</option>
              <option value="en">English</option>
              <option value="de">Deutsch</option>
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="button" onClick={close}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={!isValid}>
            {t('save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
