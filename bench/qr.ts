/**
 * QR decoding figures for `npm run bench` (called from bench/run.ts): how long the calling thread
 * stalls while a screenshot is decoded on a worker, directly and through the app's import service;
 * how soon a decode past its time limit is refused; and the CPU the process uses after that. The
 * tests (test/device/otp/qr-async.test.ts, test/electron/services/import-service.test.ts) assert
 * the behaviour behind these figures; the times, which load on a shared machine changes, live here.
 */
import { PNG } from 'pngjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeQrImage, decodeQrImageAsync, decodeQrRgbaAsync } from '../device/index';
import { call } from '../electron/ipc/serve';
import { makeHarness } from '../test/electron/support/harness';
import { blankScreen, qrImage } from '../test/support/qr-images';

const RUNS = Number(process.env.KEYSLOT_BENCH_RUNS ?? 7);
const URI = 'otpauth://totp/GitHub:ann?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';

export interface QrBenchmark {
  name: string;
  value: number;
  unit: string;
  /** The figure's limit: the value must be below it. */
  below: number;
}

/** The longest stretch, in ms, in which a 10 ms interval timer of this thread could not run while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 10);
  try {
    await work();
    tick();
  } finally {
    clearInterval(timer);
  }
  return longest;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function medianOf(work: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) xs.push(await work());
  return median(xs);
}

/** Measures the figures (median of KEYSLOT_BENCH_RUNS runs each, 7 by default). */
export async function qrBenchmarks(): Promise<QrBenchmark[]> {
  const png = qrImage({ texts: [URI], style: 'screenshot' });
  const size = PNG.sync.read(Buffer.from(png));
  const inThread = await medianOf(() => longestStall(async () => decodeQrImage(png.slice())));
  const onWorker = await medianOf(() => longestStall(() => decodeQrImageAsync(png.slice())));
  const h = await makeHarness();
  const viaService = await medianOf(() =>
    longestStall(() => call(h.dispatch, 'our-page', 'import/scan-image', { bytes: png.slice(), source: 'file' })),
  );
  const [width, height] = [3840, 2160];
  const rejected: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await decodeQrRgbaAsync(width, height, blankScreen(width, height), { timeoutMs: 400 }).catch(() => undefined);
    rejected.push(performance.now() - started);
    // A worker left running would go on using a core for seconds; a stopped one uses none.
    const before = process.cpuUsage();
    await sleep(500);
    cpu.push(process.cpuUsage(before).user / 1000);
  }
  const screenshot = `${size.width}×${size.height} screenshot`;
  return [
    { name: `QR ${screenshot}: this thread stalls, decoding here`, value: inThread, unit: 'ms', below: Infinity },
    { name: `QR ${screenshot}: this thread stalls, on a worker`, value: onWorker, unit: 'ms', below: 100 },
    { name: "import/scan-image of it: main's thread stalls", value: viaService, unit: 'ms', below: 100 },
    { name: 'QR 8 MP, 400 ms limit: refused after', value: median(rejected), unit: 'ms', below: 1500 },
    { name: 'QR 8 MP: CPU in the 500 ms after the refusal', value: median(cpu), unit: 'ms', below: 150 },
  ];
}

/** Prints the figures with their goals, in bench/run.ts's layout. */
export async function printQrBenchmarks(): Promise<void> {
  console.log(`\nQR decoding on worker threads (median of ${RUNS})`);
  for (const m of await qrBenchmarks()) {
    const goal =
      m.below === Infinity ? 'for comparison' : `goal < ${m.below} ${m.unit}: ${m.value < m.below ? 'met' : 'NOT met'}`;
    console.log(`${m.name.padEnd(64)}${`${Math.round(m.value)} ${m.unit}`.padEnd(12)}${goal}`);
  }
}
