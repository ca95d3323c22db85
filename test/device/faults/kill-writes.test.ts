/**
 * Issue 9, fault injection: `kill -9` at every step of the state-file and backup writes (the
 * KEYSLOT_TEST_CRASH_AT hook in device/crash-point.ts). Afterwards the file is the old one or the
 * new one, never a mix or nothing, and the next run removes the temporary file the dead writer left.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const KEYSLOT = fileURLToPath(new URL('../../../bin/keyslot.js', import.meta.url));
const B32 = 'JBSWY3DPEHPK3PXP';
const ENV = {
  ...process.env,
  HOME: '/nonexistent-home',
  KEYSLOT_ADMIN_PIN: '12345678',
  KEYSLOT_USER_PIN: '123456',
  KEYSLOT_BACKUP_PASSWORD: 'pass phrase',
};

function keyslot(args: string[], crashAt?: string) {
  return spawnSync(process.execPath, [KEYSLOT, ...args], {
    env: { ...ENV, ...(crashAt ? { KEYSLOT_TEST_CRASH_AT: crashAt } : {}) },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

function slotNames(file: string): string[] {
  const r = keyslot(['--device', `virtual:${file}`, 'otp', 'list', '--json']);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { isEmpty: boolean; name?: string }[]).filter((s) => !s.isEmpty).map((s) => s.name!);
}

const STATE_STEPS = [
  'state-temp-created',
  'state-temp-half-written',
  'state-temp-written',
  'state-temp-synced',
  'state-renamed',
];
const BACKUP_STEPS = [
  'backup-temp-created',
  'backup-temp-half-written',
  'backup-temp-written',
  'backup-temp-synced',
  'backup-renamed',
];

describe('kill -9 during writes (issue 9 fault injection)', { timeout: 600_000 }, () => {
  for (const step of STATE_STEPS) {
    it(`state file, killed at ${step}: old or new state, and the next run removes the temporary file`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'keyslot-kill-'));
      const file = join(dir, 'token.json');
      assert.equal(
        keyslot(['--device', `virtual:${file}`, 'otp', 'set', 'totp:1', '--name', 'old', '--secret', B32]).status,
        0,
      );
      const killed = keyslot(
        ['--device', `virtual:${file}`, 'otp', 'set', 'totp:2', '--name', 'new', '--secret', B32],
        step,
      );
      assert.equal(killed.signal, 'SIGKILL', `${step}: ${killed.stderr}`);
      const leftover = temps(dir);
      JSON.parse(readFileSync(file, 'utf8')); // whole JSON, not a torn write
      const names = slotNames(file); // the next run
      assert.ok(
        JSON.stringify(names) === '["old"]' || JSON.stringify(names) === '["old","new"]',
        `${step}: ${JSON.stringify(names)}`,
      );
      if (step !== 'state-renamed') assert.ok(leftover.length > 0, `${step}: the kill left no temporary file`);
      assert.deepEqual(temps(dir), [], `${step}: the next run left ${temps(dir)}`);
      rmSync(dir, { recursive: true, force: true });
    });
  }

  for (const step of BACKUP_STEPS) {
    it(`backup file, killed at ${step}: old or new backup, and the next write removes the temporary file`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'keyslot-kill-'));
      const file = join(dir, 'token.json');
      const backup = join(dir, 'accounts.keyslot');
      const add = (name: string, crashAt?: string) =>
        keyslot(
          ['--device', `virtual:${file}`, 'otp', 'add', '--secret', B32, '--name', name, '--backup', backup, '--yes'],
          crashAt,
        );
      assert.equal(add('one').status, 0);
      const old = readFileSync(backup, 'utf8');
      const killed = add('two', step);
      assert.equal(killed.signal, 'SIGKILL', `${step}: ${killed.stderr}`);
      const now = readFileSync(backup, 'utf8');
      const list = keyslot(['backup', 'list', backup, '--json']);
      assert.equal(list.status, 0, `${step}: the backup does not open: ${list.stderr}`);
      const names = (JSON.parse(list.stdout) as { accounts: { name: string }[] }).accounts.map((a) => a.name);
      if (now === old) assert.deepEqual(names, ['one'], step);
      else assert.deepEqual(names, ['one', 'two'], step);
      if (step !== 'backup-renamed') assert.ok(temps(dir).length > 0, `${step}: the kill left no temporary file`);
      // The next write to the backup removes what the dead writer left.
      assert.equal(add('three').status, 0);
      assert.deepEqual(temps(dir), [], step);
      rmSync(dir, { recursive: true, force: true });
    });
  }
});
