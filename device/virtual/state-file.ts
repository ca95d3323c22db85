/**
 * The virtual token's state file: JSON (flash-state.ts), written atomically with mode 0600.
 *
 * Several processes may share one file (the app and `keyslot --device virtual`, by default
 * ~/.config/keyslot/virtual-token.json). Every command is one transaction under a cross-process
 * lock (file-lock.ts): it starts from the file's current contents (reloaded when the file changed)
 * and its write lands before the lock is released, so no process writes back a stale copy over
 * another's change. RAM state (clock, temporary passwords) stays per process, as a replug would.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crashPoint } from '../crash-point';
import { DeviceError } from '../errors';
import { withFileLockSync } from './file-lock';
import { VirtualToken, type VirtualState, type VirtualTokenLoadOptions, type VirtualTokenOptions } from './token';

/** Largest state file keyslot reads, in bytes (a full token is about 10 KiB). */
export const MAX_STATE_FILE_BYTES = 1024 * 1024;

/** Identity of the file's current version: a rename gives a new inode, a write a new mtime/size. */
function version(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.ino}:${st.mtimeNs}:${st.size}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The file's text, or null when it does not exist. Refuses a file over MAX_STATE_FILE_BYTES before reading it. */
function readState(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const buf = Buffer.alloc(MAX_STATE_FILE_BYTES + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > MAX_STATE_FILE_BYTES)
      throw new DeviceError('state-corrupt', { detail: `${path}: larger than ${MAX_STATE_FILE_BYTES} bytes` });
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function parseState(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DeviceError('state-corrupt', { detail: `${path}: not JSON (${(e as Error).message})` });
  }
}

/**
 * Opens the token saved at `path`. If the file does not exist, creates a factory-fresh token from
 * `create` and writes it (creating missing folders). Either way every later change is saved (onPersist). An existing file wins
 * over `create` (its model and firmware are kept).
 * @throws DeviceError('state-corrupt') if the file is not a valid state; the file is left untouched.
 */
export async function openVirtualTokenFile(
  path: string,
  create: VirtualTokenOptions,
  opts: VirtualTokenLoadOptions = {},
): Promise<VirtualToken> {
  // A first run: the config folder may not exist yet (mode 0700: the file holds secrets).
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  removeStaleTemps(path);
  let seen: string | null = null;
  const token = withFileLockSync(path, () => {
    const text = readState(path);
    let t: VirtualToken;
    if (text === null) {
      t = VirtualToken.create({ ...create, ...definedOnly(opts) });
      saveVirtualStateSync(path, t.toJSON());
    } else t = VirtualToken.fromJSON(parseState(path, text), opts);
    seen = version(path);
    return t;
  });
  token.onPersist = (state) => {
    saveVirtualStateSync(path, state);
    seen = version(path);
  };
  token.exclusive = (run) =>
    withFileLockSync(path, () => {
      const now = version(path);
      if (now !== seen) {
        const text = readState(path);
        // A file removed under us keeps the token as it is; the next write recreates it.
        if (text !== null) token.adoptState(parseState(path, text));
        seen = now;
      }
      run();
    });
  return token;
}

/**
 * Removes temporary files a killed writer left beside `path` (`.NAME.PID.HEX.tmp`, which hold a
 * state in the clear): those whose process is no longer running. Best effort.
 */
export function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) continue;
    if (pid === process.pid) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // gone already
    }
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

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Writes `state` to `path` atomically: a temporary file in the same directory (mode 0600) is written,
 * fsynced and renamed over `path`. Throws the file system's error; the old file then stays as it was.
 */
export function saveVirtualStateSync(path: string, state: VirtualState): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  crashPoint('state-temp-created');
  try {
    const text = `${JSON.stringify(state, null, 2)}\n`;
    writeSync(fd, text.slice(0, text.length >> 1));
    crashPoint('state-temp-half-written');
    writeSync(fd, text.slice(text.length >> 1));
    crashPoint('state-temp-written');
    fsyncSync(fd);
    crashPoint('state-temp-synced');
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
  crashPoint('state-renamed');
}
