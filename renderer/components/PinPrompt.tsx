import { useState } from 'react';
import { answerPin } from '../actions';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { Modal } from './Modal';

/** Asks for a PIN: masked with a show toggle, tries left, a stronger warning on the last try. */
export function PinPrompt() {
  const prompt = useKeyslotStore((s) => s.pinPrompt);
  if (!prompt) return null;
  return <PinPromptBody key={`${prompt.kind}-${prompt.retriesLeft}-${prompt.error}`} />;
}

function PinPromptBody() {
  const prompt = useKeyslotStore((s) => s.pinPrompt)!;
  const [pin, setPin] = useState('');
  const [isShown, setShown] = useState(false);
  const isLocked = prompt.retriesLeft === 0;
  const label = prompt.kind === 'admin' ? t('pinAdmin') : t('pinUser');
  const lastTry = prompt.kind === 'admin' ? t('pinLastTryAdmin') : t('pinLastTry');
  return (
    <Modal title={label} onClose={() => answerPin(null)}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (pin) answerPin(pin);
        }}
      >
        {prompt.error && (
          <p className="problem" role="alert">
            {prompt.error}
          </p>
        )}
        {!isLocked && (
          <>
            <p>{prompt.kind === 'admin' ? t('pinPromptAdmin') : t('pinPromptUser')}</p>
            <label htmlFor="pin-input">{label}</label>
            <div className="row">
              <input
                id="pin-input"
                type={isShown ? 'text' : 'password'}
                value={pin}
                data-autofocus
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setPin(e.target.value)}
              />
              <button type="button" aria-pressed={isShown} onClick={() => setShown(!isShown)}>
                {isShown ? t('hide') : t('show')}
              </button>
            </div>
            <p
              className={prompt.retriesLeft === 1 ? 'warning' : 'note'}
              role={prompt.retriesLeft === 1 ? 'alert' : undefined}
              data-testid="tries-left"
            >
              {prompt.retriesLeft === 1 ? lastTry : t('pinTriesLeft', { n: prompt.retriesLeft })}
            </p>
          </>
        )}
        <div className="actions">
          <button type="button" onClick={() => answerPin(null)}>
            {isLocked ? t('close') : t('cancel')}
          </button>
          {!isLocked && (
            <button type="submit" className="primary" disabled={!pin}>
              {t('ok')}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
