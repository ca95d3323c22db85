import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { invoke } from '../api';
import { t } from '../i18n';
import { useNamedStore } from './store';

/**
 * "Touch your Nitrokey 3" over the action that asked, with the seconds left until the token gives up.
 * Shown while main says the token waits (touch/needed … touch/ended), as a modal dialog of its own so it
 * lies above the action's own dialog (the top layer) and is read out; the action's dialog stays as it is.
 */
export function TouchOverlay() {
  const touch = useNamedStore((s) => s.touch);
  return touch ? <TouchPrompt /> : null;
}

function TouchPrompt() {
  const touch = useNamedStore((s) => s.touch)!;
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((touch.untilMs - now) / 1000));
  const forName = touch.name ? t('touchForName', { name: touch.name }) : '';
  return (
    <dialog
      ref={ref}
      className="touch-card"
      aria-labelledby="touch-title"
      data-testid="touch-overlay"
      onCancel={(e) => e.preventDefault()}
    >
      <div role="status" aria-live="assertive">
        <h2 id="touch-title" className="touch-title">
          {t('touchTitle')}
        </h2>
        <p>{touch.isCertain ? t('touchBody', { forName }) : t('touchMaybe')}</p>
        <p className="touch-seconds" data-testid="touch-seconds">
          {t('touchSecondsLeft', { n: left })}
        </p>
      </div>
      <div className="buttons">
        <button type="button" onClick={() => void invoke('named/cancel-touch', { token: touch.token })}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
