/**
 * The clipboard markers on a real X server (issue 13): a real Electron writes a code with
 * electron/private-clipboard.ts under Xvfb, and xclip, as a clipboard manager would, asks the X
 * CLIPBOARD selection for its targets: x-kde-passwordManagerHint must be offered, holding
 * "secret", beside the text. Needs Linux, Electron's binary (npx install-electron), Xvfb and xclip;
 * where one is missing this file says which and registers no test, rather than passing or skipping one;
 * with KEYSLOT_REQUIRE_ELECTRON=1 (CI, on Linux) a missing one fails.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function electronBinary(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const pathFile = join(dirname(pkg), 'path.txt');
    const binary = existsSync(pathFile) ? join(dirname(pkg), 'dist', readFileSync(pathFile, 'utf8').trim()) : '';
    return binary && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function onPath(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const binary = process.platform === 'linux' ? electronBinary() : null;
const missing = [
  process.platform !== 'linux' && 'Linux',
  process.platform === 'linux' && !binary && 'an Electron binary (npx install-electron)',
  !onPath('Xvfb') && 'Xvfb (apt-get install xvfb)',
  !onPath('xclip') && 'xclip (apt-get install xclip)',
].filter(Boolean);

/** Resolves with the first line a child prints that matches, or rejects when it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${out}`)), ms);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.split('\n').find((l) => pattern.test(l));
      if (m !== undefined) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before ${pattern}:\n${out}`));
    });
  });
}

if (missing.length > 0 && process.env.KEYSLOT_REQUIRE_ELECTRON === '1' && process.platform === 'linux') {
  // CI installs Electron, Xvfb and xclip first (.github/workflows/ci.yml): there a missing one is a failure.
  it('finds Electron, Xvfb and xclip', () =>
    assert.fail(`KEYSLOT_REQUIRE_ELECTRON=1, but this needs ${missing.join(', ')}`));
} else if (missing.length > 0) {
  console.log(`X11 clipboard-marker check did not run: it needs ${missing.join(', ')}.`);
} else {
  describe('the clipboard markers on an X server', () => {
    it('offers x-kde-passwordManagerHint = secret beside the code on the CLIPBOARD selection', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'keyslot-x11-'));
      const display = `:${90 + Math.floor(Math.random() * 9)}`;
      const xvfb = spawn('Xvfb', [display, '-screen', '0', '640x480x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      let electron: ChildProcess | null = null;
      try {
        await build({
          entryPoints: [join(ROOT, 'electron', 'private-clipboard.ts')],
          bundle: true,
          platform: 'node',
          format: 'esm',
          external: ['electron'],
          outfile: join(dir, 'private-clipboard.mjs'),
          logLevel: 'silent',
        });
        writeFileSync(
          join(dir, 'main.mjs'),
          [
            "import { app } from 'electron';",
            "import { writePrivateText } from './private-clipboard.mjs';",
            'app.whenReady().then(async () => {',
            "  await writePrivateText('123456', console);",
            "  console.log('written');",
            '});',
          ].join('\n'),
        );
        writeFileSync(join(dir, 'package.json'), '{"type":"module","main":"main.mjs"}');
        await new Promise((r) => setTimeout(r, 500)); // Xvfb takes the display
        const env = { ...process.env, DISPLAY: display, WAYLAND_DISPLAY: '', XDG_SESSION_TYPE: 'x11' };
        electron = spawn(binary!, ['--no-sandbox', '--disable-gpu', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        await waitForLine(electron, /^written$/, 20_000);
        // The writer must stay alive: on X11 the selection's owner answers each request itself.
        const xclip = (target: string) =>
          execFileSync('xclip', ['-selection', 'clipboard', '-o', '-t', target], { env, encoding: 'utf8' });
        const targets = xclip('TARGETS')
          .split('\n')
          .map((t) => t.trim());
        assert.ok(targets.includes('x-kde-passwordManagerHint'), `targets: ${targets.join(', ')}`);
        assert.equal(xclip('x-kde-passwordManagerHint'), 'secret');
        assert.equal(xclip('UTF8_STRING'), '123456');
      } finally {
        electron?.kill();
        xvfb.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
