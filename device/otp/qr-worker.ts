/**
 * The worker thread of qr-async.ts: loads the image libraries, says it is ready, decodes the one
 * job it is then sent with qr.ts and answers; qr-async.ts stops it after the answer. Bundled on its
 * own as dist/app/qr-worker.mjs beside the app's main.mjs (scripts/build-app.js).
 */
import { parentPort } from 'node:worker_threads';
import { decodeQrImage, decodeQrRgba, loadQrLibraries, type QrScan } from './qr';

/** What the worker is sent: a PNG or JPEG file's bytes, or RGBA pixels. */
export type QrJob =
  | { kind: 'image'; bytes: Uint8Array }
  | { kind: 'rgba'; width: number; height: number; rgba: Uint8Array | Uint8ClampedArray };

/** What the worker answers: first that it can decode, then the scan of its one job. */
export type QrReply = { type: 'ready' } | { type: 'done'; scan: QrScan };

const port = parentPort;
if (port) {
  loadQrLibraries();
  port.once('message', (job: QrJob) => {
    const scan = job.kind === 'image' ? decodeQrImage(job.bytes) : decodeQrRgba(job.width, job.height, job.rgba);
    port.postMessage({ type: 'done', scan } satisfies QrReply);
  });
  port.postMessage({ type: 'ready' } satisfies QrReply);
}
