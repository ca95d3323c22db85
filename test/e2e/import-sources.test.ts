/**
 * End to end in chromium: the other ways in to "Add account" — an image dropped on the dialog, the
 * clipboard's image, the screen (the web host is given a screenshot as its screen), a typed secret —
 * and writing the same account to a second token.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VirtualToken, VirtualTransport } from '../../device/index';
import { qrImage, qrImageFile } from '../support/qr-images';
import { screenshot, startE2e, type E2e } from './support';

const uri = (label: string) =>
  `otpauth://totp/${label}?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=${label.split(':')[0]}`;

/** Page code as strings (this program has no DOM types): drops a PNG on the dialog's drop zone. */
async function dropPng(page: Page, png: Uint8Array): Promise<void> {
  const b64 = Buffer.from(png).toString('base64');
  const transfer = await page.evaluateHandle(`(() => {
    const bytes = Uint8Array.from(atob('${b64}'), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'qr.png', { type: 'image/png' }));
    return dt;
  })()`);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

/** Puts a PNG on the page's clipboard, as copying an image in another program would. */
async function copyPngToClipboard(page: Page, png: Uint8Array): Promise<void> {
  const b64 = Buffer.from(png).toString('base64');
  await page.evaluate(`(async () => {
    const bytes = Uint8Array.from(atob('${b64}'), (c) => c.charCodeAt(0));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
  })()`);
}

describe('ways to add an account in the browser', () => {
  let e: E2e;
  const screen = qrImageFile({ texts: [uri('Windows:logon')], style: 'screenshot' });
  before(async () => {
    e = await startE2e({
      capture: { captureScreens: async () => [{ name: 'Display 1', encoded: new Uint8Array(readFileSync(screen)) }] },
    });
    await e.page.getByRole('button', { name: 'Add account' }).waitFor();
  });
  after(() => e.close());

  it('reads an image dropped on the dialog', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add account' }).click();
    await dropPng(page, qrImage({ texts: [uri('Protectimus:ann')], style: 'scaled', scale: 1.5 }));
    await page.getByText('Found: Protectimus: ann').waitFor();
    await page.keyboard.press('Escape');
  });

  it('reads the image on the clipboard', async () => {
    const { page } = e;
    await copyPngToClipboard(page, qrImage({ texts: [uri('GitHub:ann')] }));
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('button', { name: 'Paste the copied image' }).click();
    await page.getByText('Found: GitHub: ann').waitFor();
    await page.keyboard.press('Escape');
  });

  it('scans the screen the host gives it', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('button', { name: 'Scan the screen' }).click();
    await page.getByText('Found: Windows: logon').waitFor();
    await page.keyboard.press('Escape');
  });

  it('says what it found when an image holds no QR code', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByTestId('image-file').setInputFiles({
      name: 'blank.png',
      mimeType: 'image/png',
      buffer: Buffer.from(qrImage({ texts: ['x'], style: 'plain' })).subarray(0, 60),
    });
    assert.match((await page.getByTestId('import-error').textContent()) ?? '', /PNG|image/i);
    await page.keyboard.press('Escape');
  });

  it('takes a typed secret through the same review, and writes it to a second token', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('button', { name: 'Type the secret instead' }).click();
    await page.getByLabel('Site or issuer').fill('Keycloak');
    await page.getByLabel('Secret', { exact: true }).fill('jbsw y3dp ehpk 3pxp');
    await screenshot(page, 'import-typed');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Found: Keycloak').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Write without a copy' }).click();
    await page.locator('#pin-input').fill('12345678');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('new-code').waitFor();
    const first = await e.host.services.session.current();
    await page.getByRole('button', { name: 'Write to a second token…' }).click();
    await page.getByText('Waiting for another token…').waitFor();
    // The spare: another virtual token, plugged in where the first one was.
    await e.host.services.session.attach(
      new VirtualTransport(VirtualToken.create({ model: 'pro', latency: 'none' }), 'spare'),
    );
    await page.getByText('Found: Keycloak').waitFor();
    await screenshot(page, 'import-second-token');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Write without a copy' }).click();
    await page.locator('#pin-input').fill('12345678');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('new-code').waitFor();
    const second = await e.host.services.session.current();
    assert.notEqual(second?.serial, first?.serial);
    assert.deepEqual(
      (await e.host.services.slots.list()).map((s) => s.name),
      ['Keycloak'],
    );
    await page.getByRole('button', { name: 'Done' }).click();
  });
});
