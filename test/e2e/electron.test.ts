/**
 * The real Electron app, driven by Playwright's _electron, over a virtual token. Electron's binary
 * is downloaded on demand (npx install-electron); where it is not installed this file says so
 * plainly and registers no test, rather than passing or skipping one; with KEYSLOT_REQUIRE_ELECTRON=1
 * (CI) a missing binary fails.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { _electron } from 'playwright-core';
import { electronBinary } from '../../scripts/start-app';
import { ROOT } from './support';

const binary = electronBinary();
if (!binary && process.env.KEYSLOT_REQUIRE_ELECTRON === '1') {
  // CI installs Electron first (.github/workflows/ci.yml): there a missing binary is a failure, not a skip.
  it('finds the Electron binary', () => assert.fail('KEYSLOT_REQUIRE_ELECTRON=1, but no Electron binary is installed'));
} else if (!binary) {
  console.log(
    'Electron end-to-end test did not run: no Electron binary is installed here (npx install-electron fetches it).',
  );
} else {
  describe('the Electron app', () => {
    it('opens a sandboxed window that shows the virtual token and no Node APIs', async () => {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-app.js')], { stdio: 'ignore' });
      const dir = mkdtempSync(join(tmpdir(), 'keyslot-electron-'));
      const app = await _electron.launch({
        executablePath: binary,
        args: ['--no-sandbox', join(ROOT, 'dist', 'app', 'main.mjs'), '--device', `virtual:${join(dir, 'state.json')}`],
        env: { ...process.env, XDG_CONFIG_HOME: dir },
      });
      try {
        const page = await app.firstWindow();
        await page.getByText('virtual', { exact: true }).waitFor();
        // The page comes from keyslot's own scheme (electron/app-scheme.ts), not from file://.
        assert.equal(page.url(), 'keyslot://app/index.html');
        assert.equal(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
        assert.equal(await page.evaluate<string>('typeof window.keyslot?.invoke'), 'function');
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
