import { copyPws, initPws, unlockPws } from '../actions';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';

/** The password safe: unlock, list, add/edit/erase, copy login or password. */
export function PasswordSafe() {
  const pws = useKeyslotStore((s) => s.pws);
  const openDialog = useKeyslotStore((s) => s.openDialog);
  if (!pws.isUnlocked) {
    return (
      <section className="panel" aria-labelledby="pws-heading">
        <h2 id="pws-heading">{t('tabPws')}</h2>
        {pws.hasKey ? (
          <>
            <p>{t('pwsLocked')}</p>
            <button type="button" className="primary" onClick={() => void unlockPws()}>
              {t('pwsUnlock')}
            </button>
          </>
        ) : (
          <>
            <p>{t('pwsNoKey')}</p>
            <p className="note">{t('pwsNoKeyBody')}</p>
            <button type="button" className="primary" onClick={() => void initPws()}>
              {t('pwsInit')}
            </button>
          </>
        )}
      </section>
    );
  }
  const isFull = pws.entries.length >= pws.capacity;
  return (
    <section className="panel" aria-labelledby="pws-heading">
      <div className="toolbar">
        <h2 id="pws-heading">{t('tabPws')}</h2>
        <button
          type="button"
          className="primary"
          disabled={isFull}
          onClick={() => openDialog({ type: 'pws-entry', index: null })}
        >
          {t('pwsAdd')}
        </button>
      </div>
      {isFull && <p className="note">{t('pwsFull', { n: pws.capacity })}</p>}
      {pws.entries.length === 0 && <p className="empty">{t('pwsEmpty')}</p>}
      <ul className="slots">
        {pws.entries.map((e) => (
          <li key={e.index} className="slot" data-testid="pws-row">
            <span className="slot-name grow">{e.name}</span>
            <button
              type="button"
              aria-label={`${t('pwsCopyLogin')}: ${e.name}`}
              onClick={() => void copyPws(e.index, 'login')}
            >
              {t('pwsCopyLogin')}
            </button>
            <button
              type="button"
              className="primary"
              aria-label={`${t('pwsCopyPassword')}: ${e.name}`}
              onClick={() => void copyPws(e.index, 'password')}
            >
              {t('pwsCopyPassword')}
            </button>
            <button
              type="button"
              aria-label={`${t('edit')}: ${e.name}`}
              onClick={() => openDialog({ type: 'pws-entry', index: e.index })}
            >
              {t('edit')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
