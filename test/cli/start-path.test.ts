/**
 * Issue 10's start-up path after the Nitrokey 3 arrived: a Pro's `otp get` neither carries nor loads the
 * Nitrokey 3 code, and enumerates HID once. dist/cli/fast.cjs (built here into a temporary folder) holds
 * no Nitrokey 3 module and hands a Nitrokey 3 command to the ESM bundle beside it; keyslot.mjs loads its
 * Nitrokey 3 chunks only for a Nitrokey 3. Module loads are traced by test/support/load-trace.mjs,
 * enumerations by test/support/hid-count.cjs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bridgeVirtualToken, run, type BridgedVirtualToken } from '../support/nitrocli';
import { tempStateFile } from '../support/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TRACE = join(root, 'test/support/load-trace.mjs');
const HID_COUNT = join(root, 'test/support/hid-count.cjs');
const RFC_SECRET = Buffer.from('12345678901234567890');
/** esbuild names each bundled module by its path (`__esm({"device/nk3/session.ts"(){…}})`). */
const NK3_MARKERS = ['"device/nk3/', '"device/virtual/nk3/', '"device/tokens/name-session.ts"', '"cli/names-'];

describe('start-up path of a slot token command', () => {
  let outdir = '';
  let v: BridgedVirtualToken;
  let dir = '';
  before(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'keyslot-cli-build-'));
    execFileSync(process.execPath, [join(root, 'scripts/build-cli.js')], {
      env: { ...process.env, KEYSLOT_CLI_OUTDIR: outdir },
      stdio: 'ignore',
    });
    dir = mkdtempSync(join(tmpdir(), 'keyslot-start-'));
    v = await bridgeVirtualToken({ model: 'pro', latency: 'none' });
    const set = await v.nitrocli(['otp', 'set', '0', 'a', RFC_SECRET.toString('hex'), '-a', 'hotp']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal((await v.nitrocli(['config', 'set', '-O'])).code, 0);
  });
  after(async () => v?.close());

  let n = 0;
  /** Runs `node [pre] file args` with the load trace and enumeration count; returns them with the result. */
  async function traced(pre: string[], file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    const trace = join(dir, `trace-${++n}`);
    const count = join(dir, `count-${n}`);
    const r = await run(process.execPath, ['-r', HID_COUNT, '--import', TRACE, ...pre, file, ...args], {
      ...v.env,
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      KEYSLOT_LOAD_TRACE: trace,
      KEYSLOT_HID_COUNT: count,
      // The bundles live in a temporary folder: node-hid is found through NODE_PATH.
      NODE_PATH: join(root, 'node_modules'),
      ...env,
    });
    const loaded = existsSync(trace) ? readFileSync(trace, 'utf8').split('\n') : [];
    return { ...r, loaded, enumerations: Number(readFileSync(count, 'utf8').trim()) };
  }

  it('fast.cjs holds no Nitrokey 3 module (and the marker finds the modules it does hold)', () => {
    const text = readFileSync(join(outdir, 'fast.cjs'), 'utf8');
    for (const marker of NK3_MARKERS) assert.ok(!text.includes(marker), `fast.cjs holds ${marker}`);
    assert.ok(text.includes('"device/token.ts"'));
  });

  it('fast.cjs: a Pro `otp get` through the bridge enumerates once and never loads the ESM bundle', async () => {
    const r = await traced([], join(outdir, 'fast.cjs'), ['--device', 'hid', 'otp', 'get', 'hotp:1']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '755224\n'); // RFC 4226 Appendix D, counter 0
    assert.equal(r.enumerations, 1);
    assert.ok(!r.loaded.some((u) => u.endsWith('/keyslot.mjs')), r.loaded.join('\n'));
  });

  it('fast.cjs hands a Nitrokey 3 command to the ESM bundle, which runs it', async () => {
    const state = join(dir, 'nk3.json');
    const r = await traced([], join(outdir, 'fast.cjs'), ['--device', `virtual-nk3:${state}`, 'otp', 'list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no credentials/);
    assert.ok(r.loaded.some((u) => u.endsWith('/keyslot.mjs')));
    const missing = await traced([], join(outdir, 'fast.cjs'), ['--device', `virtual-nk3:${state}`, 'otp', 'get', 'x']);
    assert.equal(missing.code, 5, missing.stderr); // not-found's exit code, set by keyslot.mjs
  });

  it('keyslot.mjs: a Pro `otp get` loads no chunk with Nitrokey 3 code; a Nitrokey 3 command does', async () => {
    const nk3Chunks = (loaded: string[]) =>
      loaded
        .filter((u) => u.startsWith('file:') && u.endsWith('.mjs'))
        .filter((u) => /\bNk3Session\b|\bNameSession\b|\bopenVirtualNk3File\b/.test(readFileSync(new URL(u), 'utf8')));
    const esm = join(outdir, 'keyslot.mjs');
    const pro = await traced([], esm, ['--device', 'hid', 'otp', 'get', 'hotp:2']);
    assert.equal(pro.code, 5, pro.stderr); // an empty slot: the token was opened, the slot read
    assert.equal(pro.enumerations, 1);
    assert.ok(pro.loaded.some((u) => u.includes('/chunks/cmd-otp-')));
    assert.deepEqual(nk3Chunks(pro.loaded), []);
    const nk3 = await traced([], esm, ['--device', `virtual-nk3:${tempStateFile()}`, 'otp', 'list']);
    assert.equal(nk3.code, 0, nk3.stderr);
    assert.notDeepEqual(nk3Chunks(nk3.loaded), []);
  });
});
