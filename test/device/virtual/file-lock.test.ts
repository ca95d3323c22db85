/** The state file's cross-process lock (device/virtual/file-lock.ts): exclusive, and stale locks are recovered. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lockFileSync, STALE_AFTER_MS } from '../../../device/virtual/file-lock';

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('file lock', () => {
  it('writes our pid into FILE.lock and removes it on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-lock-'));
    const file = join(dir, 'token.json');
    const release = lockFileSync(file);
    assert.equal(readFileSync(`${file}.lock`, 'utf8'), String(process.pid));
    release();
    assert.equal(existsSync(`${file}.lock`), false);
    rmSync(dir, { recursive: true });
  });

  it('takes over a lock whose process is gone (kill -9 while holding it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-lock-'));
    const file = join(dir, 'token.json');
    writeFileSync(`${file}.lock`, String(deadPid()));
    const release = lockFileSync(file);
    assert.equal(readFileSync(`${file}.lock`, 'utf8'), String(process.pid));
    release();
    rmSync(dir, { recursive: true });
  });

  it('takes over a lock older than STALE_AFTER_MS even if its pid runs (pid reuse)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-lock-'));
    const file = join(dir, 'token.json');
    writeFileSync(`${file}.lock`, String(process.ppid));
    const old = (Date.now() - STALE_AFTER_MS - 5000) / 1000;
    utimesSync(`${file}.lock`, old, old);
    const release = lockFileSync(file);
    assert.equal(readFileSync(`${file}.lock`, 'utf8'), String(process.pid));
    release();
    rmSync(dir, { recursive: true });
  });

  it('waits for a live holder: another process takes it only after the release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-lock-'));
    const file = join(dir, 'token.json');
    const release = lockFileSync(file);
    const lockModule = new URL('../../../device/virtual/file-lock.ts', import.meta.url).pathname;
    const probe = `import { lockFileSync } from ${JSON.stringify(lockModule)};
      console.log('waiting'); const r = lockFileSync(${JSON.stringify(file)}); console.log('got ' + Date.now()); r();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { stdio: 'pipe' });
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('waiting')) resolve();
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const releasedAt = Date.now();
    release();
    await new Promise((r) => child.on('exit', r));
    const got = Number(/got (\d+)/.exec(out)?.[1]);
    assert.ok(got >= releasedAt, `the child took the lock at ${got}, before the release at ${releasedAt}`);
    rmSync(dir, { recursive: true, force: true });
  });
});
