/**
 * A cross-process lock beside a file, from Node's own primitives: `FILE.lock` is created with
 * O_CREAT|O_EXCL (only one process can create it) and holds the owner's pid. It is synchronous
 * because the virtual token runs each command synchronously, and it is held for one command only
 * (reload, run, write: milliseconds), so waiting is a short sleep-and-retry.
 *
 * Stale locks: a lock whose pid is not running on this machine (the owner was killed), or that is
 * older than STALE_AFTER_MS (pid reuse), is removed. Removal renames the lock to a private name first
 * and checks it is still the stale one, so two processes breaking the same stale lock cannot remove
 * a fresh lock a third process has just taken.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { DeviceError } from '../errors';

/** A lock older than this is stale whatever its pid says (a command holds it for milliseconds). */
export const STALE_AFTER_MS = 10_000;
/** How long to wait for another process's lock before giving up with DeviceError('busy'). */
export const LOCK_WAIT_MS = 20_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file, or null when it cannot be read (gone, or not written yet). */
function lockOwner(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isStale(lock: string): boolean {
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return false; // gone: just try again
  }
  if (ageMs > STALE_AFTER_MS) return true;
  const pid = lockOwner(lock);
  // An empty lock is one being written this instant, unless it is old (its owner died in between).
  return pid === null ? ageMs > 1000 : !isRunning(pid);
}

/** Removes a stale lock without ever removing a lock that became fresh meanwhile. */
function breakStale(lock: string): void {
  const aside = `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // someone else broke it, or its owner released it
  }
  if (isStale(aside)) {
    unlinkSync(aside);
    return;
  }
  // We moved a live lock aside (taken between our check and our rename): put it back unless the
  // name is taken again, in which case its owner finds it gone and the lock it holds is ours to lose.
  try {
    linkSync(aside, lock);
  } catch {
    // the lock name is taken again; nothing to restore
  }
  unlinkSync(aside);
}

/** Takes the lock beside `file`; returns the release function. Throws DeviceError('busy') after LOCK_WAIT_MS. */
export function lockFileSync(file: string): () => void {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return () => {
        try {
          unlinkSync(lock);
        } catch {
          // broken as stale by another process after STALE_AFTER_MS: nothing left to release
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (isStale(lock)) {
      breakStale(lock);
      continue;
    }
    if (Date.now() > deadline)
      throw new DeviceError('busy', { detail: `virtual token state ${file} stays locked by pid ${lockOwner(lock)}` });
    sleepSync(wait);
  }
}

/** Runs `fn` holding the lock beside `file`. */
export function withFileLockSync<T>(file: string, fn: () => T): T {
  const release = lockFileSync(file);
  try {
    return fn();
  } finally {
    release();
  }
}
