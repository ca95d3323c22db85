import { useId } from 'react';
import type { CredentialBackupRequest, Result } from '../../electron/ipc/contract';
import { fileHandle, hasFile, NO_FILE, type FileChoice } from '../components/import/file-choice';
import { FileField } from '../components/import/FileField';
import { t } from '../i18n';

/** The add dialog's backup step, as the import's BackupStep offers it: a backup file and its password, twice. */
export interface BackupChoice {
  file: FileChoice;
  password: string;
  again: string;
}

export const NO_BACKUP: BackupChoice = { file: NO_FILE, password: '', again: '' };

/** True when no backup was asked for, or when its password is given and repeated alike. */
export const isBackupReady = (b: BackupChoice): boolean =>
  !hasFile(b.file) || (b.password !== '' && b.password === b.again);

/** What 'credential/write' takes for the backup (undefined without a file); main opens it before writing. */
export async function backupRequest(b: BackupChoice): Promise<Result<CredentialBackupRequest | undefined>> {
  if (!hasFile(b.file)) return { ok: true, value: undefined };
  const handle = await fileHandle(b.file, 'backup-save');
  return handle.ok ? { ok: true, value: { file: handle.value, password: b.password } } : handle;
}

/** The fields; the passwords are cleared by the dialog once the request went to main. */
export function CredentialBackupFields({
  value,
  onChange,
}: {
  value: BackupChoice;
  onChange: (b: BackupChoice) => void;
}) {
  const id = useId();
  const differ = value.again !== '' && value.password !== value.again;
  return (
    <fieldset className="stack-form">
      <legend>{t('backupTitle')}</legend>
      <p className="note">{t('backupIntro')}</p>
      <FileField
        label={t('backupPath')}
        hint={t('backupPathHint')}
        purpose="backup-save"
        file={value.file}
        onFile={(file) => onChange({ ...value, file })}
      />
      {hasFile(value.file) && (
        <>
          <label htmlFor={`${id}-password`}>{t('backupPassword')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={value.password}
            onChange={(e) => onChange({ ...value, password: e.target.value })}
          />
          <label htmlFor={`${id}-again`}>{t('backupPasswordAgain')}</label>
          <input
            id={`${id}-again`}
            type="password"
            autoComplete="new-password"
            value={value.again}
            aria-invalid={differ || undefined}
            onChange={(e) => onChange({ ...value, again: e.target.value })}
          />
          {differ && <p className="problem">{t('passwordsDiffer')}</p>}
        </>
      )}
    </fieldset>
  );
}
