/**
 * The QR decoder of qr.ts on a worker thread (node:worker_threads). A large screenshot takes a
 * second or more of jsQR passes; on a worker, the calling thread (Electron's main process, with
 * its tray, IPC and window) keeps running meanwhile. Each call has a worker of its own, stopped
 * once it has answered, so calls never share a thread or a reply, and none keeps the process alive.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { Worker } from 'node:worker_threads';
import { DeviceError } from '../errors';
import { decodeQrImage, decodeQrRgba, type QrScan } from './qr';
import type { QrJob, QrReply } from './qr-worker';

/**
 * Default time limit of one decode on a worker, start-up included, in milliseconds. An 8K screen
 * (33 MP) without a code took 8.5 s on a 2-core machine; 50 MP is the largest image accepted.
 */
export const QR_WORKER_TIMEOUT_MS = 30_000;

/** Options of {@link decodeQrImageAsync} and {@link decodeQrRgbaAsync}. */
export interface QrWorkerOptions {
  /** Time limit in milliseconds, from the call to the answer (default {@link QR_WORKER_TIMEOUT_MS}). */
  timeoutMs?: number;
  /**
   * Called when no worker could be started (its file is missing, or the thread or the image
   * libraries did not load), just before the image is decoded on the calling thread instead,
   * where the time limit cannot apply. `reason` names the start-up failure; it never holds image
   * content.
   */
  onFallback?: (reason: string) => void;
  /**
   * Called once a worker thread has started for this call (for logs and tests): its `threadId`,
   * and `exited`, which resolves with the thread's exit code when it has ended: 1 when it was
   * stopped (after the time limit, or once it had answered), 0 when it ended by itself first.
   */
  onWorker?: (thread: { threadId: number; exited: Promise<number> }) => void;
}

/**
 * {@link decodeQrImage} on a worker thread: finds every QR code in a PNG or JPEG file's bytes, with
 * the same texts and the same problems. The bytes move to the worker without a copy when they fill
 * their ArrayBuffer, and `bytes` is then empty (length 0) for the caller.
 * Rejects with DeviceError 'bad-input' when the decode takes longer than `timeoutMs` (the worker
 * is stopped first), and with the decoder's own error if it throws.
 */
export function decodeQrImageAsync(bytes: Uint8Array, opts: QrWorkerOptions = {}): Promise<QrScan> {
  return onWorker({ kind: 'image', bytes }, bytes, () => decodeQrImage(bytes), opts);
}

/**
 * {@link decodeQrRgba} on a worker thread: finds every QR code in RGBA pixels (4 bytes per pixel,
 * rows top to bottom; `width` and `height` in pixels). The pixels move as the bytes of
 * {@link decodeQrImageAsync} do, and it fails the same ways.
 */
export function decodeQrRgbaAsync(
  width: number,
  height: number,
  rgba: Uint8Array | Uint8ClampedArray,
  opts: QrWorkerOptions = {},
): Promise<QrScan> {
  return onWorker({ kind: 'rgba', width, height, rgba }, rgba, () => decodeQrRgba(width, height, rgba), opts);
}

function onWorker(
  job: QrJob,
  pixels: Uint8Array | Uint8ClampedArray,
  inThread: () => QrScan,
  opts: QrWorkerOptions,
): Promise<QrScan> {
  const timeoutMs = opts.timeoutMs ?? QR_WORKER_TIMEOUT_MS;
  return new Promise<QrScan>((resolve, reject) => {
    // The pixels are sent only once the worker is ready, so they are still here to fall back on.
    const fallBack = (why: unknown) => {
      opts.onFallback?.(`no QR worker could be started (${describe(why)}); decoding on the calling thread`);
      try {
        resolve(inThread());
      } catch (e) {
        reject(e);
      }
    };
    let worker: Worker;
    try {
      worker = startWorker();
    } catch (e) {
      fallBack(e);
      return;
    }
    const exited = new Promise<number>((done) => worker.once('exit', done));
    opts.onWorker?.({ threadId: worker.threadId, exited });
    let isReady = false;
    let isSettled = false;
    // Settles the call once, after the worker has been stopped.
    const settle = (then: () => void) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      void worker.terminate().then(then, then);
    };
    const timer = setTimeout(() => settle(() => reject(timeoutError(timeoutMs))), timeoutMs);
    worker.on('message', (reply: QrReply) => {
      if (isSettled) return;
      if (reply.type === 'done') return settle(() => resolve(reply.scan));
      isReady = true;
      try {
        send(worker, job, pixels);
      } catch (e) {
        settle(() => reject(e));
      }
    });
    worker.on('error', (e) => settle(() => (isReady ? reject(e) : fallBack(e))));
    worker.on('exit', (code) =>
      settle(() =>
        isReady ? reject(new Error(PROBLEMS_EN.qrWorkerStopped({ exitCode: code }))) : fallBack(`exit code ${code}`),
      ),
    );
  });
}

/**
 * Starts a worker on qr-worker's code, found beside this module: qr-worker.mjs beside a bundle
 * (scripts/build-app.js writes it next to main.mjs), or qr-worker.ts beside this file when it runs
 * from source under tsx. Throws or fails with an 'error' event when it cannot.
 */
function startWorker(): Worker {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return new Worker(new URL('./qr-worker.mjs', here));
  // A worker inherits `--import tsx`, but tsx 4 registers its hooks on worker threads only from
  // Node 22.22.3 and 24.11.1 on (tsx dist/esm/index.mjs); on Node 20 the worker could not load a
  // .ts file. tsImport loads it through hooks of its own, which also coexist with inherited ones.
  const entry = JSON.stringify(new URL('./qr-worker.ts', here).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((tsx) => tsx.tsImport(${entry}, ${entry}));`, { eval: true });
}

/** Sends the job, moving the pixels' memory when they fill their ArrayBuffer and copying them otherwise. */
function send(worker: Worker, job: QrJob, pixels: Uint8Array | Uint8ClampedArray): void {
  const buffer = pixels.buffer;
  const isWhole = buffer instanceof ArrayBuffer && pixels.byteOffset === 0 && pixels.byteLength === buffer.byteLength;
  if (!isWhole) return worker.postMessage(job);
  try {
    worker.postMessage(job, [buffer]);
  } catch {
    // Node marks some buffers as not transferable (its Buffer pool); those are copied.
    worker.postMessage(job);
  }
}

function timeoutError(ms: number): DeviceError {
  const limit = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
  return new DeviceError('bad-input', {
    reason: 'qr-too-slow',
    text: limit,
    detail: `QR worker stopped after ${ms} ms`,
  });
}

/** A start-up failure in a few words: its code and the first line of its message. */
function describe(why: unknown): string {
  if (!(why instanceof Error)) return String(why);
  const code = (why as NodeJS.ErrnoException).code;
  return `${code ? `${code}: ` : ''}${why.message.split('\n')[0]}`;
}
