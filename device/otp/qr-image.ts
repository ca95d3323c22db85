/** Gray-scale image helpers for the QR finder (device/otp/qr.ts): one byte per pixel, row-major. */

/** A gray image: `data[y * width + x]`, 0 black … 255 white. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Luma (ITU-R BT.601 weights) of RGBA pixels, with transparency composited onto white. */
export function grayFromRgba(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const a = rgba[j + 3] / 255;
    const y = 0.299 * rgba[j] + 0.587 * rgba[j + 1] + 0.114 * rgba[j + 2];
    data[i] = Math.round(y * a + 255 * (1 - a));
  }
  return { width, height, data };
}

/** RGBA for jsQR from a gray image. */
export function rgbaFromGray(g: Gray): Uint8ClampedArray {
  const out = new Uint8ClampedArray(g.data.length * 4);
  for (let i = 0, j = 0; i < g.data.length; i++, j += 4) {
    out[j] = out[j + 1] = out[j + 2] = g.data[i];
    out[j + 3] = 255;
  }
  return out;
}

function histogram(g: Gray): Uint32Array {
  const h = new Uint32Array(256);
  for (const v of g.data) h[v]++;
  return h;
}

/**
 * Maps the 1st..99th percentile of brightness onto 0..255, so a faint code (gray on gray) gets
 * the contrast jsQR's binariser needs (it ignores blocks whose range is under 24 levels).
 */
export function contrastStretch(g: Gray): Gray {
  const h = histogram(g);
  const cut = g.data.length / 100;
  let lo = 0;
  for (let seen = 0; lo < 255 && seen + h[lo] <= cut; lo++) seen += h[lo];
  let hi = 255;
  for (let seen = 0; hi > 0 && seen + h[hi] <= cut; hi--) seen += h[hi];
  if (hi <= lo) return g;
  const data = new Uint8Array(g.data.length);
  const scale = 255 / (hi - lo);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, Math.round((g.data[i] - lo) * scale)));
  return { width: g.width, height: g.height, data };
}

/** Black and white at Otsu's global threshold (the one that best separates two brightness classes). */
export function otsuBinarise(g: Gray): Gray {
  const h = histogram(g);
  const total = g.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * h[i];
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    weightB += h[t];
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * h[t];
    const between = weightB * weightF * (sumB / weightB - (sum - sumB) / weightF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < total; i++) data[i] = g.data[i] > threshold ? 255 : 0;
  return { width: g.width, height: g.height, data };
}

/** Averages `factor`×`factor` blocks (a box filter), for large screenshots. */
export function downscale(g: Gray, factor: number): Gray {
  const width = Math.floor(g.width / factor);
  const height = Math.floor(g.height / factor);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let dy = 0; dy < factor; dy++)
        for (let dx = 0; dx < factor; dx++) s += g.data[(y * factor + dy) * g.width + x * factor + dx];
      data[y * width + x] = Math.round(s / (factor * factor));
    }
  }
  return { width, height, data };
}

/** Repeats each pixel `factor` times both ways (nearest neighbour), for codes of 1–2 px modules. */
export function upscale(g: Gray, factor: number): Gray {
  const width = g.width * factor;
  const height = g.height * factor;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * g.width;
    for (let x = 0; x < width; x++) data[y * width + x] = g.data[row + Math.floor(x / factor)];
  }
  return { width, height, data };
}

/** Nine overlapping parts, each half the width and height, stepping a quarter at a time; `x`, `y` give each part's place. */
export function tile(g: Gray): { g: Gray; x: number; y: number }[] {
  const w = Math.floor(g.width / 2);
  const h = Math.floor(g.height / 2);
  if (w < 64 || h < 64) return [];
  const out: { g: Gray; x: number; y: number }[] = [];
  for (const fy of [0, 0.25, 0.5]) {
    for (const fx of [0, 0.25, 0.5]) {
      const x0 = Math.floor(g.width * fx);
      const y0 = Math.floor(g.height * fy);
      const data = new Uint8Array(w * h);
      for (let y = 0; y < h; y++)
        data.set(g.data.subarray((y0 + y) * g.width + x0, (y0 + y) * g.width + x0 + w), y * w);
      out.push({ g: { width: w, height: h, data }, x: x0, y: y0 });
    }
  }
  return out;
}
