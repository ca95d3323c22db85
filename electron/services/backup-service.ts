/**
 * Encrypted backups and the recovery sheet, over device/backup: add an import's accounts to a
 * backup file (created when missing), open one for a restore (every account checked before any is
 * shown; a wrong password or a changed file restores nothing), and save the printable sheet. The
 * password arrives once per request and is not kept.
 */
import { access, constants } from 'node:fs/promises';
import {
  addToBackupFile,
  readBackupFile,
  renderRecoverySheet,
  writeFileAtomic,
  type BackupEntry,
  type BackupProblem,
  type SealOptions,
} from '../../device/index';
import type { BackupFileRequest, ImportReview } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { FileDialogPort, FilePurpose } from './import-ports';
import type { ImportService } from './import-service';

export interface BackupServiceDeps {
  files?: FileDialogPort;
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

  /**
   * Paths main's own dialogs handed out, with what for (issue 9 item 10): where there are dialogs,
   * 'backup/add', 'backup/open' and 'backup/save-sheet' take only these, so a compromised page
   * cannot make main read or write a file the person never chose (the plain-text recovery sheet
   * anywhere). The web host has no dialogs; its page, checked by token, origin and Host, types paths.
   */
  private readonly granted = new Map<string, Set<FilePurpose>>();

  /** The system's file dialog (Electron); hosts without one take a typed path. */
  async choose(purpose: FilePurpose, suggestedName?: string): Promise<{ path: string } | null> {
    if (!this.deps.files) throw new AppError('bad-request', { reason: 'no-file-dialog' });
    const path = await this.deps.files.choose(purpose, suggestedName);
    if (path) this.granted.set(path, new Set([...(this.granted.get(path) ?? []), purpose]));
    return path ? { path } : null;
  }

  /** Refuses a path main's dialog did not hand out for one of `purposes` (only where there are dialogs). */
  private checkGranted(path: string, ...purposes: FilePurpose[]): void {
    if (!this.deps.files) return;
    const ok = this.granted.get(path);
    if (!ok || !purposes.some((p) => ok.has(p))) throw new AppError('bad-request', { reason: 'path-not-chosen' });
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
  ): Promise<{ path: string; accountCount: number }> {
    this.checkGranted(req.path, 'backup-save', 'backup-open');
    const entries = this.entries(req.id, req.indexes);
    const r = await addToBackupFile(req.path, req.password, entries, {
      ...this.deps.seal,
      ...(this.deps.now ? { now: this.deps.now() } : {}),
    });
    if (!r.ok) throw problem(r);
    return { path: req.path, accountCount: r.contents.accounts.length };
  }

  /** Opens a backup and plans its restore on the attached token. */
  async open(req: BackupFileRequest): Promise<ImportReview> {
    this.checkGranted(req.path, 'backup-open', 'backup-save');
    const r = await readBackupFile(req.path, req.password);
    if (!r.ok) throw problem(r);
    return this.imports.fromBackup(req.path, r.contents);
  }

  /** Saves the recovery sheet of these accounts as a new HTML file (mode 0600; never over a file). */
  async saveSheet(req: { id: string; indexes: number[]; path: string }): Promise<{ path: string }> {
    this.checkGranted(req.path, 'sheet-save');
    const html = renderRecoverySheet(this.entries(req.id, req.indexes), { createdAt: this.deps.now?.() ?? new Date() });
    const exists = await access(req.path, constants.F_OK).then(
      () => true,
      () => false,
    );
    if (exists) throw new AppError('backup-exists');
    try {
      await writeFileAtomic(req.path, new TextEncoder().encode(html));
    } catch (e) {
      const text = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new AppError('backup-unreadable', { reason: 'sheet-not-written', text });
    }
    return { path: req.path };
  }
}
