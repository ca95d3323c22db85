import { useState } from 'react';
import type { MoveReport, MoveReviewItem } from '../../electron/ipc/contract';
import { invoke } from '../api';
import { Field } from '../components/Field';
import { fileHandle, hasFile, NO_FILE } from '../components/import/file-choice';
import { FileField } from '../components/import/FileField';
import { Modal } from '../components/Modal';
import { errorText, t, type MessageKey } from '../i18n';
import { refreshNamed } from './actions';
import { useNamedStore } from './store';
import { tokenName } from './TokenSwitcher';

/** One review line: what, where to, or why not, and notes. */
function ReviewLine({ item }: { item: MoveReviewItem }) {
  const why = item.problem ? t(`move-${item.problem}` as MessageKey, { limit: item.limit ?? '' }) : null;
  const notes = item.notes.map((n) => t(`note-${n}` as MessageKey)).join('; ');
  return (
    <li data-testid={item.problem ? 'move-refusal' : 'move-item'}>
      <strong>{item.name}</strong> ({item.what === 'otp' ? item.kind.toUpperCase() : t('flagPassword')})
      {item.to && <> {t('moveTo', { to: item.to })}</>}
      {why && <> — {why}</>}
      {notes && <span className="note"> ({notes})</span>}
    </li>
  );
}

/**
 * Move every account from one plugged-in token to another: choose source and destination (any kinds), give
 * the keyslot backup that holds the source's secrets, review what moves and what cannot (with why), then
 * an encrypted backup of what moves is written first and each account is written and verified. With the
 * backup file alone as the source (value ''), a restore onto the destination: the new backup is optional.
 */
