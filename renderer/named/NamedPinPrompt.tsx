import { useState } from 'react';
import { Modal } from '../components/Modal';
import { t } from '../i18n';
import { answerNamedPin } from './actions';
import { useNamedStore } from './store';

/** Asks for the Nitrokey 3's PIN: tries left, and the stronger warning before the last. */
export function NamedPinPrompt() {
  const prompt = useNamedStore((s) => s.pinPrompt);
  const [pin, setPin] = useState('');
  if (!prompt) return null;
  const tries = prompt.retriesLeft;
  return (
    <Modal title={t('nk3PinTitle')} onClose={() => answerNamedPin(null)}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!pin) return;
          setPin('');
          answerNamedPin(pin);
        }}
      >
        {prompt.error && (
          <p className="problem" role="alert" data-testid="nk3-pin-error">
            {prompt.error}
          </p>
        )}
        <p>{t('nk3PinPrompt')}</p>
        <label htmlFor="nk3-pin-input">{t('nk3PinTitle')}</label>
        <input
          id="nk3-pin-input"
          type="password"
          value={pin}
          data-autofocus
          autoComplete="off"
          onChange={(e) => setPin(e.target.value)}
        />
        {tries !== null && (
          <p
            className={tries === 1 ? 'warning' : 'note'}
            role={tries === 1 ? 'alert' : undefined}
            data-testid="nk3-tries-left"
          >
            {tries === 1 ? t('nk3LastTry') : t('pinTriesLeft', { n: tries })}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={() => answerNamedPin(null)}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary">
            {t('ok')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
