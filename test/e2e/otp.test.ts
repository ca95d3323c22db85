/** End to end in chromium: the slot dialog, the admin PIN, copying TOTP and HOTP codes. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { oathtoolTotp, readClipboard, screenshot, startE2e, type E2e } from './support';

const SECRET = 'jbsw y3dp-ehpk 3pxp'; // base32 as a site shows it: spaces, dashes, lower case

describe('one-time passwords in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e();
    await e.page.getByRole('button', { name: 'Add slot' }).waitFor();
  });
  after(() => e.close());

  it('adds a TOTP slot with the admin PIN and shows its first code', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add slot' }).click();
    await page.getByLabel('Name').fill('Bücher:ann');
    await page.getByLabel('Secret', { exact: true }).fill('0189');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match((await page.getByText('Base32 uses the letters').textContent()) ?? '', /A–Z/);
    await page.getByLabel('Secret', { exact: true }).fill(SECRET);
    await page.getByLabel('Name').fill('GitHub');
    await screenshot(page, 'slot-dialog');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#pin-input').fill('12345678');
    await screenshot(page, 'pin-prompt');
    await page.getByRole('button', { name: 'OK' }).click();
    const before = Math.floor(Date.now() / 1000);
    const code = await page.getByTestId('new-code').textContent();
    const now = Math.floor(Date.now() / 1000);
    assert.ok([oathtoolTotp(SECRET, before), oathtoolTotp(SECRET, now)].includes(code ?? ''), `code ${code}`);
    await screenshot(page, 'new-code');
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('copies the TOTP code that oathtool computes', async () => {
    const { page } = e;
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of GitHub' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
    const t1 = Math.floor(Date.now() / 1000);
    const pasted = await readClipboard(page);
    assert.ok([oathtoolTotp(SECRET, t0), oathtoolTotp(SECRET, t1)].includes(pasted), `pasted ${pasted}`);
    assert.match((await page.getByTestId('slot-row').first().textContent()) ?? '', /\d+ s left/);
    await screenshot(page, 'slots');
  });

  it('asks before overwriting a programmed slot', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add slot' }).click();
    await page.getByLabel('Slot', { exact: true }).selectOption('0');
    await page.getByLabel('Name').fill('Other');
    await page.getByLabel('Secret', { exact: true }).fill(SECRET);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alertdialog', { name: 'Overwrite “GitHub”?' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('button', { name: 'Copy the code of GitHub' }).count(), 1);
  });

  it('copies HOTP codes that advance the counter', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add slot' }).click();
    await page.getByLabel('HOTP (counter-based)').check();
    await page.getByLabel('Name').fill('VPN');
    await page.getByLabel('Hex').check();
    // RFC 4226 Appendix D key; codes 755224 (count 0), 287082 (1), 359152 (2).
    await page.getByLabel('Secret', { exact: true }).fill('3132333435363738393031323334353637383930');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.equal(await page.getByTestId('new-code').textContent(), '755224');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Copy the code of VPN' }).click();
    await page.getByTestId('toast').filter({ hasText: 'the counter is now 2' }).waitFor();
    assert.equal(await readClipboard(page), '287082');
    await page.getByRole('button', { name: 'Copy the code of VPN' }).click();
    await page.getByTestId('toast').filter({ hasText: 'the counter is now 3' }).waitFor();
    assert.equal(await readClipboard(page), '359152');
    assert.match((await page.getByTestId('slot-row').filter({ hasText: 'VPN' }).textContent()) ?? '', /Counter 3/);
  });

  it('finds slots by name', async () => {
    const { page } = e;
    await page.getByRole('searchbox', { name: 'Search slots' }).fill('vp');
    assert.deepEqual(await page.getByTestId('slot-row').locator('.slot-name').allTextContents(), ['VPN']);
    await page.getByRole('searchbox', { name: 'Search slots' }).fill('');
  });
});
