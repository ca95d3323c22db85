/**
 * Starts the web host in this process over a fresh virtual token, and Debian's chromium through
 * playwright-core. Needs the renderer built (done here) and /usr/bin/chromium (scripts/ensure-system-deps.js).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openVirtualTokenFile, type TouchPolicy, type VirtualNk3, type VirtualToken } from '../../device/index';
import { openVirtualNk3, virtualNk3Opener } from '../../electron/services/named-discovery';
import type { ScreenCapturePort } from '../../electron/services/import-ports';
import { startWebHost, type WebHost } from '../../web-host/host';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
/**
 * Chromium's own UI that Electron's window does not have stays off: in headless mode Chromium loads
 * the address bar's popup as a page of its own (WebUIOmniboxPopup), which took about 750 ms of CPU
 * while one of our pages loaded (measured from a trace here) on this 2-core machine; Puppeteer turns
 * it off by default too. Chromium keeps only the last --disable-features, so this one repeats the
 * features playwright-core (1.64) turns off with its own.
 */
const DISABLED_FEATURES = [
  // playwright-core's list
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // and ours
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

let isBuilt = false;
/** Builds the renderer once per process. */
export function buildRenderer(): void {
  if (isBuilt) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-app.js'), '--renderer-only'], { stdio: 'ignore' });
  isBuilt = true;
}

export interface E2e {
  host: WebHost;
  virtual: VirtualToken;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dir: string;
  /** The virtual Nitrokey 3 beside the Pro, when asked for (`nk3`); the test presses its button. */
  nk3: VirtualNk3 | null;
  close(): Promise<void>;
}

/** A web host over a fresh virtual token and a chromium page open on it. */
export async function startE2e(
  opts: {
    colorScheme?: 'light' | 'dark';
    locale?: string;
    latency?: 'none';
    capture?: ScreenCapturePort;
    /** A virtual Nitrokey 3 plugged in beside the virtual Pro, its button answering by `touch`. */
    nk3?: { touch?: TouchPolicy };
  } = {},
): Promise<E2e> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (npm test installs it as root).`);
  buildRenderer();
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-e2e-'));
  const stateFile = join(dir, 'virtual-token.json');
  const virtual = await openVirtualTokenFile(
    stateFile,
    { model: 'pro' },
    opts.latency ? { latency: opts.latency } : {},
  );
  const nk3File = join(dir, 'virtual-nk3.json');
  const nk3 = opts.nk3 ? await openVirtualNk3(nk3File, opts.nk3.touch ?? 'accept') : null;
  const host = await startWebHost({
    ...(nk3 ? { named: [virtualNk3Opener(nk3, nk3File)] } : {}),
    device: { kind: 'virtual', stateFile },
    rendererDir: join(ROOT, 'dist', 'app', 'renderer'),
    userDataDir: dir,
    virtual: { token: virtual, stateFile },
    capture: opts.capture,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1000, height: 700 },
    colorScheme: opts.colorScheme ?? 'light',
    locale: opts.locale ?? 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(host.url);
  return {
    host,
    virtual,
    browser,
    context,
    page,
    dir,
    nk3,
    async close() {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a paste would give: the page's clipboard text. */
export function readClipboard(page: Page): Promise<string> {
  // Page code as a string: this program is typed for Node, without the DOM's globals.
  return page.evaluate<string>('navigator.clipboard.readText()');
}

/** The code the last copy put on the clipboard, once it is there (empty the clipboard before the copy). */
export async function copiedCode(page: Page, digits = 6): Promise<string> {
  const code = new RegExp(`^\\d{${digits}}$`);
  for (let i = 0; i < 160; i++) {
    const text = await readClipboard(page);
    if (code.test(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error('no code reached the clipboard');
}

/** Saves a screenshot of the current screen for the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Every run saves each screen under test-results/screenshots/; KEYSLOT_UPDATE_SCREENSHOTS=1 writes
  // the copies the README shows (docs/screenshots/), so a plain test run leaves the tree clean.
  const dir =
    process.env.KEYSLOT_UPDATE_SCREENSHOTS === '1'
      ? join(ROOT, 'docs', 'screenshots')
      : join(ROOT, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** oathtool's TOTP code for a base32 secret at `unixSeconds`. */
export function oathtoolTotp(base32: string, unixSeconds: number, digits = 6, period = 30): string {
  const now = new Date(unixSeconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync(
    'oathtool',
    [
      '--totp',
      '-b',
      `--digits=${digits}`,
      `--time-step-size=${period}s`,
      `--now=${now}`,
      base32.replace(/[\s-]/g, '').toUpperCase(),
    ],
    { encoding: 'utf8' },
  ).trim();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate runs through the DevTools protocol, so the page's strict CSP does not block axe.
  await page.evaluate(`${axeSource}\n;0`);
  const found = await page.evaluate(async () => {
    const r = await (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run();
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      where: v.nodes.map((n) => n.target.join(' ')).join(', '),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.where}`);
}

/** Records the slots of every code request the window makes to main ("totp/0"), until `restore`. */
export function spyCodeRequests(e: E2e): { asked: string[][]; restore(): void } {
  const asked: string[][] = [];
  const codes = e.host.services.codes;
  const original = codes.codes.bind(codes);
  codes.codes = (refs, userPin) => {
    asked.push(refs.map((r) => `${r.kind}/${r.index}`));
    return original(refs, userPin);
  };
  return { asked, restore: () => void (codes.codes = original) };
}

/** Opens a page whose scripts (all but renderer/early.ts) wait until `release` is called. */
export async function pageWithScriptsHeld(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; release(): void; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  page.on('pageerror', (err) => problems.push(err.message));
  let isHeld = true;
  const held: (() => void)[] = [];
  await page.route(
    (url) => url.pathname.endsWith('.js') && !url.pathname.includes('/early-'),
    async (route) => {
      if (isHeld) await new Promise<void>((resolve) => held.push(resolve));
      await route.continue();
    },
  );
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('input[type=search]:focus').waitFor();
  return {
    page,
    problems,
    release: () => {
      isHeld = false;
      for (const go of held.splice(0)) go();
    },
  };
}
