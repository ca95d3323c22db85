import { useEffect, useRef, useState } from 'react';
import type { ImportReview, ImportWritten } from '../../../electron/ipc/contract';
import { showError } from '../../actions';
import { invoke } from '../../api';
import { errorText, t } from '../../i18n';
import { discardImport, writeChoices } from '../../import-actions';
import { useKeyslotStore } from '../../store';
import { Modal } from '../Modal';
import { slotLabel } from '../SlotList';
import { DoneStep } from './DoneStep';
import { fileHandle, hasFile, NO_FILE } from './file-choice';
import { FileField } from './FileField';
import { initialChoices, type Choice } from './review-form';
import { ReviewStep } from './ReviewStep';

/** Restore: open a backup with its password → review all its accounts → write them all → checked. */
export function RestoreDialog() {
  const close = useKeyslotStore((s) => s.closeDialog);
  const slots = useKeyslotStore((s) => s.slots);
  const [file, setFile] = useState(NO_FILE);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<ImportReview | null>(null);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [written, setWritten] = useState<ImportWritten | null>(null);
  const [isBusy, setBusy] = useState(false);
  const reviewId = useRef<string | null>(null);
  useEffect(() => () => void (reviewId.current && discardImport(reviewId.current)), []);

  async function open() {
    setBusy(true);
    const handle = await fileHandle(file, 'backup-open');
    const r = handle.ok ? await invoke('backup/open', { file: handle.value, password }) : handle;
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(errorText(r.error));
    reviewId.current = r.value.id;
    setReview(r.value);
    setChoices(initialChoices(r.value));
  }

  async function write() {
    if (!review) return;
    setBusy(true);
    const r = await writeChoices(review, choices, slots);
    setBusy(false);
    if (!r) return;
    if (!r.ok) return showError(r.error);
    setWritten(r.value);
  }

  if (written) {
    return (
      <Modal
        title={written.failure || written.results.some((r) => !r.check.ok) ? t('doneTitleFailed') : t('doneTitleMany')}
        onClose={close}
      >
        <DoneStep written={written} onClose={close} />
      </Modal>
    );
  }
  if (review) {
    const date = new Date(review.backup?.updatedAt ?? '').toLocaleString();
    const present = review.alreadyOnToken ?? [];
    const isAllPresent = present.length > 0 && present.length === review.items.length;
    return (
      <Modal title={t('restoreReview', { date, n: review.items.length })} onClose={close} isWide>
        {present.length > 0 && (
          <section aria-labelledby="present-heading" data-testid="already-on-token">
            <h3 id="present-heading">{t('alreadyOnTokenTitle', { n: present.length })}</h3>
            <ul>
              {present.map((a) => (
                <li key={a.index}>
                  <strong>{a.label}</strong>: {t('alreadyOnTokenItem', { slot: slotLabel(a.slot), name: a.name })}
                </li>
              ))}
            </ul>
          </section>
        )}
        {isAllPresent ? (
          <>
            <p data-testid="all-on-token">{t('allOnToken')}</p>
            <div className="actions">
              <button type="button" className="primary" onClick={close}>
                {t('close')}
              </button>
            </div>
          </>
        ) : (
          <ReviewStep
            review={review}
            choices={choices}
            onChoices={setChoices}
            onBack={close}
            onNext={() => void write()}
            nextLabel={isBusy ? t('writing') : t('restoreAll')}
          />
        )}
      </Modal>
    );
  }
  return (
    <Modal title={t('restoreTitle')} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (hasFile(file) && password) void open();
        }}
      >
        <p>{t('restoreIntro')}</p>
        {error && (
          <p className="problem" role="alert" data-testid="restore-error">
            {error}
          </p>
        )}
        <FileField label={t('backupPath')} purpose="backup-open" file={file} onFile={setFile} />
        <label htmlFor="restore-password">{t('backupPassword')}</label>
        <input
          id="restore-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="actions">
          <button type="button" onClick={close}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={isBusy || !hasFile(file) || !password}>
            {t('restoreOpen')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
