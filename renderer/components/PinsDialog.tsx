import { useState, type FormEvent } from 'react';
import type { ErrorPayload, Result, TokenInfo } from '../../electron/ipc/contract';
import { invoke } from '../api';
import { errorText, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { Modal } from './Modal';

type Mode = 'admin' | 'user' | 'unlock';

/** Change the admin or user PIN, or unlock the user PIN with the admin PIN. */
export function PinsDialog() {
  const close = useKeyslotStore((s) => s.closeDialog);
  const [mode, setMode] = useState<Mode>('admin');
  return (
    <Modal title={t('pinsTitle')} onClose={close}>
      <div role="tablist" className="tabs small" aria-label={t('pinsTitle')}>
        {(['admin', 'user', 'unlock'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} onClick={() => setMode(m)}>
            {m === 'admin' ? t('changeAdmin') : m === 'user' ? t('changeUser') : t('unlockUser')}
          </button>
        ))}
      </div>
      <PinForm key={mode} mode={mode} onDone={close} />
    </Modal>
  );
}

function PinForm({ mode, onDone }: { mode: Mode; onDone: () => void }) {
  const token = useKeyslotStore((s) => s.token)!;
  const setToken = useKeyslotStore((s) => s.setToken);
  const toast = useKeyslotStore((s) => s.toast);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ErrorPayload | null>(null);
  const min = mode === 'admin' ? 8 : 6;
  const max = token.limits.pin;
  const local =
    next && again && next !== again
      ? t('pinsDiffer')
      : next && (next.length < min || next.length > max)
        ? t('pinLength', { min, max })
        : null;
  const currentLabel = mode === 'user' ? t('pinUser') : t('pinAdmin');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (local || !current || !next || next !== again) return;
    let r: Result<TokenInfo>;
    if (mode === 'unlock') r = await invoke('pin/unlock-user', { adminPin: current, newUserPin: next });
    else r = await invoke('pin/change', { kind: mode, current, next });
    setCurrent('');
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setToken(r.value);
    toast(mode === 'unlock' ? t('userUnlocked') : t('pinChanged'));
    onDone();
  }

  const tries = error?.retriesLeft;
  return (
    <form onSubmit={(e) => void submit(e)}>
      {mode === 'unlock' && <p>{t('unlockUserBody')}</p>}
      {error && (
        <p className="problem" role="alert">
          {errorText(error)}{' '}
          {tries !== undefined && tries > 0 ? (tries === 1 ? t('pinLastTry') : t('pinTriesLeft', { n: tries })) : ''}
        </p>
      )}
      <label htmlFor="pin-current">{`${t('currentPin')} (${currentLabel})`}</label>
      <input
        id="pin-current"
        type="password"
        value={current}
        autoComplete="off"
        onChange={(e) => setCurrent(e.target.value)}
      />
      <label htmlFor="pin-next">{t('newPin')}</label>
      <input id="pin-next" type="password" value={next} autoComplete="off" onChange={(e) => setNext(e.target.value)} />
      <label htmlFor="pin-again">{t('repeatPin')}</label>
      <input
        id="pin-again"
        type="password"
        value={again}
        autoComplete="off"
        aria-describedby="pin-local"
        onChange={(e) => setAgain(e.target.value)}
      />
      <p id="pin-local" className={local ? 'note problem' : 'note'}>
        {local ?? t('pinLength', { min, max })}
      </p>
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
        <button type="submit" className="primary" disabled={!!local || !current || !next || next !== again}>
          {mode === 'unlock' ? t('unlockUser') : t('changePin')}
        </button>
      </div>
    </form>
  );
}
