/**
 * English words of the window's own for the codes in OWN_WORDS (errors.ts), where main's sentence
 * is written for the terminal or is one of several wordings of one fact. For every other code the
 * window shows main's message as it is: main's tables (device/errors.ts, device/backup/errors.ts)
 * are the one place of the English sentences.
 */
import type { ErrorPayload } from '../../electron/ipc/contract';

/** Every code an ErrorPayload can carry: DeviceErrorCode | AppErrorCode | BackupProblemCode. */
export type ErrorCode = ErrorPayload['code'];

/** The codes whose words are the window's own in both languages. */
export const OWN_WORDS = [
  'no-token',
  'pws-no-key',
  'backup-exists',
  'time-refused',
  'capture-unavailable',
  'import-expired',
] as const satisfies readonly ErrorCode[];
export type OwnWordsCode = (typeof OWN_WORDS)[number];

export const errorsEnOwn: Record<OwnWordsCode, string> = {
  'no-token': 'No token is plugged in. Plug one in, then try again.',
  'pws-no-key': 'The password safe has no key yet. Build its key with the admin PIN first.',
  'backup-exists': 'A file of that name exists already; keyslot does not overwrite it. Choose another name.',
  'time-refused': 'The token refused to set its clock.',
  'capture-unavailable':
    'The screen could not be captured here (the system refused, or there is no screen). Save a screenshot and open it, or paste the URI.',
  'import-expired':
    'This import is no longer held (it was closed or left unused for 30 minutes). Scan or paste the account again.',
};
