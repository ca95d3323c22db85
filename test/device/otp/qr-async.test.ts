import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { threadId as thisThread } from 'node:worker_threads';
import { PNG } from 'pngjs';
import { DeviceError } from '../../../device/index';
import {
  decodeQrImage,
  decodeQrImageAsync,
  decodeQrRgba,
  decodeQrRgbaAsync,
  type QrScan,
  type QrWorkerOptions,
} from '../../../device/otp/index';
import { blankScreen, qrImage } from '../../support/qr-images';
import { timerTurnsDuring } from '../../support/stall';

const A = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const B =
  'otpauth://totp/My%20Realm:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&algorithm=SHA1&issuer=My%20Realm&period=60';
const C = 'otpauth://hotp/Example:bob?secret=MFRGGZDFMZTWQ2LK&counter=7&issuer=Example';

/**
 * Options that note each worker thread started, and a decode run on this thread instead of a
 * worker (each test then fails).
 */
const fallbacks: string[] = [];
const threads: { threadId: number; exited: Promise<number> }[] = [];
const onWorker: QrWorkerOptions = {
  onFallback: (reason) => fallbacks.push(reason),
  onWorker: (thread) => threads.push(thread),
};
afterEach(async () => {
  assert.deepEqual(fallbacks.splice(0), [], 'no worker could be started');
  // Every worker has ended once its call has settled (none is left to keep the process alive).
  await Promise.all(threads.splice(0).map((t) => t.exited));
});

describe('QR decoding on a worker thread', () => {
  const blank = new PNG({ width: 200, height: 100 });
  blank.data.fill(255);
  const CASES: { what: string; bytes: () => Uint8Array; want: QrScan | RegExp }[] = [
    { what: 'a plain PNG', bytes: () => qrImage({ texts: [A] }), want: { ok: true, texts: [A] } },
    { what: 'a JPEG', bytes: () => qrImage({ texts: [B] }, 'jpeg'), want: { ok: true, texts: [B] } },
    {
      what: 'an image without a code',
      bytes: () => new Uint8Array(PNG.sync.write(blank)),
      want: /^No QR code was found/,
    },
    {
      what: 'a GIF',
      bytes: () => new TextEncoder().encode('GIF89a....'),
      want: /^keyslot reads PNG and JPEG images only\./,
    },
    {
      what: 'a PNG cut short',
      bytes: () =>
        qrImage({ texts: [A] })
          .subarray(0, 200)
          .slice(),
      want: /^The PNG image is damaged or cut short\.$/,
    },
  ];
  for (const c of CASES) {
    it(`answers as the synchronous decoder does for ${c.what}`, async () => {
      const bytes = c.bytes();
      const sync = decodeQrImage(bytes.slice());
      const scan = await decodeQrImageAsync(bytes, onWorker);
      assert.deepEqual(scan, sync);
      if (!(c.want instanceof RegExp)) assert.deepEqual(scan, c.want);
      else assert.match(scan.ok ? scan.texts.join(' ') : scan.problem, c.want);
    });
  }

  it('reads raw RGBA pixels as the synchronous decoder does', async () => {
    const png = PNG.sync.read(Buffer.from(qrImage({ texts: [A], style: 'inverted' })));
    const rgba = new Uint8Array(png.data);
    assert.deepEqual(decodeQrRgba(png.width, png.height, rgba.slice()), { ok: true, texts: [A] });
    assert.deepEqual(await decodeQrRgbaAsync(png.width, png.height, rgba, onWorker), { ok: true, texts: [A] });
    assert.deepEqual(await decodeQrRgbaAsync(0, 0, new Uint8Array(0), onWorker), decodeQrRgba(0, 0, new Uint8Array(0)));
  });

  it('moves bytes that fill their buffer to the worker, and copies a view into a larger one', async () => {
    const whole = qrImage({ texts: [A] });
    assert.deepEqual(await decodeQrImageAsync(whole, onWorker), { ok: true, texts: [A] });
    assert.equal(whole.length, 0, 'the bytes were transferred, not copied');
    const png = qrImage({ texts: [B] });
    const larger = new Uint8Array(png.length + 16);
    larger.set(png, 8);
    const view = larger.subarray(8, 8 + png.length);
    assert.deepEqual(await decodeQrImageAsync(view, onWorker), { ok: true, texts: [B] });
    assert.equal(view.length, png.length, 'a view into a larger buffer stays with the caller');
  });

  it('decodes a screenshot on another thread, and this thread runs its timers meanwhile', async () => {
    const png = qrImage({ texts: [A], style: 'screenshot' });
    // The control: decoded here, the image blocks this thread, whose timer cannot run until it is done.
    const here = await timerTurnsDuring(async () => decodeQrImage(png.slice()));
    assert.deepEqual(here, { turns: 0, result: { ok: true, texts: [A] } });
    assert.equal(threads.length, 0, 'the synchronous decoder starts no worker');
    const there = await timerTurnsDuring(() => decodeQrImageAsync(png, onWorker));
    assert.deepEqual(there.result, { ok: true, texts: [A] });
    assert.equal(threads.length, 1, 'one worker for the call');
    assert.notEqual(threads[0].threadId, thisThread);
    assert.ok(there.turns > 0, "this thread's timer never ran while the worker decoded");
  });

  it('stops a worker that runs past its time limit and says so', async () => {
    // No code in 8 MP: every pass of the decoder runs, seconds of work (bench/qr.ts measures it).
    const [width, height] = [3840, 2160];
    const call = decodeQrRgbaAsync(width, height, blankScreen(width, height), { ...onWorker, timeoutMs: 400 });
    await assert.rejects(call, (e: unknown) => {
      assert.ok(e instanceof DeviceError);
      assert.equal(e.code, 'bad-input');
      assert.equal(
        e.message,
        'The input is not valid. Reading the image took longer than 400 ms, so it was stopped. Crop the image around the QR code and try again.',
      );
      return true;
    });
    assert.equal(threads.length, 1);
    // Stopped, not finished: a worker that ends by itself after its answer exits with code 0.
    assert.equal(await threads[0].exited, 1);
  });

  it('gives concurrent calls their own answers', async () => {
    const png = PNG.sync.read(Buffer.from(qrImage({ texts: [C] })));
    const scans = await Promise.all([
      decodeQrImageAsync(qrImage({ texts: [A] }), onWorker),
      decodeQrImageAsync(qrImage({ texts: [B] }, 'jpeg'), onWorker),
      decodeQrRgbaAsync(png.width, png.height, new Uint8Array(png.data), onWorker),
      decodeQrImageAsync(new TextEncoder().encode('GIF89a....'), onWorker),
      decodeQrImageAsync(qrImage({ texts: [A, B], style: 'screenshot' }), onWorker),
    ]);
    assert.deepEqual(scans.slice(0, 3), [
      { ok: true, texts: [A] },
      { ok: true, texts: [B] },
      { ok: true, texts: [C] },
    ]);
    const ids = threads.map((t) => t.threadId);
    assert.equal(new Set([...ids, thisThread]).size, 6, `each call on a thread of its own: ${ids.join(', ')}`);
    assert.equal(scans[3].ok, false);
    assert.ok(scans[4].ok);
    assert.deepEqual([...scans[4].texts].sort(), [A, B].sort());
  });
});
