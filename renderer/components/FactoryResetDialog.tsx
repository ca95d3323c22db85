import { useState } from 'react';
import { FACTORY_PINS, FACTORY_RESET_WORD } from '../../shared/constants';
import { refreshPws, refreshSlots } from '../actions';
import { invoke } from '../api';
import { errorText, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { Modal } from './Modal';

/** Factory reset behind a typed confirmation, with what it destroys spelled out. */
export function FactoryResetDialog() {
  const close = useKeyslotStore((s) => s.closeDialog);
  const setToken = useKeyslotStore((s) => s.setToken);
  const toast = useKeyslotStore((s) => s.toast);
  const [pin, setPin] = useState('');
  const [word, setWord] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isReady = word === FACTORY_RESET_WORD && pin.length > 0;
  return (
    <Modal title={t('resetTitle')} onClose={close} role="alertdialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!isReady) return;
          void invoke('token/factory-reset', { adminPin: pin, confirmation: word }).then(async (r) => {
            setPin('');
            if (!r.ok) return setError(errorText(r.error, { withTries: true }));
            setToken(r.value);
            await Promise.all([refreshSlots(), refreshPws()]);
            toast(t('resetDone'));
            close();
          });
        }}
      >
        <p className="warning">{t('resetBody', { adminPin: FACTORY_PINS.admin, userPin: FACTORY_PINS.user })}</p>
        {error && (
          <p className="problem" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="reset-pin">{t('pinAdmin')}</label>
        <input id="reset-pin" type="password" value={pin} autoComplete="off" onChange={(e) => setPin(e.target.value)} />
        <label htmlFor="reset-word">{t('resetType', { word: FACTORY_RESET_WORD })}</label>
        <input
          id="reset-word"
          value={word}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setWord(e.target.value)}
        />
        <div className="actions">
          <button type="button" data-autofocus onClick={close}>
            {t('cancel')}
          </button>
          <button type="submit" className="danger" disabled={!isReady}>
            {t('resetDo')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
