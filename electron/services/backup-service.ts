/**
 * Encrypted backups and the recovery sheet, over device/backup: add an import's accounts to a
 * backup file (created when missing), open one for a restore (every account checked before any is
 * shown; a wrong password or a changed file restores nothing), and save the printable sheet. The
 * password arrives once per request and is not kept. Files are named by the handles of file-grants.ts,
 * never by a path from the page.
 */
import { access, constants } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  addToBackupFile,
  readBackupFile,
  renderRecoverySheet,
  writeFileAtomic,
  type BackupEntry,
  type BackupProblem,
  type SealOptions,
} from '../../device/index';
import type { BackupFileRequest, ChosenFile, ImportReview, SaveSheetRequest } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { FileGrants } from './file-grants';
import type { FileDialogPort, FilePurpose } from './import-ports';
import type { ImportService } from './import-service';

export interface BackupServiceDeps {
  /** The system's file dialogs (Electron). */
  files?: FileDialogPort;
  /** The web host's stand-in for a dialog: its page types a path ('backup/typed-file'). Ignored with `files`. */
  typedPaths?: boolean;
  /** The handles of chosen files; requests name files only by them (file-grants.ts). */
  grants: FileGrants;
  /** scrypt cost and randomness (tests make it cheap); the format's defaults otherwise. */
  seal?: SealOptions;
  now?: () => Date;
}

const problem = (p: BackupProblem) => new AppError(p.code);

export class BackupService {
  constructor(
    private readonly imports: ImportService,
    private readonly deps: BackupServiceDeps,
  ) {}

  /** The system's file dialog (Electron): a handle for the chosen file, for this purpose. */
  async choose(purpose: FilePurpose, suggestedName?: string): Promise<ChosenFile | null> {
    if (!this.deps.files) throw new AppError('bad-request', { reason: 'no-file-dialog' });
    const path = await this.deps.files.choose(purpose, suggestedName);
    return path ? this.deps.grants.grant(purpose, path) : null;
  }

  /**
   * The web host's dialog: a handle for the path its page typed (resolved against the host's folder).
   * Where main has real dialogs only they hand out files ('path-not-chosen').
   */
  typed(purpose: FilePurpose, path: string): ChosenFile {
    if (this.deps.files || !this.deps.typedPaths) throw new AppError('bad-request', { reason: 'path-not-chosen' });
    return this.deps.grants.grant(purpose, resolve(path.trim()));
  }

  /** The accounts of an import, by index, with the name and slot they were written to (or will be). */
  private entries(id: string, indexes: number[]): BackupEntry[] {
    const p = this.imports.get(id);
    return [...new Set(indexes)].map((index) => {
      const account = this.imports.account(p, index);
      const written = p.written.get(index);
      const planned = p.plan.assignments.find((a) => a.index === index);
      const name = written?.name ?? planned?.name ?? (account.name || p.candidates[index].label.slice(0, 15));
      const slot = written?.slot ?? planned?.slot;
      return { account, name, ...(slot ? { slot } : {}) };
    });
  }

  /** Adds accounts to the backup at `path`, creating it when missing. */
  async add(
    req: BackupFileRequest & { id: string; indexes: number[] },
  ): Promise<{ name: string; accountCount: number }> {
    const path = this.deps.grants.take(req.file, 'backup-save');
    const entries = this.entries(req.id, req.indexes);
    const r = await addToBackupFile(path, req.password, entries, {
      ...this.deps.seal,
      ...(this.deps.now ? { now: this.deps.now() } : {}),
    });
    if (!r.ok) throw problem(r);
    return { name: basename(path), accountCount: r.contents.accounts.length };
  }

  /** Opens a backup and plans its restore on the attached token. */
  async open(req: BackupFileRequest): Promise<ImportReview> {
    const path = this.deps.grants.take(req.file, 'backup-open');
    const r = await readBackupFile(path, req.password);
    if (!r.ok) throw problem(r);
    return this.imports.fromBackup(basename(path), r.contents);
  }

  /** Saves the recovery sheet of these accounts as a new HTML file (mode 0600; never over a file). */
  async saveSheet(req: SaveSheetRequest): Promise<{ name: string }> {
    const path = this.deps.grants.take(req.file, 'sheet-save');
    const html = renderRecoverySheet(this.entries(req.id, req.indexes), { createdAt: this.deps.now?.() ?? new Date() });
    const exists = await access(path, constants.F_OK).then(
      () => true,
      () => false,
    );
    if (exists) throw new AppError('backup-exists');
    try {
      await writeFileAtomic(path, new TextEncoder().encode(html));
    } catch (e) {
      const text = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new AppError('backup-unreadable', { reason: 'sheet-not-written', text });
    }
    return { name: basename(path) };
  }
}
