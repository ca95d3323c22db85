/**
 * Backup files on disk: read, create (never over an existing file) and add accounts (the whole
 * file is re-encrypted and replaced atomically: a temporary file in the same folder, fsync,
 * rename, fsync of the folder; mode 0600), so a crash leaves the old file or the new one.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crashPoint } from '../crash-point';
import type { SlotRef } from '../protocol/commands';
import { MAX_BACKUP_FILE_BYTES, readFileCapped } from '../read-capped';
import type { BackupAccount, BackupContents, BackupOtp } from './contents';
import { backupProblem, type BackupProblem } from './errors';
import { openBackup, sealBackup, type BackupOpened, type SealOptions } from './format';

/**
 * Removes temporary files (`.NAME.PID.HEX.tmp`) a killed writer left beside `path`: those of a
 * process that no longer runs. They may hold accounts, so they do not wait for a person to notice.
 */
async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    await rm(join(dirname(path), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes bytes to `path` atomically with mode 0600, first removing stale temporary files. Rejects with the fs error. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await removeStaleTemps(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(temp, 'wx', 0o600);
  crashPoint('backup-temp-created');
  try {
    await fh.write(bytes.subarray(0, bytes.length >> 1));
    crashPoint('backup-temp-half-written');
    await fh.write(bytes.subarray(bytes.length >> 1));
    crashPoint('backup-temp-written');
    await fh.sync();
    crashPoint('backup-temp-synced');
  } finally {
    await fh.close();
  }
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  crashPoint('backup-renamed');
  const d = await open(dir, 'r').catch(() => null);
  if (d)
    await d
      .sync()
      .catch(() => undefined)
      .finally(() => d.close());
}

/** The file's bytes; over MAX_BACKUP_FILE_BYTES (1 MiB) it is refused before it is read, streams too. */
async function readBytes(path: string): Promise<Uint8Array | BackupProblem> {
  const r = await readFileCapped(path, MAX_BACKUP_FILE_BYTES);
  if (r.ok) return r.bytes;
  if (r.reason === 'too-large') return backupProblem('backup-too-large');
  return backupProblem(r.reason === 'ENOENT' ? 'backup-missing' : 'backup-unreadable', r.reason);
}

/** Opens a backup file with its password (see `openBackup` for the problems). */
export async function readBackupFile(path: string, password: string): Promise<BackupOpened | BackupProblem> {
  const bytes = await readBytes(path);
  return 'ok' in bytes ? bytes : openBackup(bytes, password);
}

/** What to put in a backup: an account, its slot name and where it was written. */
export interface BackupEntry {
  account: BackupOtp;
  name: string;
  slot?: SlotRef;
}

function isSameSecret(a: BackupOtp, b: BackupOtp): boolean {
  return a.kind === b.kind && a.secret.length === b.secret.length && a.secret.every((x, i) => x === b.secret[i]);
}

/** Adds entries; an entry with the same kind, secret and name as one in the backup replaces it. */
function merge(contents: BackupContents, entries: BackupEntry[], now: string): BackupContents {
  const accounts: BackupAccount[] = contents.accounts.filter(
    (old) => !entries.some((e) => e.name === old.name && isSameSecret(e.account, old.account)),
  );
  for (const e of entries)
    accounts.push({ account: e.account, name: e.name, ...(e.slot ? { slot: e.slot } : {}), addedAt: now });
  return { createdAt: contents.createdAt, updatedAt: now, accounts };
}

async function seal(
  path: string,
  contents: BackupContents,
  password: string,
  opts: SealOptions,
): Promise<BackupOpened | BackupProblem> {
  const bytes = await sealBackup(contents, password, opts);
  if (!(bytes instanceof Uint8Array)) return bytes;
  try {
    await writeFileAtomic(path, bytes);
  } catch (e) {
    return backupProblem('backup-unreadable', (e as NodeJS.ErrnoException).code);
  }
  return { ok: true, contents };
}

/** Creates a new backup file holding `entries` (may be none). Refuses an existing file ('backup-exists'). */
export async function createBackupFile(
  path: string,
  password: string,
  entries: BackupEntry[],
  opts: SealOptions & { now?: Date } = {},
): Promise<BackupOpened | BackupProblem> {
  const existing = await readBytes(path);
  if (!('ok' in existing) || existing.code !== 'backup-missing') return backupProblem('backup-exists');
  const now = (opts.now ?? new Date()).toISOString();
  return seal(path, merge({ createdAt: now, updatedAt: now, accounts: [] }, entries, now), password, opts);
}

/**
 * Adds entries to a backup file, creating it when it does not exist. The file is opened with the
 * password first (every problem of `openBackup` stops it unchanged), then re-encrypted whole.
 */
export async function addToBackupFile(
  path: string,
  password: string,
  entries: BackupEntry[],
  opts: SealOptions & { now?: Date } = {},
): Promise<BackupOpened | BackupProblem> {
  const bytes = await readBytes(path);
  if ('ok' in bytes) return bytes.code === 'backup-missing' ? createBackupFile(path, password, entries, opts) : bytes;
  const opened = await openBackup(bytes, password);
  if (!opened.ok) return opened;
  return seal(path, merge(opened.contents, entries, (opts.now ?? new Date()).toISOString()), password, opts);
}
