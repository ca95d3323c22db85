/**
 * End to end in chromium: a virtual Nitrokey 3 beside a virtual Pro (issue 12). A SHA-256 account from a QR
 * image whose copied code equals oathtool's, a touch credential's prompt answered by pressing the virtual
 * button, a wrong PIN with the tries left, and axe on each screen.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readBackupFile } from '../../device/index';
import { qrImageFile } from '../support/qr-images';
import { readClipboard, screenshot, seriousViolations, startE2e, type E2e } from './support';

// RFC 6238's SHA-256 seed ("12345678901234567890123456789012" in ASCII), in base32.
const SHA256_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const SHA1_B32 = 'JBSWY3DPEHPK3PXP';

/** oathtool's TOTP code with a given hash at `unixSeconds`. */
function oathtool(base32: string, unixSeconds: number, algorithm: 'SHA1' | 'SHA256', digits = 6): string {
  const now = new Date(unixSeconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', [`--totp=${algorithm}`, '-b', `--digits=${digits}`, `--now=${now}`, base32], {
    encoding: 'utf8',
  }).trim();
}

describe('a Nitrokey 3 in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e({ nk3: { touch: 'ask' } });
    await e.page.getByLabel('Token', { exact: true }).waitFor();
    const nk3 = await e.page.locator('#token-switcher option', { hasText: 'Nitrokey 3' }).getAttribute('value');
    await e.page.getByLabel('Token', { exact: true }).selectOption(nk3!);
    await e.page.getByRole('region', { name: 'Nitrokey 3' }).getByText('0 of 50').waitFor();
  });
  after(() => e.close());

  it('adds a SHA-256 account from a QR image and copies the code oathtool computes', async () => {
    const { page } = e;
    e.nk3!.touch.policy = 'accept';
    await page.getByRole('button', { name: 'Add credential' }).click();
    const uri = `otpauth://totp/ACME:ann?secret=${SHA256_B32}&issuer=ACME&algorithm=SHA256&digits=8`;
    await page.getByLabel('Read a QR image…').setInputFiles(qrImageFile({ texts: [uri] }));
    await page.getByText('Read from the QR code').waitFor();
    assert.equal(await page.getByLabel('Name').inputValue(), 'ACME:ann');
    assert.equal(await page.getByLabel('Algorithm').inputValue(), 'SHA256');
    assert.equal(await page.getByLabel('Digits').inputValue(), '8');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'nk3-credential-dialog');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Added “ACME:ann”' }).waitFor();
    const row = page.getByTestId('credential-row').filter({ hasText: 'ACME:ann' });
    assert.match((await row.textContent()) ?? '', /TOTP · 8 digits · 30 s · SHA256/);
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of ACME:ann' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
    const t1 = Math.floor(Date.now() / 1000);
    const pasted = await readClipboard(page);
    assert.ok(
      [oathtool(SHA256_B32, t0, 'SHA256', 8), oathtool(SHA256_B32, t1, 'SHA256', 8)].includes(pasted),
      `pasted ${pasted}`,
    );
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'nk3-credentials');
  });

  it('adds a SHA-256, 7-digit account to a keyslot backup after checking it', async () => {
    const { page } = e;
    e.nk3!.touch.policy = 'accept';
    const path = join(e.dir, 'nk3.keyslot-backup');
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByLabel('Name').fill('Shop:erin');
    await page.getByLabel('Secret').fill(SHA256_B32);
    await page.getByLabel('Algorithm').selectOption('SHA256');
    await page.getByLabel('Digits').selectOption('7');
    await page.getByLabel('Path of the backup file on this computer').fill(path);
    await page.getByLabel('Backup password', { exact: true }).fill('correct horse');
    await page.getByLabel('Repeat the backup password').fill('correct horse');
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Accounts in this backup: 1.' }).waitFor();
    const opened = await readBackupFile(path, 'correct horse');
    assert.ok(opened.ok, JSON.stringify(opened));
    assert.deepEqual(
      opened.contents.accounts.map((a) => [a.name, a.account.algorithm, a.account.digits]),
      [['Shop:erin', 'SHA256', 7]],
    );
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of Shop:erin' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
    const t1 = Math.floor(Date.now() / 1000);
    const pasted = await readClipboard(page);
    assert.ok(
      [oathtool(SHA256_B32, t0, 'SHA256', 7), oathtool(SHA256_B32, t1, 'SHA256', 7)].includes(pasted),
      `pasted ${pasted}`,
    );
  });

  it('shows "Touch your Nitrokey 3" with the seconds left and copies after the touch', async () => {
    const { page } = e;
    const device = e.nk3!;
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByLabel('Name').fill('Touchy');
    await page.getByLabel('Secret').fill(SHA1_B32);
    await page.getByLabel('Needs a touch of the token').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Added “Touchy”' }).waitFor();
    device.touch.policy = 'ask';
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of Touchy' }).click();
    const prompt = page.getByTestId('touch-overlay');
    await prompt.getByText('Touch your Nitrokey 3').waitFor();
    assert.match((await prompt.textContent()) ?? '', /for “Touchy”/);
    assert.match((await page.getByTestId('touch-seconds').textContent()) ?? '', /^1[0-5] seconds left$/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'nk3-touch');
    assert.equal(device.touch.press(), true);
    await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
    await prompt.waitFor({ state: 'detached' });
    const t1 = Math.floor(Date.now() / 1000);
    const pasted = await readClipboard(page);
    assert.ok([oathtool(SHA1_B32, t0, 'SHA1'), oathtool(SHA1_B32, t1, 'SHA1')].includes(pasted), `pasted ${pasted}`);
    device.touch.policy = 'accept';
  });

  it('sets a PIN; a wrong PIN shows the tries left, and the last try a stronger warning', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Set a PIN…' }).click();
    await page.getByLabel('New PIN', { exact: true }).fill('246810');
    await page.getByLabel('New PIN again').fill('246810');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('nk3-pin-state').getByText('8 tries left').waitFor();
    await page.getByRole('button', { name: 'Show PIN-protected…' }).click();
    await page.locator('#nk3-pin-input').fill('000000');
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.getByTestId('nk3-pin-error').waitFor();
    assert.match((await page.getByTestId('nk3-pin-error').textContent()) ?? '', /Wrong PIN/);
    assert.equal(await page.getByTestId('nk3-tries-left').textContent(), '7 tries left.');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'nk3-wrong-pin');
    for (let left = 6; left >= 1; left--) {
      await page.locator('#nk3-pin-input').fill('000000');
      await page.getByRole('button', { name: 'OK', exact: true }).click();
      if (left > 1) await page.getByTestId('nk3-tries-left').getByText(`${left} tries left.`).waitFor();
    }
    // One try left: the stronger warning, read out at once.
    const last = page.getByTestId('nk3-tries-left');
    await last.getByText('Last try:').waitFor();
    assert.equal(await last.getAttribute('role'), 'alert');
    assert.match((await last.textContent()) ?? '', /locks the PIN for good/);
    await page.locator('#nk3-pin-input').fill('246810');
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.getByRole('button', { name: 'Hide PIN-protected' }).waitFor();
    await page.getByTestId('nk3-pin-state').getByText('8 tries left').waitFor();
  });
});
