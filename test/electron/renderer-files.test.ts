/** The renderer's files as the window gets them (web host and Electron's keyslot:// protocol). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BootState } from '../../electron/ipc/contract';
import { firstLanguage, loadPrerender, rendererFiles } from '../../electron/renderer-files';

const INDEX =
  '<!doctype html><html><head><title>t</title></head><body><div id="root"></div>\n    <script type="module" src="app.js"></script></body></html>';
const BOOT: BootState = {
  appInfo: { version: '0', host: 'web', hasTray: false, locale: '', hasFileDialogs: false, canCaptureScreen: false },
  settings: {
    clearCodeAfterS: 30,
    clearPasswordAfterS: 60,
    isStartMinimized: false,
    isCloseToTray: false,
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
const CSP = "default-src 'none'";

describe('renderer files', () => {
  let dir: string;
  let rendererDir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyslot-files-'));
    rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), INDEX);
    writeFileSync(join(rendererDir, 'app.js'), 'export {};');
    writeFileSync(join(rendererDir, 'notes.txt'), 'not served');
    // Beside the renderer folder, as main.mjs and prerender.mjs are: never served.
    writeFileSync(join(dir, 'secret.js'), 'export const x = 1;');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a script with its type, the CSP and no caching', async () => {
    const files = rendererFiles({ rendererDir, csp: CSP });
    const r = await files('/app.js', false);
    assert.equal(r.status, 200);
    assert.equal(String(r.body), 'export {};');
    assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(r.headers['content-security-policy'], CSP);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['cache-control'], 'no-store');
  });

  it('refuses paths outside the renderer folder, unknown types and missing files', async () => {
    const files = rendererFiles({ rendererDir, csp: CSP });
    for (const path of [
      '/../secret.js',
      '/%2e%2e/secret.js',
      '/..%2fsecret.js',
      '/notes.txt',
      '/missing.js',
      '/%E0%A4%A',
      '/app.js%00.css',
    ]) {
      const r = await files(path, false);
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(String(r.body), /export/, path);
    }
  });

  it('gives the page its data and the first HTML inside the root element', async () => {
    const files = rendererFiles({
      rendererDir,
      csp: CSP,
      bootState: async () => BOOT,
      prerender: (b) => `<p>${b.slots.length} slots</p>`,
    });
    const page = String((await files('/', true)).body);
    assert.match(page, /<div id="root"><p>0 slots<\/p><\/div>/);
    assert.match(page, /<script type="application\/json" id="keyslot-boot">/);
    assert.ok(page.indexOf('keyslot-boot') < page.indexOf('src="app.js"'));
  });

  it('serves the quick picker as the same page with its data and its own first HTML', async () => {
    const files = rendererFiles({
      rendererDir,
      csp: CSP,
      bootState: async () => BOOT,
      prerender: (b, page) => `<p>${page}: ${b.slots.length} slots</p>`,
    });
    const r = await files('/picker', true);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    const page = String(r.body);
    assert.match(page, /<div id="root"><p>picker: 0 slots<\/p><\/div>/);
    assert.match(page, /<script type="application\/json" id="keyslot-boot">/);
    assert.match(String((await files('/', true)).body), /<div id="root"><p>window: 0 slots<\/p><\/div>/);
    assert.equal((await files('/picker/x', true)).status, 404);
  });

  it("passes the browser's first language to the page's data", async () => {
    const asked: (string | null)[] = [];
    const files = rendererFiles({
      rendererDir,
      csp: CSP,
      bootState: async ({ locale }) => (
        asked.push(locale),
        { ...BOOT, appInfo: { ...BOOT.appInfo, locale: locale ?? '' } }
      ),
    });
    assert.match(String((await files('/', true, 'de-DE')).body), /"locale":"de-DE"/);
    await files('/', true);
    assert.deepEqual(asked, ['de-DE', null]);
  });

  it('reads the first language of an Accept-Language header, and nothing else', () => {
    assert.equal(firstLanguage('de-DE,de;q=0.9,en;q=0.8'), 'de-DE');
    assert.equal(firstLanguage('en'), 'en');
    assert.equal(firstLanguage(' fr-CH ; q=1'), 'fr-CH');
    for (const header of [undefined, '', '*', 'de"><script>', '12-34', 'x'.repeat(9)])
      assert.equal(firstLanguage(header), null, String(header));
  });

  it('gives a page asked for without the right to its data neither data nor first HTML', async () => {
    let drawn = 0;
    const files = rendererFiles({
      rendererDir,
      csp: CSP,
      bootState: async () => BOOT,
      prerender: () => `<p>${++drawn}</p>`,
    });
    assert.equal(String((await files('/index.html', false)).body), INDEX);
    assert.equal(drawn, 0);
  });

  it('still sends the data when drawing the first HTML fails, and says so without the data', async () => {
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined };
    const files = rendererFiles({
      rendererDir,
      csp: CSP,
      bootState: async () => ({
        ...BOOT,
        slots: [{ slot: { kind: 'totp', index: 0 }, name: 'Bank', digits: 6, period: 30 }],
      }),
      log,
      prerender: () => {
        throw new Error('hooks outside a component');
      },
    });
    const page = String((await files('/index.html', true)).body);
    assert.match(page, /<div id="root"><\/div>/);
    assert.match(page, /"name":"Bank"/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /prerender failed: hooks outside a component/);
    assert.doesNotMatch(warnings[0], /Bank/);
  });

  it('loads a built prerender module, and none where the file is missing or has no renderFirstHtml', async () => {
    writeFileSync(
      join(dir, 'good.mjs'),
      'export function renderFirstHtml(boot) { return `<i>${boot.slots.length}</i>`; }',
    );
    writeFileSync(join(dir, 'bad.mjs'), 'export const other = 1;');
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined };
    assert.equal((await loadPrerender(join(dir, 'good.mjs'), log))?.(BOOT), '<i>0</i>');
    assert.equal(await loadPrerender(join(dir, 'absent.mjs'), log), null);
    assert.equal(await loadPrerender(join(dir, 'bad.mjs'), log), null);
    assert.equal(warnings.length, 1);
  });
});
