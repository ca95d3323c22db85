/**
 * Issue 9 item 3: processes that share one virtual token state file never lose each other's writes.
 * Each command runs under the file's cross-process lock and starts from the file's current contents
 * (device/virtual/state-file.ts, file-lock.ts). Real processes, no shortcuts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startWebHost } from '../../../web-host/host';
import { DEFAULT_PIN_ENV, runCli } from '../../support/cli';

const CHILD = fileURLToPath(new URL('./shared-state-child.ts', import.meta.url));
const KEYSLOT = fileURLToPath(new URL('../../../bin/keyslot.js', import.meta.url));
const B32 = 'JBSWY3DPEHPK3PXP';
const baseEnv = { ...process.env, HOME: '/nonexistent-home', KEYSLOT_ADMIN_PIN: '', KEYSLOT_USER_PIN: '' };

function exited(p: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve) => p.on('exit', (code) => resolve(code ?? -1)));
}

async function names(file: string): Promise<Record<string, string>> {
  const r = await runCli(['otp', 'list', '--json'], { stateFile: file });
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout) as { slot: string; isEmpty: boolean; name?: string }[];
  return Object.fromEntries(list.filter((s) => !s.isEmpty).map((s) => [s.slot, s.name!]));
}

describe('one virtual token shared by several processes (issue 9 item 3)', () => {
  it('a CLI waiting at the admin PIN prompt does not erase totp:2, which another process wrote meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-shared-'));
    const file = join(dir, 'token.json');
    try {
      assert.equal((await runCli(['status'], { stateFile: file })).code, 0); // the file exists
      const a = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          CHILD,
          'prompt',
          '--device',
          `virtual:${file}`,
          'otp',
          'set',
          'totp:1',
          '--name',
          'a',
          '--secret',
          B32,
        ],
        { env: baseEnv, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let aErr = '';
      await new Promise<void>((resolve, reject) => {
        a.stderr!.on('data', (d) => {
          aErr += d;
          if (/admin PIN/i.test(aErr)) resolve();
        });
        a.on('exit', () => reject(new Error(`A ended before its prompt: ${aErr}`)));
      });
      // B: the real keyslot command, start to end, while A waits at its prompt.
      const b = spawn(
        process.execPath,
        [KEYSLOT, '--device', `virtual:${file}`, 'otp', 'set', 'totp:2', '--name', 'b', '--secret', B32],
        { env: { ...baseEnv, KEYSLOT_ADMIN_PIN: '12345678' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      assert.equal(await exited(b), 0);
      assert.deepEqual(await names(file), { 'totp:2': 'b' });
      a.stdin!.end('12345678\n');
      assert.equal(await exited(a), 0, aErr);
      assert.deepEqual(await names(file), { 'totp:1': 'a', 'totp:2': 'b' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the app's web host and the CLI write 50 rounds each at the same time; nothing is lost", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-shared-'));
    const file = join(dir, 'token.json');
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    const host = await startWebHost({
      device: { kind: 'virtual', stateFile: file },
      rendererDir: join(dir, 'renderer'),
      prerenderFile: null,
      userDataDir: dir,
    });
    try {
      while (!host.services.session.isAttached) await new Promise((r) => setTimeout(r, 20));
      const cli = spawn(process.execPath, ['--import', 'tsx', CHILD, 'rounds', '50', file], {
        env: { ...baseEnv, ...DEFAULT_PIN_ENV },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let cliErr = '';
      cli.stderr!.on('data', (d) => (cliErr += d));
      const cliDone = exited(cli);
      const write = host.services.handlers['slot/write'];
      const erase = host.services.handlers['slot/erase'];
      for (let i = 0; i < 50; i++) {
        const slot = { kind: 'totp' as const, index: 7 + (i % 7) };
        await write({
          slot,
          name: `h${i}`,
          secret: { text: B32, encoding: 'base32' },
          digits: 6,
          period: 30,
          adminPin: '12345678',
          isOverwriteConfirmed: true,
        });
        // The host also erases: HOTP 1, written by the host every round, then erased on odd rounds.
        if (i % 2 === 1) await erase({ slot: { kind: 'hotp', index: 0 }, adminPin: '12345678' });
        else
          await write({
            slot: { kind: 'hotp', index: 0 },
            name: `e${i}`,
            secret: { text: B32, encoding: 'base32' },
            digits: 6,
            counter: '0',
            adminPin: '12345678',
            isOverwriteConfirmed: true,
          });
      }
      assert.equal(await cliDone, 0, cliErr);
      const expected: Record<string, string> = {};
      for (let i = 0; i < 50; i++) expected[`totp:${1 + (i % 7)}`] = `c${i}`;
      for (let i = 0; i < 50; i++) expected[`totp:${8 + (i % 7)}`] = `h${i}`;
      assert.deepEqual(await names(file), expected);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
