import { useState } from 'react';
import { invoke } from '../api';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { errorText, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { refreshNamed, withNamedPin } from './actions';
import { CredentialDialog } from './CredentialDialog';
import { EditCredentialDialog } from './EditCredentialDialog';
import { MoveWizard } from './MoveWizard';
import { NamedPinPrompt } from './NamedPinPrompt';
import { useNamedStore } from './store';

/** This store's open dialog and its PIN prompt. */
export function NamedDialogs() {
  const dialog = useNamedStore((s) => s.dialog);
  return (
    <>
      {dialog?.type === 'credential' && <CredentialDialog />}
      {dialog?.type === 'edit' && <EditCredentialDialog name={dialog.name} />}
      {dialog?.type === 'erase' && <EraseCredentialDialog name={dialog.name} />}
      {dialog?.type === 'pin' && <NamedPinDialog isChange={dialog.isChange} />}
      {dialog?.type === 'move' && <MoveWizard />}
      <NamedPinPrompt />
    </>
  );
}

/** Sets the first PIN, or changes it (the current one is asked in the form, its tries shown after a refusal). */
function NamedPinDialog({ isChange }: { isChange: boolean }) {
  const info = useNamedStore((s) => s.info);
  const set = useNamedStore((s) => s.set);
  const toast = useKeyslotStore((s) => s.toast);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!info) return null;
  const close = () => set({ dialog: null });
  const save = async () => {
    if (!next || next !== again) return setProblem(t('nk3PinMismatch'));
    const r = await invoke('named/set-pin', { token: info.id, next, ...(isChange ? { current } : {}) });
    void refreshNamed();
    if (!r.ok) return setProblem(errorText(r.error, { withTries: true }));
    toast(isChange ? t('nk3PinChanged') : t('nk3PinSet'));
    close();
  };
  return (
    <Modal title={isChange ? t('nk3PinChangeTitle') : t('nk3PinSetTitle')} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {isChange && (
          <Field label={t('nk3PinCurrent')}>
            {(p) => <input {...p} type="password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
          </Field>
        )}
        <Field label={t('nk3PinNew')}>
          {(p) => <input {...p} type="password" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <Field label={t('nk3PinRepeat')}>
          {(p) => <input {...p} type="password" value={again} onChange={(e) => setAgain(e.target.value)} />}
        </Field>
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

function EraseCredentialDialog({ name }: { name: string }) {
  const info = useNamedStore((s) => s.info);
  const credentials = useNamedStore((s) => s.credentials);
  const set = useNamedStore((s) => s.set);
  const [problem, setProblem] = useState<string | null>(null);
  if (!info) return null;
  const c = credentials.find((x) => x.name === name);
  const close = () => set({ dialog: null });
  const erase = async () => {
    const r = await withNamedPin(!!c?.isPinProtected, (pin) =>
      invoke('credential/erase', { token: info.id, name, ...(pin !== undefined ? { pin } : {}) }),
    );
    if (!r) return;
    if (!r.ok) return setProblem(errorText(r.error));
    set({ credentials: r.value, dialog: null });
    void refreshNamed();
  };
  return (
    <Modal title={t('eraseCredentialTitle', { name })} onClose={close} role="alertdialog">
      <p>{t('eraseCredentialBody')}</p>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="buttons">
        <button type="button" onClick={close}>
          {t('cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void erase()}>
          {t('erase')}
        </button>
      </div>
    </Modal>
  );
}
