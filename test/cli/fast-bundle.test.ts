/**
 * dist/cli/fast.cjs (scripts/build-cli.js), the CommonJS bundle bin/keyslot.js runs the everyday
 * commands from: built here into a temporary folder, every command it must hold runs from it and
 * says the same as the sources do, and a command it leaves out fails loudly rather than silently.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempStateFile } from '../support/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** bin/keyslot.js FAST_COMMANDS, as `--help` invocations. */
const FAST = [
  ['otp', 'get'],
  ['otp', 'list'],
  ['otp', 'erase'],
  ['time', 'set'],
  ['status'],
  ['config', 'get'],
  ['config', 'set'],
];

describe('the fast CommonJS bundle', () => {
  let fast = '';
  before(() => {
    const outdir = mkdtempSync(join(tmpdir(), 'keyslot-cli-build-'));
    execFileSync(process.execPath, [join(root, 'scripts/build-cli.js')], {
      env: { ...process.env, KEYSLOT_CLI_OUTDIR: outdir },
      stdio: 'ignore',
    });
    fast = join(outdir, 'fast.cjs');
  });
  const runFast = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [fast, ...args], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir(), ...env } });

  for (const path of [[], ...FAST]) {
    it(`holds ${path.join(' ') || 'the main help'}: --help says what the sources say`, async () => {
      const r = runFast([...path, '--help']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, (await runCli([...path, '--help'])).stdout);
    });
  }

  it('makes a code on a virtual token', () => {
    const state = tempStateFile();
    const env = { KEYSLOT_ADMIN_PIN: '12345678' };
    const set = spawnSync(
      process.execPath,
      [
        join(root, 'bin/keyslot.js'),
        '--device',
        `virtual:${state}`,
        'otp',
        'set',
        'hotp:1',
        '--name',
        'a',
        '--hex',
        '3132333435363738393031323334353637383930',
      ],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
    assert.equal(set.status, 0, set.stderr);
    const r = runFast(['--device', `virtual:${state}`, 'otp', 'get', 'hotp:1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '755224\n'); // RFC 4226 Appendix D, counter 0
  });

  it('fails loudly for a command it leaves out', () => {
    const r = runFast(['pws', 'status']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /not in dist\/cli\/fast\.cjs/);
  });
});
