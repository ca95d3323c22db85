/**
 * Desktop-app figures for `npm run bench`: renderer JavaScript size (gzip), the first frame with 18
 * programmed slots and the moment they are clickable (taken over by React) in headless chromium,
 * and click-to-clipboard time through the web host against the virtual token (with its realistic
 * latency). Each is printed against its goal (issue 8) and beside the same figure measured with the
 * renderer on preact/compat before the move to React (bench/baseline-preact.json).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { Token, VirtualTransport, openVirtualTokenFile } from '../device/index';
import { startWebHost } from '../web-host/host';
import { CHROMIUM_ARGS } from '../test/e2e/support';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface AppBenchmark {
  name: string;
  value: number;
  unit: string;
  /** The goal, whether it is met, and the figure before React (bench/run.ts prints it as one column). */
  goal: string;
}

/** One figure: its key in bench/baseline-preact.json, and its goal as an upper bound. */
interface Figure {
  key: 'jsAll' | 'jsFirst' | 'firstFrame' | 'interactive' | 'mainThreadCpu' | 'clickToClipboard';
  name: string;
  unit: 'KB' | 'ms';
  /** The goal; none for a figure that only explains the others. */
  max: number | null;
}

const FIGURES: Figure[] = [
  { key: 'jsAll', name: 'renderer JavaScript, all chunks (gzip)', unit: 'KB', max: 200 },
  { key: 'jsFirst', name: 'renderer JavaScript before first render (gzip)', unit: 'KB', max: 200 },
  { key: 'firstFrame', name: 'first frame with 18 slots (headless chromium)', unit: 'ms', max: 150 },
  { key: 'interactive', name: 'interactive: the 18 rows clickable', unit: 'ms', max: 200 },
  // CPU time rather than wall-clock: it hardly grows when other work shares the machine.
  { key: 'mainThreadCpu', name: "  the page's main-thread CPU until then", unit: 'ms', max: null },
  { key: 'clickToClipboard', name: 'click to clipboard via web host (median)', unit: 'ms', max: 50 },
];

interface Baseline {
  date: string;
  renderer: string;
  loadAverage: string;
  figures: Record<Figure['key'], { value: number; unit: string; runs: number[] }>;
}

const BASELINE_FILE = fileURLToPath(new URL('./baseline-preact.json', import.meta.url));
const readBaseline = (): Baseline | null =>
  existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline) : null;

