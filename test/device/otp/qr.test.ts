import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { decodeQrImage, decodeQrRgba } from '../../../device/otp/index';
import { qrImage } from '../../support/qr-images';

const A = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const B =
  'otpauth://totp/My%20Realm:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&algorithm=SHA1&issuer=My%20Realm&period=60';

describe('QR codes drawn by python3-qrcode, read by decodeQrImage', () => {
  const CASES: { what: string; spec: Parameters<typeof qrImage>[0]; format?: 'png' | 'jpeg'; want: string[] }[] = [
    { what: 'a plain PNG', spec: { texts: [A] }, want: [A] },
    { what: 'a JPEG', spec: { texts: [B] }, format: 'jpeg', want: [B] },
    {
      what: 'a screenshot with text, buttons and a gradient around the code',
      spec: { texts: [B], style: 'screenshot', box: 4 },
      want: [B],
    },
    { what: 'both codes of a screenshot showing two', spec: { texts: [A, B], style: 'screenshot' }, want: [A, B] },
    { what: 'a low-contrast code (gray on gray)', spec: { texts: [A], style: 'low-contrast' }, want: [A] },
    {
      what: 'a code scaled down to 3 px per module',
      spec: { texts: [A], style: 'scaled', box: 6, scale: 0.5 },
      want: [A],
    },
    {
      what: 'a code scaled up by 2.5 with blurred edges',
      spec: { texts: [B], style: 'scaled', box: 4, scale: 2.5 },
      want: [B],
    },
    { what: 'an inverted code (light on dark)', spec: { texts: [A], style: 'inverted' }, want: [A] },
    {
      what: 'a low-quality JPEG screenshot with small modules',
      spec: { texts: [A], style: 'screenshot', box: 3, quality: 40 },
      format: 'jpeg',
      want: [A],
    },
  ];
  for (const c of CASES) {
    it(`finds the text in ${c.what}`, () => {
      const r = decodeQrImage(qrImage(c.spec, c.format));
      assert.ok(r.ok, r.ok ? '' : r.problem);
      assert.deepEqual([...r.texts].sort(), [...c.want].sort());
    });
  }

  it('reads raw RGBA pixels as a screen capture gives them', () => {
    const png = PNG.sync.read(Buffer.from(qrImage({ texts: [A], style: 'screenshot' })));
    const r = decodeQrRgba(png.width, png.height, png.data);
    assert.deepEqual(r, { ok: true, texts: [A] });
  });

  it('says no code was found in an image without one', () => {
    const png = new PNG({ width: 200, height: 100 });
    png.data.fill(255);
    const r = decodeQrImage(PNG.sync.write(png));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problem, /^No QR code was found/);
  });

  it('refuses other file types and damaged images with a sentence', () => {
    const gif = decodeQrImage(new TextEncoder().encode('GIF89a....'));
    assert.deepEqual(gif, {
      ok: false,
      problem: 'keyslot reads PNG and JPEG images only. Save the screenshot as PNG and try again.',
    });
    const cut = qrImage({ texts: [A] }).subarray(0, 200);
    const r = decodeQrImage(cut);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problem, /PNG image is damaged or cut short/);
  });
});
