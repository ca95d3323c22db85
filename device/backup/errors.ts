/**
 * What can go wrong with a backup file, one code each, one table of messages (style guide §3).
 * These are values (`BackupProblem`), not exceptions: a wrong password is an expected answer.
 */
export const BACKUP_MESSAGES = {
  'backup-missing': 'The backup file does not exist.',
  'backup-exists':
    'A file of that name exists already; keyslot does not overwrite it. Add accounts to it with keyslot otp add --backup FILE, or choose another name.',
  'backup-unreadable': 'The backup file cannot be read or written here (permissions, or a folder of that name).',
  'backup-not-a-backup': 'This file is not a keyslot backup.',
  'backup-truncated':
    'The backup file is cut short (an interrupted copy or download). Use another copy; nothing was restored.',
  'backup-damaged':
    'The backup file is damaged: its header is not what keyslot writes. Use another copy; nothing was restored.',
  'backup-future-version':
    'This backup was written by a newer keyslot. Update keyslot to open it; nothing was restored.',
  'backup-wrong-password':
    'The password does not open this backup. Check it and try again. (If you are sure it is right, the file was altered where it stores the key parameters.)',
  'backup-tampered':
    'The password is right, but the encrypted accounts were changed or damaged after the backup was written. Use another copy; nothing was restored.',
  'backup-invalid-content': 'The backup opened, but an account in it is not valid, so nothing was restored.',
  'backup-password-empty': 'The backup password is empty. Choose one you will remember; it cannot be recovered.',
} as const;

export type BackupProblemCode = keyof typeof BACKUP_MESSAGES;

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
