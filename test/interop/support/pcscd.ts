/**
 * Starts pcscd for the PC/SC interop tests (CI runs as root, with no pcscd running). A pcscd this
 * helper started is remembered by PID in a file, so a stale one from an aborted run is stopped next
 * time; a pcscd somebody else started is used as it is and never stopped.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PID_FILE = join(tmpdir(), 'keyslot-test-pcscd.pid');
/** Held while a test process uses pcscd and the vpcd reader: one machine-wide reader, one user at a time. */
const LOCK_FILE = join(tmpdir(), 'keyslot-test-pcsc.lock');
const SOCKET = '/run/pcscd/pcscd.comm';

const isPcscd = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'pcscd';
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && isPcscd(pid); i++) await sleep(50);
}

/** Any running pcscd, by scanning /proc. */
function runningPcscd(): number | undefined {
  for (const name of readdirProc()) {
    const pid = Number(name);
    if (Number.isInteger(pid) && isPcscd(pid)) return pid;
  }
  return undefined;
}

function readdirProc(): string[] {
  return readdirSync('/proc');
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits (up to 10 min) for the lock; a lock whose process is gone is taken over. */
async function lock(): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    try {
      writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      return;
    } catch {
      const holder = Number(readFileSync(LOCK_FILE, 'utf8') || 0);
      if (!isAlive(holder)) rmSync(LOCK_FILE, { force: true });
      else await sleep(100);
    }
  }
  throw new Error(`${LOCK_FILE} stayed locked for 10 minutes`);
}

/** A pcscd to test against; `stop()` ends it only if this helper started it. */
export interface PcscdHandle {
  readonly isOurs: boolean;
  stop(): Promise<void>;
}

/**
 * Starts `pcscd -f` (foreground, stopped by PID) unless one runs. Resolves once its socket exists.
 * Rejects if pcscd is missing or does not come up in 10 s.
 */
export async function startPcscd(): Promise<PcscdHandle> {
  await lock();
  const unlock = () => rmSync(LOCK_FILE, { force: true });
  if (existsSync(PID_FILE)) {
    const stale = Number(readFileSync(PID_FILE, 'utf8'));
    if (isPcscd(stale)) {
      process.kill(stale, 'SIGTERM');
      await waitGone(stale);
    }
    rmSync(PID_FILE, { force: true });
  }
  if (runningPcscd() !== undefined) return { isOurs: false, stop: async () => unlock() };
  const child = spawn('pcscd', ['-f'], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => child.once('error', reject));
  if (child.pid === undefined) await failed;
  writeFileSync(PID_FILE, String(child.pid));
  for (let i = 0; i < 200 && !existsSync(SOCKET); i++) await Promise.race([sleep(50), failed]);
  if (!existsSync(SOCKET)) throw new Error('pcscd did not create its socket in 10 s');
  return {
    isOurs: true,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(PID_FILE, { force: true });
      unlock();
    },
  };
}
