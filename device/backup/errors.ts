/**
 * What can go wrong with a backup file, one code each; the words are in shared/vocabulary (style guide §3).
 * These are values (`BackupProblem`), not exceptions: a wrong password is an expected answer.
 */
import { backupErrorsEn, type BackupProblemCode } from '../../shared/vocabulary/index';

export type { BackupProblemCode };

/** The English words of every backup code (shared/vocabulary/errors-en.ts: add a code there). */
export const BACKUP_MESSAGES = backupErrorsEn;

/** A backup failure: a stable `code`, a sentence for people and, for the log, a detail (never secret). */
export interface BackupProblem {
  ok: false;
  code: BackupProblemCode;
  message: string;
  detail?: string;
}

/** Builds a BackupProblem with its message from the table. */
export function backupProblem(code: BackupProblemCode, detail?: string): BackupProblem {
  return { ok: false, code, message: BACKUP_MESSAGES[code], ...(detail ? { detail } : {}) };
}
