/**
 * The first HTML the host draws from the boot data (renderer/prerender.tsx, built into
 * dist/app/prerender.mjs): what it draws under Node, what a browser shows before any script runs,
 * and the page after the renderer has taken that markup over (hydration) in chromium.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Token, VirtualTransport, openVirtualTokenFile, type VirtualToken } from '../../device/index';
import type { BootState } from '../../electron/ipc/contract';
import { startWebHost, type WebHost } from '../../web-host/host';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, buildRenderer, oathtoolTotp, readClipboard } from './support';

const SECRET_BYTES = new Uint8Array(20).map((_, i) => 0x30 + i);
/** SECRET_BYTES in base32, for oathtool. */
const SECRET_B32 = 'GAYTEMZUGU3DOOBZHI5TYPJ6H5AECQSD';

type RenderFirstHtml = (boot: BootState, page?: 'window' | 'picker') => string;

/** The page's console errors and warnings and its uncaught errors (a refused hydration is one), as they come. */
function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

describe('the first HTML drawn by the host', () => {
  let dir: string;
  let stateFile: string;
  let virtual: VirtualToken;
  let host: WebHost;
  let browser: Browser;
  let renderFirstHtml: RenderFirstHtml;
  let boot: BootState;

  before(async () => {
    buildRenderer();
    dir = mkdtempSync(join(tmpdir(), 'keyslot-first-html-'));
    stateFile = join(dir, 'virtual-token.json');
    virtual = await openVirtualTokenFile(stateFile, { model: 'pro' }, { latency: 'none' });
    const token = await Token.open(new VirtualTransport(virtual, stateFile));
    await token.authenticate('admin', '12345678');
    for (let index = 0; index < 15; index++)
      await token.writeSlot(
        { kind: 'totp', index },
        { name: `Site ${index + 1}`, secret: SECRET_BYTES, digits: 6, period: 30 },
      );
    for (let index = 0; index < 3; index++)
      await token.writeSlot(
        { kind: 'hotp', index },
        { name: `Door <${index + 1}>`, secret: SECRET_BYTES, digits: 6, counter: 0n },
      );
    await token.close();
    host = await startWebHost({
      device: { kind: 'virtual', stateFile },
      rendererDir: join(ROOT, 'dist', 'app', 'renderer'),
      userDataDir: dir,
      virtual: { token: virtual, stateFile },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    renderFirstHtml = (
      (await import(pathToFileURL(join(ROOT, 'dist', 'app', 'prerender.mjs')).href)) as {
        renderFirstHtml: RenderFirstHtml;
      }
    ).renderFirstHtml;
    boot = await host.services.bootState();
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the token panel and every slot under Node, names escaped and without style attributes', () => {
    const html = renderFirstHtml(boot);
    assert.equal(html.match(/data-testid="slot-row"/g)?.length, 18);
    assert.match(html, /Nitrokey Pro/);
    assert.match(html, />Site 15</);
    assert.match(html, />Door &lt;3(>|&gt;)</);
    assert.doesNotMatch(html, /<script/);
    // The CSP refuses style attributes: the countdown bar is set through the CSSOM after hydration.
    assert.doesNotMatch(html, /\sstyle=/);
  });

  it('starts every page from a clean store and speaks the language of the settings', () => {
    const german = renderFirstHtml({ ...boot, settings: { ...boot.settings, language: 'de' } });
    assert.match(german, /Einmalpasswörter/);
    assert.match(german, /lang="de"/);
    const none = renderFirstHtml({ ...boot, token: null, slots: [] });
    assert.match(none, /No token plugged in/);
    assert.doesNotMatch(none, /slot-row|token-panel|Einmalpasswörter/);
  });

  it("draws the quick picker's page as the picker, with its search and no window around it", () => {
    const html = renderFirstHtml(boot, 'picker');
    assert.match(html, /class="app picker"/);
    assert.match(html, /<input[^>]*autofocus=""[^>]*type="search"[^>]*class="picker-search"/);
    assert.doesNotMatch(html, /token-panel|slot-row/);
    assert.match(renderFirstHtml(boot), /data-testid="slot-row"/); // the window again afterwards
  });

  it('shows the token and its 18 slots in a browser before any script has run', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(host.url);
      assert.equal(await page.getByTestId('slot-row').count(), 18);
      assert.equal(await page.getByTestId('admin-tries').textContent(), '3');
    } finally {
      await context.close();
    }
  });

  it("draws the first HTML in the browser's language (Accept-Language), and the renderer takes it over", async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    try {
      const page = await context.newPage();
      const response = await page.goto(host.url);
      assert.match(
        (await response?.text()) ?? '',
        /<div [^>]*\blang="de"[^>]*>.*aria-label="Code von Site 1 kopieren"/s,
      );
      await page.getByRole('button', { name: 'Code von Site 1 kopieren' }).waitFor();
      assert.equal(await page.getByTestId('slot-row').count(), 18);
    } finally {
      await context.close();
    }
  });

  it("draws itself where the host's first HTML is in another language, leaving no English word or label", async () => {
    // A browser whose Accept-Language (English) disagrees with its own language (German): taking
    // the English markup over would keep its English attributes, so the renderer draws anew.
    const context = await browser.newContext({ locale: 'de-DE' });
    try {
      const page = await context.newPage();
      await page.route(`${new URL(host.url).origin}/**`, (route) =>
        route.continue({ headers: { ...route.request().headers(), 'accept-language': 'en-US' } }),
      );
      const response = await page.goto(host.url);
      assert.match((await response?.text()) ?? '', /aria-label="Copy the code of Site 1"/);
      await page.getByRole('button', { name: 'Code von Site 1 kopieren' }).waitFor();
      assert.equal(await page.locator('.app').getAttribute('lang'), 'de');
      assert.equal(await page.getByRole('button', { name: 'Copy the code of Site 1' }).count(), 0);
      assert.equal(await page.getByTestId('slot-row').count(), 18);
    } finally {
      await context.close();
    }
  });

  it("opens a dialog in the click's own turn once the dialogs' chunk is there", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(host.url);
      // The first dialog may wait for the chunk; afterwards it is in.
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // Another dialog, opened for the first time: drawn by the click's own render, not held back
      // behind a Suspense fallback (React throttles revealing one by about 300 ms).
      const isOpenAtOnce = await page.evaluate(`(async () => {
        [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add slot')?.click();
        await new Promise((resolve) => setTimeout(resolve, 0));
        return document.querySelector('dialog[open] h2')?.textContent ?? null;
      })()`);
      assert.equal(isOpenAtOnce, 'Add a slot');
    } finally {
      await context.close();
    }
  });

  it('is taken over without a mismatch when its countdown seconds have moved on meanwhile', async () => {
    // The scripts arrive over a second after the HTML: the rows' "s left" drawn by the host are no
    // longer what the first client render computes, and React must not refuse the markup for that.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = consoleProblems(page);
      await page.route(
        (url) => url.pathname.endsWith('.js'),
        async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 1_200));
          await route.continue();
        },
      );
      const response = await page.goto(host.url);
      assert.match((await response?.text()) ?? '', /class="countdown"[^>]*>\d+ s left</);
      await page.waitForFunction(
        'getComputedStyle(document.querySelector(".countdown")).getPropertyValue("--left") !== ""',
      );
      // The next tick has redrawn the seconds; a refused hydration would have been reported by now.
      await page.waitForTimeout(1_100);
      assert.equal(await page.getByTestId('slot-row').count(), 18);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('is taken over by the renderer: one set of rows, a live countdown, copy works, no console error', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    try {
      const page = await context.newPage();
      const problems = consoleProblems(page);
      await page.goto(host.url);
      const bar = page.getByTestId('slot-row').first().locator('.countdown');
      // The ref sets the bar's length once the renderer owns the markup.
      await page.waitForFunction(
        'getComputedStyle(document.querySelector(".countdown")).getPropertyValue("--left") !== ""',
      );
      assert.match((await bar.getAttribute('style')) ?? '', /--left: \d+(\.\d+)?%/);
      assert.equal(await page.getByTestId('slot-row').count(), 18);
      const t0 = Math.floor(Date.now() / 1000);
      await page.getByRole('button', { name: 'Copy the code of Site 2' }).click();
      await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
      const t1 = Math.floor(Date.now() / 1000);
      const pasted = await readClipboard(page);
      // The virtual Pro's free-running tick may have crossed a step boundary (reference §14.1).
      const expected = new Set([t0 - 30, t0, t1, t1 + 30].map((t) => oathtoolTotp(SECRET_B32, t)));
      assert.ok(expected.has(pasted), `pasted ${pasted}`);
      // A dialog opens from its chunk.
      await page.getByRole('button', { name: 'Add slot' }).click();
      await page.getByRole('dialog').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
