import { useState } from 'react';
import type { ImportReview } from '../../../electron/ipc/contract';
import { invoke } from '../../api';
import { errorText, t } from '../../i18n';
import { fileHandle, hasFile, NO_FILE } from './file-choice';
import { FileField } from './FileField';
import type { Choice } from './review-form';

/**
 * Before writing: add the accounts to an encrypted backup (password, versioned format), and/or
 * save a printable recovery sheet. The password goes to main once and is cleared here at once.
 */
export function BackupStep({
  review,
  choices,
  onBack,
  onWrite,
}: {
  review: ImportReview;
  choices: Choice[];
  onBack: () => void;
  onWrite: () => void;
}) {
  const indexes = choices.filter((c) => c.isIncluded).map((c) => c.index);
  const [file, setFile] = useState(NO_FILE);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [status, setStatus] = useState<{ text: string; isError: boolean } | null>(null);
  const [sheetFile, setSheetFile] = useState(NO_FILE);
  const [sheetStatus, setSheetStatus] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const differ = again !== '' && password !== again;

  async function addToBackup() {
    setBusy(true);
    const handle = await fileHandle(file, 'backup-save');
    const r = handle.ok ? await invoke('backup/add', { id: review.id, indexes, file: handle.value, password }) : handle;
    setBusy(false);
    setPassword('');
    setAgain('');
    setStatus(
      r.ok
        ? { text: t('backupAdded', { n: r.value.accountCount }), isError: false }
        : { text: errorText(r.error), isError: true },
    );
  }

  async function saveSheet() {
    const handle = await fileHandle(sheetFile, 'sheet-save');
    const r = handle.ok ? await invoke('backup/save-sheet', { id: review.id, indexes, file: handle.value }) : handle;
    setSheetStatus(
      r.ok
        ? { text: t('sheetSaved', { path: r.value.name }), isError: false }
        : { text: errorText(r.error), isError: true },
    );
  }

  const isAdded = status && !status.isError;
  return (
    <>
      <p>{t('backupIntro')}</p>
      <form
        className="stack-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (hasFile(file) && password && password === again) void addToBackup();
        }}
      >
        <h3>{t('backupFile')}</h3>
        <FileField
          label={t('backupPath')}
          hint={t('backupPathHint')}
          purpose="backup-save"
          file={file}
          onFile={setFile}
        />
        <label htmlFor="backup-password">{t('backupPassword')}</label>
        <input
          id="backup-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <label htmlFor="backup-again">{t('backupPasswordAgain')}</label>
        <input
          id="backup-again"
          type="password"
          autoComplete="new-password"
          value={again}
          aria-invalid={differ || undefined}
          onChange={(e) => setAgain(e.target.value)}
        />
        {differ && <p className="problem">{t('passwordsDiffer')}</p>}
        {status && (
          <p
            className={status.isError ? 'problem' : 'ok'}
            role={status.isError ? 'alert' : 'status'}
            data-testid="backup-status"
          >
            {status.text}
          </p>
        )}
        <div className="actions start">
          <button type="submit" disabled={isBusy || !hasFile(file) || !password || password !== again}>
            {t('addToBackup')}
          </button>
        </div>
      </form>
      <details className="sheet">
        <summary>{t('sheetTitle')}</summary>
        <p className="note">{t('sheetIntro')}</p>
        <FileField
          label={t('sheetPath')}
          purpose="sheet-save"
          suggestedName="keyslot-recovery-sheet.html"
          file={sheetFile}
          onFile={setSheetFile}
        />
        {sheetStatus && (
          <p className={sheetStatus.isError ? 'problem' : 'ok'} role={sheetStatus.isError ? 'alert' : 'status'}>
            {sheetStatus.text}
          </p>
        )}
        <div className="actions start">
          <button type="button" disabled={!hasFile(sheetFile)} onClick={() => void saveSheet()}>
            {t('saveSheet')}
          </button>
        </div>
      </details>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <button type="button" className="primary" disabled={isBusy} onClick={onWrite}>
          {isAdded ? t('writeToToken') : t('skipBackup')}
        </button>
      </div>
    </>
  );
}
