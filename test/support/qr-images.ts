/** Test images of QR codes drawn by Debian's python3-qrcode and python3-pil (test/support/make-qr.py). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./make-qr.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'keyslot-qr-'));
let n = 0;

export interface QrImageSpec {
  texts: string[];
  style?: 'plain' | 'screenshot' | 'low-contrast' | 'scaled' | 'inverted';
  box?: number;
  scale?: number;
  quality?: number;
}

/** Draws the image and returns its path (`.png`, or `.jpg` when `format` is 'jpeg'). */
export function qrImageFile(spec: QrImageSpec, format: 'png' | 'jpeg' = 'png'): string {
  const file = join(dir, `qr-${++n}.${format === 'jpeg' ? 'jpg' : 'png'}`);
  execFileSync('/usr/bin/python3', [SCRIPT, file, JSON.stringify(spec)]);
  return file;
}

/** The image's bytes. */
export function qrImage(spec: QrImageSpec, format: 'png' | 'jpeg' = 'png'): Uint8Array {
  return new Uint8Array(readFileSync(qrImageFile(spec, format)));
}

/** A screenshot's RGBA pixels without any code, a grey ramp: every pass of the decoder runs (seconds for 8 MP). */
export function blankScreen(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = rgba[i + 1] = rgba[i + 2] = Math.floor((((i / 4) % width) * 255) / width);
    rgba[i + 3] = 255;
  }
  return rgba;
}
