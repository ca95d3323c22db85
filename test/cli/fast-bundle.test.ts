/**
 * dist/cli/fast.cjs (scripts/build-cli.js), the CommonJS bundle bin/keyslot.cjs runs the everyday
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
import { Token, VirtualTransport, openVirtualTokenFile } from '../../device/index';
import { runCli, tempStateFile } from '../support/cli';

const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

const root = fileURLToPath(new URL('../..', import.meta.url));
/** bin/keyslot.cjs FAST_COMMANDS, as `--help` invocations. */
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

  it('makes a code on a virtual token', async () => {
    const state = tempStateFile();
    const virtual = await openVirtualTokenFile(state, { model: 'pro' }, { latency: 'none' });
    const token = await Token.open(new VirtualTransport(virtual, state));
    await token.authenticate('admin', '12345678');
    await token.writeSlot({ kind: 'hotp', index: 0 }, { name: 'a', secret: RFC_SECRET, digits: 6 });
    await token.close();
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
