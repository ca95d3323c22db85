import { lockToken, setTokenTime } from '../actions';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { LOCK_KEYS, lockKeyText } from './config-form';

const MODEL_NAMES = { pro: 'Nitrokey Pro', storage: 'Nitrokey Storage', librem: 'Librem Key' } as const;

/** Model, serial, firmware, PIN tries left, time status; Lock, PINs, factory reset. */
export function TokenPanel() {
  const token = useKeyslotStore((s) => s.token);
  const openDialog = useKeyslotStore((s) => s.openDialog);
  const defaultPin = useKeyslotStore((s) => s.defaultPin);
  const setDefaultPin = useKeyslotStore((s) => s.setDefaultPin);
  const slots = useKeyslotStore((s) => s.slots);
  if (!token) return null;
  const tries = (n: number) => <span className={n <= 1 ? 'tries low' : 'tries'}>{n}</span>;
  const time = { 'in-sync': t('timeInSync'), 'out-of-sync': t('timeOutOfSync'), unknown: t('timeUnknown') }[token.time];
  return (
    <section className="panel token-panel" aria-label={MODEL_NAMES[token.model]}>
      <h2>
        {MODEL_NAMES[token.model]}
        {token.isVirtual && <span className="badge virtual">{t('virtual')}</span>}
      </h2>
      {token.isVirtual && <p className="note">{t('virtualNote')}</p>}
      <dl>
        <dt>{t('serial')}</dt>
        <dd>{token.serial}</dd>
        <dt>{t('firmware')}</dt>
        <dd>{token.firmware}</dd>
        <dt>{t('adminTries')}</dt>
        <dd data-testid="admin-tries">{tries(token.adminRetries)}</dd>
        <dt>{t('userTries')}</dt>
        <dd data-testid="user-tries">{tries(token.userRetries)}</dd>
        <dt>{t('time')}</dt>
        <dd>{time}</dd>
        <dt>{t('codesNeedPin')}</dt>
        <dd data-testid="codes-need-pin">{token.isUserPinRequiredForCodes ? t('on') : t('off')}</dd>
        {LOCK_KEYS.map((key) => (
          <LockKeyRow key={key} label={t(key)} text={lockKeyText(token.lockKeys[key], slots)} />
        ))}
      </dl>
      <div className="actions">
        <button type="button" onClick={() => void lockToken()}>
          {t('lock')}
        </button>
        <button type="button" onClick={() => openDialog({ type: 'pins' })}>
          {t('pins')}
        </button>
        <button type="button" onClick={() => openDialog({ type: 'config' })}>
          {t('config')}
        </button>
        <button type="button" onClick={() => openDialog({ type: 'restore' })}>
          {t('restore')}
        </button>
        <button type="button" className="danger" onClick={() => openDialog({ type: 'factory-reset' })}>
          {t('factoryReset')}
        </button>
      </div>
      {token.time === 'out-of-sync' && (
        <div className="banner" role="region" aria-label={t('timeTitle')}>
          <h3>{t('timeTitle')}</h3>
          <p>{t('timeBody')}</p>
          <button type="button" className="primary" onClick={() => void setTokenTime()}>
            {t('timeSet')}
          </button>
        </div>
      )}
      {defaultPin && (
        <div
          className="banner warn"
          role="region"
          aria-label={t('defaultPinTitle', { kind: defaultPin === 'admin' ? t('pinAdmin') : t('pinUser') })}
        >
          <h3>{t('defaultPinTitle', { kind: defaultPin === 'admin' ? t('pinAdmin') : t('pinUser') })}</h3>
          <p>{t('defaultPinBody')}</p>
          <div className="actions">
            <button type="button" onClick={() => setDefaultPin(null)}>
              {t('later')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setDefaultPin(null);
                openDialog({ type: 'pins' });
              }}
            >
              {t('changePin')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function LockKeyRow({ label, text }: { label: string; text: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </>
  );
}
