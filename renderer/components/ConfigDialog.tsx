import { useState } from 'react';
import type { LockKeys } from '../../electron/ipc/contract';
import { showError, withPin } from '../actions';
import { invoke } from '../api';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { LOCK_KEYS, isConfigChanged, lockKeyText, lockKeyValue, parseLockKeyValue } from './config-form';
import { Field } from './Field';
import { Modal } from './Modal';

/** The token's general config: codes need the user PIN; what each lock key types. Admin PIN to save. */
export function ConfigDialog() {
  const token = useKeyslotStore((s) => s.token)!;
  const slots = useKeyslotStore((s) => s.slots);
  const setToken = useKeyslotStore((s) => s.setToken);
  const toast = useKeyslotStore((s) => s.toast);
  const close = useKeyslotStore((s) => s.closeDialog);
  const [isPinRequired, setPinRequired] = useState(token.isUserPinRequiredForCodes);
  const [lockKeys, setLockKeys] = useState<LockKeys>(token.lockKeys);
  const [isBusy, setBusy] = useState(false);
  const draft = { isUserPinRequiredForCodes: isPinRequired, lockKeys };

  async function save() {
    setBusy(true);
    const r = await withPin('admin', (adminPin) => invoke('config/set', adminPin ? { ...draft, adminPin } : draft));
    setBusy(false);
    if (!r) return;
    if (!r.ok) return showError(r.error);
    setToken(r.value);
    toast(t('configSaved'));
    close();
  }

  return (
    <Modal title={t('configTitle')} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="check">
          <input
            type="checkbox"
            checked={isPinRequired}
            aria-describedby="codes-need-pin-hint"
            data-autofocus
            onChange={(e) => setPinRequired(e.target.checked)}
          />
          {t('codesNeedPin')}
        </label>
        <p id="codes-need-pin-hint" className="note">
          {t('codesNeedPinHint')}
        </p>
        <fieldset className="stack">
          <legend>{t('lockKeysLegend')}</legend>
          {LOCK_KEYS.map((key) => (
            <Field key={key} label={t(key)}>
              {(p) => (
                <select
                  {...p}
                  value={lockKeyValue(lockKeys[key])}
                  onChange={(e) => setLockKeys({ ...lockKeys, [key]: parseLockKeyValue(e.target.value) })}
                >
                  {[null, 0, 1, 2].map((i) => (
                    <option key={lockKeyValue(i)} value={lockKeyValue(i)}>
                      {lockKeyText(i, slots)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          <p className="note">{t('lockKeysHint')}</p>
        </fieldset>
        <div className="actions">
          <button type="button" onClick={close}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={isBusy || !isConfigChanged(draft, token)}>
            {t('save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