/** The row for `figure` measured as `value`, with its goal and the figure before React. */
function row(figure: Figure, value: number, baseline: Baseline | null): AppBenchmark {
  const before = baseline?.figures[figure.key];
  const was = before ? `before (preact, ${baseline.date}): ${before.value} ${before.unit}` : 'no figure before';
  const goal =
    figure.max === null
      ? 'none'.padEnd(17)
      : `≤ ${figure.max} ${figure.unit} ${(value <= figure.max ? 'met' : 'NOT met').padEnd(8)}`;
  return { name: figure.name, value, unit: figure.unit, goal: `${goal}${was}` };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Fills all 15 TOTP and 3 HOTP slots of the virtual token in `stateFile`. */
async function programEighteenSlots(stateFile: string): Promise<void> {
  const virtual = await openVirtualTokenFile(stateFile, { model: 'pro' }, { latency: 'none' });
  const token = await Token.open(new VirtualTransport(virtual, stateFile));
  await token.authenticate('admin', '12345678');
  const secret = new Uint8Array(20).map((_, i) => i + 1);
  for (let index = 0; index < 15; index++)
    await token.writeSlot({ kind: 'totp', index }, { name: `Site ${index + 1}`, secret, digits: 6, period: 30 });
  for (let index = 0; index < 3; index++)
    await token.writeSlot({ kind: 'hotp', index }, { name: `Door ${index + 1}`, secret, digits: 6, counter: 0n });
  await token.close();
}

// Page scripts are strings: tsx would add helpers (__name) to functions that the page does not have.
/**
 * Sets window.__keyslotFirstRender18 to a promise of performance.now() (ms since navigation start)
 * at the first animation frame with 18 slot rows, and window.__keyslotInteractive18 to the first
 * frame at which the renderer's script owns them (the countdown's ref has set its bar: with the
 * host's first HTML, the rows show before the script has run, and clicks work from this moment).
 * It is installed as an init script, so it runs from the document's start: started from
 * page.evaluate after page.goto, the check would begin only after the load event and a protocol
 * round trip, and a page that drew its rows before then would be reported at the time the check
 * arrived rather than when it drew them.
 */
const WAIT_FOR_18_ROWS = `window.__keyslotFirstRender18 = new Promise((resolve) => {
  const check = () => (document.querySelectorAll('[data-testid=slot-row]').length === 18 ? resolve(performance.now()) : requestAnimationFrame(check));
  check();
});
window.__keyslotInteractive18 = new Promise((resolve) => {
  const isOwned = () => document.querySelectorAll('[data-testid=slot-row]').length === 18 && document.querySelector('.countdown')?.style.getPropertyValue('--left');
  const check = () => (isOwned() ? resolve(performance.now()) : requestAnimationFrame(check));
  check();
})`;

/** Clicks a slot and resolves with the ms until the page's clipboard is written. */
const CLICK_TO_CLIPBOARD = `new Promise((resolve) => {
  const clipboard = navigator.clipboard;
  const write = clipboard.writeText.bind(clipboard);
  const t0 = performance.now();
  clipboard.writeText = async (text) => {
    const t1 = performance.now();
    clipboard.writeText = write;
    await write(text);
    resolve(t1 - t0);
  };
  document.querySelector('button[aria-label="Copy the code of Site 1"]').click();
})`;

/** The app's figures, each against its goal and beside the figure before React. */
export async function appBenchmarks(): Promise<AppBenchmark[]> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-app.js'), '--renderer-only'], { stdio: 'ignore' });
  // All of the renderer's JavaScript (app.js, the chunk it preloads, the dialogs' chunk), and the
  // part the page loads before its first render.
  const rendererDir = join(ROOT, 'dist', 'app', 'renderer');
  const gzipKb = (files: string[]) =>
    Math.round(
      files.reduce((n, f) => n + gzipSync(readFileSync(join(rendererDir, f)), { level: 9 }).length, 0) / 102.4,
    ) / 10;
  const all = readdirSync(rendererDir).filter((f) => f.endsWith('.js'));
  const index = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const preloaded = [...index.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
  // The page's script (app-HASH.js; app.js is only a stub importing it for the old name).
  const script = /<script type="module" src="([^"]+)"/.exec(index)?.[1] ?? 'app.js';
  const values: Partial<Record<Figure['key'], number>> = {
    jsAll: gzipKb(all.filter((f) => f !== 'app.js' || script === 'app.js')),
    jsFirst: gzipKb([script, ...preloaded]),
  };

  const dir = mkdtempSync(join(tmpdir(), 'keyslot-bench-'));
  const stateFile = join(dir, 'virtual-token.json');
  await programEighteenSlots(stateFile);
  const virtual = await openVirtualTokenFile(stateFile, { model: 'pro' });
  const host = await startWebHost({
    device: { kind: 'virtual', stateFile },
    rendererDir: join(ROOT, 'dist', 'app', 'renderer'),
    userDataDir: dir,
    virtual: { token: virtual, stateFile },
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    const firstRender: number[] = [];
    const interactive: number[] = [];
    const mainThreadCpu: number[] = [];
    await context.addInitScript(WAIT_FOR_18_ROWS);
    for (let i = 0; i < 9; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(host.url);
      // performance.now() counts from the navigation's start.
      firstRender.push(await page.evaluate<number>('window.__keyslotFirstRender18'));
      interactive.push(await page.evaluate<number>('window.__keyslotInteractive18'));
      // The page has a renderer process of its own (about:blank's was another): its main thread's
      // CPU time since it started.
      const { metrics } = await cdp.send('Performance.getMetrics');
      mainThreadCpu.push(1000 * (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN));
      await page.close();
    }
    values.firstFrame = Math.round(median(firstRender));
    values.interactive = Math.round(median(interactive));
    values.mainThreadCpu = Math.round(median(mainThreadCpu));

    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByTestId('slot-row').nth(17).waitFor();
    const clicks: number[] = [];
    for (let i = 0; i < 15; i++) {
      clicks.push(await page.evaluate<number>(CLICK_TO_CLIPBOARD));
    }
    values.clickToClipboard = Math.round(median(clicks) * 10) / 10;
  } finally {
    await browser.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const baseline = readBaseline();
  // The times are wall-clock on a shared 2-core machine: the load says how far to trust them.
  const load: AppBenchmark = {
    name: 'machine load while measuring (1-min average)',
    value: Math.round(loadavg()[0] * 10) / 10,
    unit: '',
    goal: `— (the preact figures: ${baseline?.loadAverage ?? 'unknown'})`,
  };
  return [...FIGURES.map((f) => row(f, values[f.key] ?? NaN, baseline)), load];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const m of await appBenchmarks())
    console.log(`${m.name.padEnd(50)}${`${m.value} ${m.unit}`.padEnd(16)}goal ${m.goal}`);
}
