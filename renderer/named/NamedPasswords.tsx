import { t } from '../i18n';
import { copyField } from './actions';
import { useNamedStore } from './store';

/** The password tab of a named token: credentials carrying login, password or comment, with copy buttons. */
export function NamedPasswords() {
  const all = useNamedStore((s) => s.credentials);
  const withFields = all.filter((c) => c.hasPwsData || c.kind === 'password');
  if (withFields.length === 0) return <p className="empty">{t('noPasswords')}</p>;
  return (
    <ul className="credential-list" aria-label={t('passwordsTitle')}>
      {withFields.map((c) => (
        <li key={c.name} className="credential-row" data-testid="password-row">
          <span className="credential-name">{c.name}</span>
          <div className="actions">
            <button type="button" onClick={() => void copyField(c, 'login')}>
              {t('copyLoginOf', { name: c.name })}
            </button>
            <button type="button" onClick={() => void copyField(c, 'password')}>
              {t('copyPasswordOf', { name: c.name })}
            </button>
            <button type="button" onClick={() => void copyField(c, 'comment')}>
              {t('copyCommentOf', { name: c.name })}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
