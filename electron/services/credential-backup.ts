/**
 * The add dialog's backup step for a named token (a Nitrokey 3), as the import's BackupStep does it for a
 * slot token: the account goes into a keyslot backup (contents version 2: SHA-1/SHA-256, 6/7/8 digits, long
 * names) once the token's first code matched. The file is opened with the password before anything is
 * written, so a wrong password or an unreadable file changes nothing on the token. The file is named by a
 * 'backup-save' handle of file-grants.ts; the password is used for this request only.
 */
import {
  addToBackupFile,
  readBackupFile,
  type BackupOtp,
  type CredentialWrite,
  type SealOptions,
} from '../../device/index';
import { basename } from 'node:path';
import type { CredentialBackupRequest } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { FileGrants } from './file-grants';

export interface CredentialBackupDeps {
  grants?: FileGrants;
  seal?: SealOptions;
  now?: () => Date;
}

/** The account as a backup holds it, or null when a backup cannot (SHA-512, digits other than 6/7/8). */
export function backupAccountOf(w: CredentialWrite): BackupOtp | null {
  if (w.kind === 'password' || !w.secret) return null;
  if (w.algorithm !== 'SHA1' && w.algorithm !== 'SHA256') return null;
  if (w.digits !== 6 && w.digits !== 7 && w.digits !== 8) return null;
  return {
    kind: w.kind,
    secret: w.secret,
    algorithm: w.algorithm,
    digits: w.digits,
    ...(w.kind === 'totp' ? { period: w.period ?? 30 } : { counter: w.counter ?? 0n }),
    name: w.name,
  };
}

/** A backup this write will be added to: the file's path, checked to open with the password (or missing). */
export interface PendingBackup {
  path: string;
  password: string;
  account: BackupOtp;
}

/** Checks, before the write, that the account fits a backup and that the file opens with the password. */
export async function prepareBackup(
  req: CredentialBackupRequest,
  w: CredentialWrite,
  deps: CredentialBackupDeps,
): Promise<PendingBackup> {
  if (!deps.grants) throw new AppError('bad-request', { reason: 'no-file-dialog' });
  const path = deps.grants.take(req.file, 'backup-save');
  const account = backupAccountOf(w);
  if (!account) throw new AppError('bad-request', { field: 'algorithm' });
  const opened = await readBackupFile(path, req.password);
  if (!opened.ok && opened.code !== 'backup-missing') throw new AppError(opened.code);
  return { path, password: req.password, account };
}

/** Adds the verified account under the name the token stored it with. */
export async function addToBackup(
  b: PendingBackup,
  name: string,
  deps: CredentialBackupDeps,
): Promise<{ name: string; accountCount: number }> {
  const r = await addToBackupFile(b.path, b.password, [{ account: { ...b.account, name }, name }], {
    ...deps.seal,
    ...(deps.now ? { now: deps.now() } : {}),
  });
  if (!r.ok) throw new AppError(r.code);
  return { name: basename(b.path), accountCount: r.contents.accounts.length };
}
