import { useEffect, useState } from 'react';
import { erasePws, showError } from '../actions';
import { invoke } from '../api';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { randomPassword, utf8Bytes } from '../validation';
import { Field } from './Field';
import { Modal } from './Modal';

/** Adds or edits a password-safe entry, with byte counters and a password generator. */
export function PwsDialog({ index }: { index: number | null }) {
  const token = useKeyslotStore((s) => s.token)!;
  const pws = useKeyslotStore((s) => s.pws);
  const setPws = useKeyslotStore((s) => s.setPws);
  const close = useKeyslotStore((s) => s.closeDialog);
  const [name, setName] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [isShown, setShown] = useState(false);
  const [isConfirmingErase, setConfirmingErase] = useState(false);
  const limits = token.limits;
  const target =
    index ??
    Array.from({ length: pws.capacity }, (_, i) => i).find((i) => !pws.entries.some((e) => e.index === i)) ??
    0;
  useEffect(() => {
    if (index === null) return;
    void invoke('pws/read', { index }).then((r) => {
      if (r.ok) {
        setName(r.value.name);
        setLogin(r.value.login);
      }
    });
  }, [index]);
  const over = (text: string, max: number) =>
    utf8Bytes(text) > max ? t('bytesOf', { n: utf8Bytes(text), max }) : null;
  const problems = {
    name: name ? over(name, limits.pwsName) : t('nameEmpty'),
    login: over(login, limits.pwsLogin),
    password: over(password, limits.pwsPassword),
  };
  const isValid = !problems.name && !problems.login && !problems.password && (index !== null || password.length > 0);
  const entryName = pws.entries.find((e) => e.index === index)?.name ?? '';

  if (isConfirmingErase && index !== null) {
    return (
      <Modal
        title={t('pwsEraseTitle', { name: entryName })}
        onClose={() => setConfirmingErase(false)}
        role="alertdialog"
      >
        <p>{t('pwsEraseBody')}</p>
        <div className="actions">
          <button type="button" data-autofocus onClick={() => setConfirmingErase(false)}>
            {t('cancel')}
          </button>
          <button type="button" className="danger" onClick={() => void erasePws(index).then(close)}>
            {t('erase')}
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal title={index === null ? t('pwsDialogAdd') : t('pwsDialogEdit', { name: entryName })} onClose={close}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!isValid) return;
          void invoke('pws/write', { index: target, name, login, ...(password ? { password } : {}) }).then((r) => {
            setPassword('');
            if (!r.ok) return showError(r.error);
            setPws(r.value);
            close();
          });
        }}
      >
        <Field
          label={t('name')}
          problem={name ? problems.name : null}
          hint={t('bytesOf', { n: utf8Bytes(name), max: limits.pwsName })}
        >
          {(p) => <input {...p} value={name} data-autofocus onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field
          label={t('login')}
          problem={problems.login}
          hint={t('bytesOf', { n: utf8Bytes(login), max: limits.pwsLogin })}
        >
          {(p) => <input {...p} value={login} autoComplete="off" onChange={(e) => setLogin(e.target.value)} />}
        </Field>
        <Field
          label={t('password')}
          problem={problems.password}
          hint={`${t('bytesOf', { n: utf8Bytes(password), max: limits.pwsPassword })}${index !== null ? ` · ${t('passwordKeep')}` : ''}`}
        >
          {(p) => (
            <div className="row">
              <input
                {...p}
                type={isShown ? 'text' : 'password'}
                value={password}
                autoComplete="new-password"
                onChange={(e) => setPassword(e.target.value)}
              />
              <button type="button" aria-pressed={isShown} onClick={() => setShown(!isShown)}>
                {isShown ? t('hide') : t('show')}
              </button>
              <button type="button" onClick={() => setPassword(randomPassword(limits.pwsPassword))}>
                {t('generate')}
              </button>
            </div>
          )}
        </Field>
        <div className="actions">
          {index !== null && (
            <button type="button" className="danger" onClick={() => setConfirmingErase(true)}>
              {t('erase')}
            </button>
          )}
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
