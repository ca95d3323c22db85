import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/keyslot.js', import.meta.url));

describe('bin/keyslot.js', () => {
  it('runs a command from another working directory and returns its exit code', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'keyslot-cwd-'));
    const state = join(cwd, 'token.json');
    const r = spawnSync(process.execPath, [bin, '--device', `virtual:${state}`, 'status', '--json'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, HOME: cwd },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).model, 'pro');
  });

  it('passes a failing exit code through', () => {
    const r = spawnSync(process.execPath, [bin, 'frobnicate'], { cwd: tmpdir(), encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^keyslot: Unknown command "frobnicate"/);
  });
});
