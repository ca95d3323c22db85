/**
 * Files the page may name (issue 9 item 10). The page never sends main a path: main's own file dialog
 * (Electron), or the web host's stand-in for one ('backup/typed-file', its page checked by token,
 * origin and Host), hands out an opaque handle per chosen file, for one purpose. Requests that read
 * or write a file ('backup/add', 'backup/open', 'backup/save-sheet', 'move/plan', 'move/run') take
 * only such a handle, for their own purpose, within its lifetime; a raw path is refused. So a
 * compromised page cannot make main read or write a file the person never chose (the plain-text
 * recovery sheet anywhere), nor use a file chosen to open as one to write. The page sees only the
 * file's name, never its folder.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { ChosenFile } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { FilePurpose } from './import-ports';

/** How long a handle can be used after the file was chosen (ms). */
export const FILE_HANDLE_TTL_MS = 15 * 60 * 1000;
/** Handles held at most; choosing more forgets the oldest. */
export const MAX_FILE_HANDLES = 32;

/** 16 random bytes, base64url: 22 characters. */
const HANDLE = /^[A-Za-z0-9_-]{22}$/;

interface Grant {
  path: string;
  purpose: FilePurpose;
  at: number;
}

export class FileGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly deps: {
      now: () => number;
      randomBytes?: (n: number) => Uint8Array;
      ttlMs?: number;
    },
  ) {}

  /** A new handle for `path`, chosen for `purpose`; the page gets it and the file's name. */
  grant(purpose: FilePurpose, path: string): ChosenFile {
    this.forgetExpired();
    while (this.grants.size >= MAX_FILE_HANDLES) this.grants.delete(this.grants.keys().next().value!);
    const handle = Buffer.from((this.deps.randomBytes ?? nodeRandomBytes)(16)).toString('base64url');
    this.grants.set(handle, { path, purpose, at: this.deps.now() });
    return { handle, name: basename(path) };
  }

  /**
   * The path behind `handle`, if main handed it out for `purpose` and it has not expired. Refuses a
   * raw path ('path-not-chosen'), an unknown or expired handle ('file-handle-expired') and a handle
   * chosen for something else ('file-handle-purpose'), all as 'bad-request'.
   */
  take(handle: string, purpose: FilePurpose): string {
    if (!HANDLE.test(handle)) throw new AppError('bad-request', { reason: 'path-not-chosen' });
    this.forgetExpired();
    const g = this.grants.get(handle);
    if (!g) throw new AppError('bad-request', { reason: 'file-handle-expired' });
    if (g.purpose !== purpose) throw new AppError('bad-request', { reason: 'file-handle-purpose' });
    return g.path;
  }

  private forgetExpired(): void {
    const oldest = this.deps.now() - (this.deps.ttlMs ?? FILE_HANDLE_TTL_MS);
    for (const [h, g] of this.grants) if (g.at < oldest) this.grants.delete(h);
  }
}
