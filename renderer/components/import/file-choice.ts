/**
 * A file the person gave a FileField. Requests name files only by the handle main handed out for
 * them (issue 9 item 10): in Electron its own dialog's; in the web host, which has no dialog, the
 * handle its stand-in 'backup/typed-file' gives for the typed path, asked for when the file is used.
 */
import type { Result } from '../../../electron/ipc/contract';
import { invoke } from '../../api';

export type FilePurpose = 'backup-save' | 'backup-open' | 'sheet-save';

/** A file main's dialog handed out (its name only, never the folder), or a path typed in the web host. */
export type FileChoice = { handle: string; name: string } | { typed: string };

export const NO_FILE: FileChoice = { typed: '' };

/** True once a file was chosen or a path typed. */
export const hasFile = (c: FileChoice): boolean => 'handle' in c || c.typed.trim() !== '';

/** The handle to send for `c`: the dialog's, or the web host's for the typed path. */
export async function fileHandle(c: FileChoice, purpose: FilePurpose): Promise<Result<string>> {
  if ('handle' in c) return { ok: true, value: c.handle };
  const r = await invoke('backup/typed-file', { purpose, path: c.typed.trim() });
  return r.ok ? { ok: true, value: r.value.handle } : r;
}
