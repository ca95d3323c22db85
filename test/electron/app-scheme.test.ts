/** keyslot://app/, the Electron window's own origin, answered under Node (electron/app-scheme.ts). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RENDERER_URL, WINDOW_CSP, appSchemeResponse, isAllowedUrl } from '../../electron/app-scheme';
import type { BootState } from '../../electron/ipc/contract';
import { rendererFiles } from '../../electron/renderer-files';

const BOOT: BootState = {
  appInfo: {
    version: '0',
    host: 'electron',
    hasTray: true,
    locale: 'de-DE',
    hasFileDialogs: true,
    canCaptureScreen: true,
  },
  settings: {
    clearCodeAfterS: 30,
    clearPasswordAfterS: 60,
    isStartMinimized: false,
    isCloseToTray: true,
    language: 'system',
    pickerShortcut: 'Ctrl+Alt+K',
    isPickerShortcutOn: true,
    isStartAtLogin: false,
    isTrayCopyNotified: true,
    pinnedSlots: [],
  },
  token: null,
  slots: [],
};

describe('the keyslot:// scheme', () => {
  let dir: string;
  let files: ReturnType<typeof rendererFiles>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyslot-scheme-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(
      join(dir, 'renderer', 'index.html'),
      '<html><body><div id="root"></div><script type="module" src="app.js"></script></body></html>',
    );
    writeFileSync(join(dir, 'renderer', 'app.js'), 'export const app = 1;');
    writeFileSync(join(dir, 'main.mjs'), 'export const main = 1;');
    files = rendererFiles({
      rendererDir: join(dir, 'renderer'),
      csp: WINDOW_CSP,
      bootState: async () => BOOT,
      prerender: () => '<p>first</p>',
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page with its first data and first HTML, under the window CSP', async () => {
    const r = await appSchemeResponse(RENDERER_URL, files);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-security-policy'), WINDOW_CSP);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    const page = await r.text();
    assert.match(page, /<div id="root"><p>first<\/p><\/div>/);
    assert.match(page, /"locale":"de-DE"/);
  });

  it('serves the scripts as JavaScript (modules need the type)', async () => {
    const r = await appSchemeResponse('keyslot://app/app.js', files);
    assert.equal(r.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await r.text(), 'export const app = 1;');
  });

  it("answers nothing for other hosts, other schemes, main's files or bad URLs", async () => {
    for (const url of [
      'keyslot://other/index.html',
      'keyslot://app.evil/index.html',
      'file:///etc/passwd',
      'keyslot://app/../main.mjs',
      'keyslot://app/%2e%2e/main.mjs',
      'keyslot://app/%2e%2e%2fmain.mjs',
      'not a url',
    ]) {
      const r = await appSchemeResponse(url, files);
      assert.equal(r.status, 404, url);
      assert.doesNotMatch(await r.text(), /main = 1/, url);
    }
  });

  it('lets the window load only its own origin and the developer tools', () => {
    assert.equal(isAllowedUrl('keyslot://app/index.html'), true);
    assert.equal(isAllowedUrl('keyslot://app/chunk-ABC.js'), true);
    assert.equal(isAllowedUrl('devtools://devtools/bundled/inspector.html'), true);
    for (const url of [
      'https://example.com/',
      'file:///home/u/.ssh/id_rsa',
      'keyslot://app.evil/x.js',
      'keyslot://appx/',
      'http://127.0.0.1:8080/',
    ])
      assert.equal(isAllowedUrl(url), false, url);
  });

  it('gives the window a CSP without inline scripts or styles, remote sources or connections', () => {
    assert.match(WINDOW_CSP, /default-src 'none'/);
    assert.match(WINDOW_CSP, /script-src 'self';/);
    assert.match(WINDOW_CSP, /style-src 'self';/);
    assert.match(WINDOW_CSP, /connect-src 'none'/);
    assert.doesNotMatch(WINDOW_CSP, /unsafe|https?:|\*/);
  });
});
