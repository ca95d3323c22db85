/**
 * The app's bundles decode QR codes on a worker thread: scripts/build-app.js writes qr-worker.mjs,
 * and a bundle of device/index.ts (as main.mjs is) finds it beside itself, in plain Node without
 * tsx. Without the file, the same bundle decodes on its own thread and says why.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { qrImageFile } from '../support/qr-images';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const A = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

// Stands in for main.mjs: decodes the file named on the command line and prints what happened.
const STAND_IN = `
import { readFileSync } from 'node:fs';
import { decodeQrImageAsync } from './device/index';
const fallbacks = [];
const scan = await decodeQrImageAsync(new Uint8Array(readFileSync(process.argv[2])), { onFallback: (reason) => fallbacks.push(reason) });
console.log(JSON.stringify({ scan, fallbacks }));
`;

describe('the QR worker in the app bundle', () => {
  let dir: string;
  let image: string;
  before(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-app.js')], { stdio: 'ignore' });
    // Inside the project, as dist/app is, so the bundles find jsqr, pngjs and jpeg-js in node_modules.
    dir = mkdtempSync(join(ROOT, 'dist', 'qr-worker-test-'));
    await build({
      stdin: { contents: STAND_IN, resolveDir: ROOT, loader: 'ts', sourcefile: 'stand-in.ts' },
      outfile: join(dir, 'main.mjs'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      external: ['electron', 'node-hid', 'usb'],
      logLevel: 'warning',
    });
    image = qrImageFile({ texts: [A], style: 'screenshot' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the stand-in with plain Node (no tsx) and returns what it printed; it must exit by itself. */
  function run(): { scan: unknown; fallbacks: string[] } {
    const r = spawnSync(process.execPath, [join(dir, 'main.mjs'), image], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(r.status, 0, `exit ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  it('decodes a QR code with the worker that build-app.js writes beside main.mjs', () => {
    const worker = join(ROOT, 'dist', 'app', 'qr-worker.mjs');
    assert.ok(existsSync(worker), 'dist/app/qr-worker.mjs was built');
    copyFileSync(worker, join(dir, 'qr-worker.mjs'));
    assert.deepEqual(run(), { scan: { ok: true, texts: [A] }, fallbacks: [] });
  });

  it('decodes on its own thread, and says why, when the worker file is missing', () => {
    rmSync(join(dir, 'qr-worker.mjs'), { force: true });
    const { scan, fallbacks } = run();
    assert.deepEqual(scan, { ok: true, texts: [A] });
    assert.equal(fallbacks.length, 1);
    assert.match(
      fallbacks[0],
      /^no QR worker could be started \((ERR_)?MODULE_NOT_FOUND: .*qr-worker\.mjs.*\); decoding on the calling thread$/,
    );
  });
});
