/**
 * Finds QR codes in images: a PNG or JPEG file (a screenshot, a photo, a saved QR code) or raw
 * RGBA pixels from a screen capture. jsQR does the finding and decoding; around it we try the
 * image as it is, then contrast-stretched, scaled, binarised and in overlapping tiles, and we
 * blank each code found so a screenshot holding several codes yields them all.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { createRequire } from 'node:module';
import type * as JpegJs from 'jpeg-js';
import type JsQr from 'jsqr';
import type * as PngJs from 'pngjs';
import {
  contrastStretch,
  downscale,
  grayFromRgba,
  otsuBinarise,
  rgbaFromGray,
  tile,
  upscale,
  type Gray,
} from './qr-image';

// pngjs, jpeg-js and jsQR are CommonJS, and pngjs requires Node built-ins: loaded through
// createRequire they stay out of ESM bundles (scripts/build-cli.js has no require shim) and are
// resolved from node_modules when first used.
const load = createRequire(import.meta.url);
let libs: { PNG: typeof PngJs.PNG; jpeg: typeof JpegJs; jsQR: typeof JsQr } | null = null;
function imageLibs(): NonNullable<typeof libs> {
  if (!libs) {
    const q = load('jsqr') as { default?: typeof JsQr };
    libs = {
      PNG: (load('pngjs') as typeof PngJs).PNG,
      jpeg: load('jpeg-js') as typeof JpegJs,
      jsQR: typeof q === 'function' ? (q as typeof JsQr) : q.default!,
    };
  }
  return libs;
}

/**
 * Loads the image libraries now rather than at the first decode; throws if one is missing. The
 * worker of qr-async.ts calls it before it says it is ready, so a worker that could not decode is
 * known before the image is handed over.
 */
export function loadQrLibraries(): void {
  imageLibs();
}

/** The QR codes' texts, or a sentence saying why none was read. */
export type QrScan = { ok: true; texts: string[] } | { ok: false; problem: string };

/** Largest image decoded, in pixels (a 8K screenshot is 33 MP). */
const MAX_PIXELS = 50_000_000;
/** Most codes taken from one image. */
const MAX_CODES = 16;

const NO_CODE = PROBLEMS_EN.noQrCode;

/**
 * Decodes a PNG or JPEG file's bytes and finds every QR code in it. Problems: not a PNG or JPEG,
 * a damaged image, an image over 50 megapixels, or no QR code found.
 */
export function decodeQrImage(bytes: Uint8Array): QrScan {
  const image = decodeImage(bytes);
  if (!image.ok) return image;
  return decodeQrRgba(image.width, image.height, image.rgba);
}

/**
 * Finds every QR code in RGBA pixels (4 bytes per pixel, rows top to bottom), as a screen
 * capture or a canvas gives them. `width` and `height` in pixels.
 */
export function decodeQrRgba(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray): QrScan {
  if (!(width > 0 && height > 0) || rgba.length < width * height * 4)
    return { ok: false, problem: PROBLEMS_EN.noPixels };
  if (width * height > MAX_PIXELS) return { ok: false, problem: PROBLEMS_EN.tooManyPixels };
  const work = grayFromRgba(width, height, rgba);
  const texts: string[] = [];
  // Find one code in any view, blank it in the image, and look again: a screenshot may hold
  // several codes, and two codes side by side can pair finder patterns of different codes
  // until one of them is gone.
  search: for (let i = 0; i < MAX_CODES; i++) {
    for (const view of views(work)) {
      const code = imageLibs().jsQR(rgbaFromGray(view.g), view.g.width, view.g.height, {
        inversionAttempts: 'attemptBoth',
      });
      if (!code || code.data === '') continue;
      if (!texts.includes(code.data)) texts.push(code.data);
      const points = Object.values(code.location).filter((p) => p !== undefined);
      blank(
        work,
        points.map((p) => ({ x: p.x * view.scale + view.x, y: p.y * view.scale + view.y })),
      );
      continue search;
    }
    break;
  }
  return texts.length ? { ok: true, texts } : { ok: false, problem: NO_CODE };
}

/** A version of the image to look at; `scale`, `x` and `y` map its pixels back to the image's. */
interface View {
  g: Gray;
  scale: number;
  x: number;
  y: number;
}

/** Versions of the image to try, cheapest first; each is made only when the ones before found nothing. */
function* views(g: Gray): Generator<View> {
  const at = (v: Gray, scale = 1, x = 0, y = 0): View => ({ g: v, scale, x, y });
  yield at(g);
  const stretched = contrastStretch(g);
  yield at(stretched);
  const big = Math.max(g.width, g.height);
  if (big > 1200) yield at(downscale(stretched, 2), 2);
  if (big > 2400) yield at(downscale(stretched, 4), 4);
  if (Math.min(g.width, g.height) < 400) yield at(upscale(stretched, 3), 1 / 3);
  yield at(otsuBinarise(stretched));
  // Other content, or a second code, can hide a code's finder patterns from the locator: parts.
  for (const part of tile(stretched)) yield at(part.g, 1, part.x, part.y);
}

/** Paints the bounding box of `points`, grown by a fifth, white. */
function blank(g: Gray, points: { x: number; y: number }[]): void {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const grow = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 5;
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - grow));
  const x1 = Math.min(g.width - 1, Math.ceil(Math.max(...xs) + grow));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - grow));
  const y1 = Math.min(g.height - 1, Math.ceil(Math.max(...ys) + grow));
  for (let y = y0; y <= y1; y++) g.data.fill(255, y * g.width + x0, y * g.width + x1 + 1);
}

type Decoded = { ok: true; width: number; height: number; rgba: Uint8Array } | { ok: false; problem: string };

function decodeImage(bytes: Uint8Array): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isPng = buf.length >= 8 && buf.readUInt32BE(0) === 0x89504e47;
  const isJpeg = buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
  if (!isPng && !isJpeg) {
    return { ok: false, problem: PROBLEMS_EN.pngJpegOnly };
  }
  try {
    if (isPng) {
      // The IHDR size is checked before inflating, so a huge image is refused without the memory.
      if (buf.length >= 24 && buf.readUInt32BE(16) * buf.readUInt32BE(20) > MAX_PIXELS) {
        return { ok: false, problem: PROBLEMS_EN.tooManyPixels };
      }
      const png = imageLibs().PNG.sync.read(buf);
      return { ok: true, width: png.width, height: png.height, rgba: png.data };
    }
    const img = imageLibs().jpeg.decode(buf, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_PIXELS / 1e6,
      maxMemoryUsageInMB: 1024,
    });
    return { ok: true, width: img.width, height: img.height, rgba: img.data };
  } catch (e) {
    const isTooLarge = e instanceof Error && /maxResolution|resolution/i.test(e.message);
    return { ok: false, problem: PROBLEMS_EN.imageBroken({ format: isPng ? 'PNG' : 'JPEG', isTooLarge }) };
  }
}
