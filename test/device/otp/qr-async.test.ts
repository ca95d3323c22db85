import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
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
import { qrImage } from '../../support/qr-images';
import { longestStall } from '../../support/stall';

const A = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const B =
  'otpauth://totp/My%20Realm:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&algorithm=SHA1&issuer=My%20Realm&period=60';
const C = 'otpauth://hotp/Example:bob?secret=MFRGGZDFMZTWQ2LK&counter=7&issuer=Example';

/** Options that note a decode run on this thread instead of a worker; each test then fails. */
const fallbacks: string[] = [];
const onWorker: QrWorkerOptions = { onFallback: (reason) => fallbacks.push(reason) };
afterEach(() => assert.deepEqual(fallbacks.splice(0), [], 'no worker could be started'));

/** A screenshot's pixels without any code: every pass of the decoder runs (about 3 s for 4K here). */
function blankScreen(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = rgba[i + 1] = rgba[i + 2] = Math.floor((((i / 4) % width) * 255) / width);
    rgba[i + 3] = 255;
  }
  return rgba;
}

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

  it('keeps the calling thread responsive while a screenshot is decoded', async () => {
    const png = qrImage({ texts: [A], style: 'screenshot' });
    // The same image decoded here blocks this thread: the measure can tell the two apart.
    const blocked = await longestStall(async () => decodeQrImage(png.slice()));
    assert.ok(
      blocked > 250,
      `decoding on this thread stalled it only ${Math.round(blocked)} ms; the image is too small to tell`,
    );
    let scan: QrScan | undefined;
    const stall = await longestStall(async () => (scan = await decodeQrImageAsync(png, onWorker)));
    assert.deepEqual(scan, { ok: true, texts: [A] });
    assert.ok(stall < 100, `this thread stalled ${Math.round(stall)} ms while the worker decoded`);
  });

  it('stops a worker that runs past its time limit and says so', async () => {
    const [width, height] = [3840, 2160];
    const started = performance.now();
    await assert.rejects(
      decodeQrRgbaAsync(width, height, blankScreen(width, height), { ...onWorker, timeoutMs: 400 }),
      (e: unknown) => {
        assert.ok(e instanceof DeviceError);
        assert.equal(e.code, 'bad-input');
        assert.equal(
          e.message,
          'The input is not valid. Reading the image took longer than 400 ms, so it was stopped. Crop the image around the QR code and try again.',
        );
        return true;
      },
    );
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1500, `rejected after ${Math.round(elapsed)} ms`);
    // A worker left running would go on using a core for seconds; a stopped one uses none.
    const cpu = process.cpuUsage();
    await sleep(500);
    const used = process.cpuUsage(cpu).user / 1000;
    assert.ok(used < 150, `the process used ${Math.round(used)} ms of CPU in 500 ms after the time limit`);
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
    assert.equal(scans[3].ok, false);
    assert.ok(scans[4].ok);
    assert.deepEqual([...scans[4].texts].sort(), [A, B].sort());
  });
});