export function MoveWizard() {
  const tokens = useNamedStore((s) => s.tokens);
  const set = useNamedStore((s) => s.set);
  const review = useNamedStore((s) => s.review);
  const [source, setSource] = useState(tokens.find((e) => e.isPrimary)?.id ?? tokens[0]?.id ?? '');
  const [destination, setDestination] = useState(tokens.find((e) => e.id !== source)?.id ?? '');
  const [backupFile, setBackupFile] = useState(NO_FILE);
  const [backupPassword, setBackupPassword] = useState('');
  const [sourcePin, setSourcePin] = useState('');
  const [outFile, setOutFile] = useState(NO_FILE);
  const [outPassword, setOutPassword] = useState('');
  const [destinationPin, setDestinationPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<MoveReport | null>(null);
  const [isBusy, setBusy] = useState(false);
  const close = () => set({ dialog: null, review: null });

  const plan = async () => {
    if (source === destination) return setProblem(t('moveSameToken'));
    if (!source && !(hasFile(backupFile) && backupPassword)) return setProblem(t('moveRestoreNeedsBackup'));
    setBusy(true);
    // Files go to main by the handle its dialog (or the web host's stand-in) handed out, never by path.
    const handle = hasFile(backupFile) && backupPassword ? await fileHandle(backupFile, 'backup-open') : null;
    const r =
      handle && !handle.ok
        ? handle
        : await invoke('move/plan', {
            ...(source ? { source } : {}),
            destination,
            ...(handle ? { backup: { file: handle.value, password: backupPassword } } : {}),
            ...(sourcePin ? { sourcePin } : {}),
          });
    setBusy(false);
    if (!r.ok) return setProblem(errorText(r.error, { withTries: true }));
    setProblem(null);
    set({ review: r.value });
  };
  const run = async () => {
    const hasOut = hasFile(outFile) && outPassword !== '';
    if (!review || (source && !hasOut)) return;
    setBusy(true);
    const handle = hasOut ? await fileHandle(outFile, 'backup-save') : null;
    const r =
      handle && !handle.ok
        ? handle
        : await invoke('move/run', {
            id: review.id,
            ...(handle ? { backupFile: handle.value, backupPassword: outPassword } : {}),
            ...(destinationPin ? { destinationPin } : {}),
          });
    setBusy(false);
    if (!r.ok) return setProblem(errorText(r.error, { withTries: true }));
    setProblem(null);
    setReport(r.value);
    void refreshNamed();
  };
  const options = tokens.map((e) => (
    <option key={e.id} value={e.id}>
      {tokenName(e)}
    </option>
  ));
  const text =
    (value: string, onChange: (v: string) => void, type = 'text') =>
    (p: object) => (
      <input {...p} type={type} value={value} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
    );
  return (
    <Modal title={t('moveTitle')} onClose={close} isWide>
      {!review && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void plan();
          }}
        >
          <p>{t('moveIntro')}</p>
          <Field label={t('moveSource')}>
            {(p) => (
              <select {...p} value={source} onChange={(e) => setSource(e.target.value)}>
                {options}
                <option value="">{t('moveSourceBackupOnly')}</option>
              </select>
            )}
          </Field>
          <Field label={t('moveDestination')}>
            {(p) => (
              <select {...p} value={destination} onChange={(e) => setDestination(e.target.value)}>
                {options}
              </select>
            )}
          </Field>
          <FileField
            label={t('moveBackup')}
            hint={hasFile(backupFile) ? undefined : t('moveNoBackup')}
            purpose="backup-open"
            file={backupFile}
            onFile={setBackupFile}
          />
          <Field label={t('moveBackupPassword')}>{text(backupPassword, setBackupPassword, 'password')}</Field>
          <Field label={t('moveSourcePin')}>{text(sourcePin, setSourcePin, 'password')}</Field>
          {problem && (
            <p className="problem" role="alert">
              {problem}
            </p>
          )}
          <div className="buttons">
            <button type="button" onClick={close}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={isBusy}>
              {t('movePlan')}
            </button>
          </div>
        </form>
      )}
      {review && !report && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <h3>{t('moveReviewTitle')}</h3>
          <p>{t('moveWillMove', { n: review.moves.length })}</p>
          <ul className="move-list">
            {review.moves.map((m) => (
              <ReviewLine key={`${m.what}/${m.name}`} item={m} />
            ))}
          </ul>
          {review.refusals.length > 0 && (
            <>
              <p>{t('moveCannot', { n: review.refusals.length })}</p>
              <ul className="move-list">
                {review.refusals.map((m) => (
                  <ReviewLine key={`${m.what}/${m.name}`} item={m} />
                ))}
              </ul>
            </>
          )}
          {!review.hasBackup && <p className="warning">{t('moveNoBackup')}</p>}
          <FileField
            label={t('moveNewBackup')}
            purpose="backup-save"
            suggestedName="keyslot-moved.keyslot-backup"
            file={outFile}
            onFile={setOutFile}
          />
          <Field label={t('moveNewBackupPassword')}>{text(outPassword, setOutPassword, 'password')}</Field>
          <Field label={t('moveDestinationPin')}>{text(destinationPin, setDestinationPin, 'password')}</Field>
          {problem && (
            <p className="problem" role="alert">
              {problem}
            </p>
          )}
          <div className="buttons">
            <button type="button" onClick={() => set({ review: null })}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={isBusy || review.moves.length === 0}>
              {t('moveRun')}
            </button>
          </div>
        </form>
      )}
      {report && (
        <div role="status">
          <p data-testid="move-done">
            {t('moveDone', { ok: report.results.filter((x) => x.isVerified).length, n: report.results.length })}
          </p>
          {report.backupName && <p className="note">{t('moveBackupWritten', { path: report.backupName })}</p>}
          <ul className="move-list">
            {report.results.map((x) => (
              <li key={`${x.what}/${x.name}`} data-testid="move-result">
                <strong>{x.name}</strong>: {x.isVerified ? t('moveVerified') : t('moveFailed')}
              </li>
            ))}
          </ul>
          <div className="buttons">
            <button type="button" className="primary" onClick={close}>
              {t('done')}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
