import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('electronegativity over electron/', () => {
  it('finds no high or medium issue', () => {
    const r = spawnSync(process.execPath, ['scripts/lint-app-electronegativity.js'], {
      encoding: 'utf8',
      timeout: 280_000,
    });
    assert.match(r.stdout, /0 high or medium/, r.stdout + r.stderr);
    assert.equal(r.status, 0);
  });
});
