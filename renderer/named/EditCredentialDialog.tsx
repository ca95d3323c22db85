import { useState } from 'react';
import { invoke } from '../api';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { errorText, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { refreshNamed, withNamedPin } from './actions';
import { useNamedStore } from './store';

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * Changes a named token's credential in place: its name and touch flag, as the token's `caps.editable`
 * allows. The secret, algorithm and PIN protection cannot change (the firmware keeps them); the dialog says so.
 */
export function EditCredentialDialog({ name }: { name: string }) {
  const info = useNamedStore((s) => s.info);
  const credentials = useNamedStore((s) => s.credentials);
  const set = useNamedStore((s) => s.set);
  const toast = useKeyslotStore((s) => s.toast);
  const c = credentials.find((x) => x.name === name);
  const [next, setNext] = useState(name);
  const [isTouch, setTouch] = useState(c?.isTouchRequired ?? false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!info || !c) return null;
  const editable = info.caps.editable;
  const max = info.caps.maxNameBytes;
  const tooLong = utf8Bytes(next) > max ? t('credentialNameTooLong', { bytes: utf8Bytes(next), max }) : null;
  const close = () => set({ dialog: null });
  const save = async () => {
    if (tooLong || !next) return;
    const changes = {
      ...(next !== name ? { name: next } : {}),
      ...(editable.includes('touch') && isTouch !== c.isTouchRequired ? { isTouchRequired: isTouch } : {}),
    };
    if (Object.keys(changes).length === 0) return close();
    const r = await withNamedPin(c.isPinProtected, (pin) =>
      invoke('credential/update', { token: info.id, name, changes, ...(pin !== undefined ? { pin } : {}) }),
    );
    if (!r) return;
    if (!r.ok) return setProblem(errorText(r.error));
    set({ credentials: r.value, dialog: null });
    toast(t('credentialSaved', { name: next }));
    void refreshNamed();
  };
  return (
    <Modal title={t('editCredentialTitle', { name })} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p>{t('editCredentialBody')}</p>
        <Field label={t('credentialName')} hint={t('credentialNameHint', { max })} problem={tooLong}>
          {(p) => (
            <input {...p} value={next} data-autofocus autoComplete="off" onChange={(e) => setNext(e.target.value)} />
          )}
        </Field>
        {editable.includes('touch') && (
          <label className="check">
            <input type="checkbox" checked={isTouch} onChange={(e) => setTouch(e.target.checked)} /> {t('touchField')}
          </label>
        )}
        {info.caps.touch && <p className="note">{t('editNeedsTouch')}</p>}
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={close}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary">
            {t('save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
