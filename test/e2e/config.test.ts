/** End to end in chromium: the general config, and codes that then need the user PIN. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { oathtoolTotp, readClipboard, screenshot, startE2e, type E2e } from './support';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('general config in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e();
    await e.page.getByRole('button', { name: 'Add slot' }).waitFor();
  });
  after(() => e.close());

  it('shows the config in the token panel and turns "codes need the user PIN" on with the admin PIN', async () => {
    const { page } = e;
    assert.equal(await page.getByTestId('codes-need-pin').textContent(), 'Off');
    await page.getByRole('button', { name: 'General config…' }).click();
    const dialog = page.getByRole('dialog', { name: 'General config' });
    assert.equal(await dialog.getByRole('button', { name: 'Save' }).isDisabled(), true);
    await dialog.getByLabel('Codes need the user PIN').check();
    await dialog.getByLabel('ScrollLock').selectOption({ label: 'HOTP 1 (empty)' });
    await screenshot(page, 'config-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.locator('#pin-input').fill('12345678');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('toast').filter({ hasText: 'general config was written' }).waitFor();
    assert.equal(await page.getByTestId('codes-need-pin').textContent(), 'On');
    assert.match((await page.locator('.token-panel').textContent()) ?? '', /ScrollLockHOTP 1 \(empty\)/);
    const config = await e.host.services.session.use((t) => t.getConfig());
    assert.deepEqual([config.isUserPasswordRequired, config.scrolllock, config.numlock], [true, 0, null]);
  });

  it('asks for the user PIN when a code is copied, and the code is right', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add slot' }).click();
    await page.getByLabel('Name').fill('Keycloak');
    await page.getByLabel('Secret', { exact: true }).fill(SECRET);
    await page.getByRole('button', { name: 'Save' }).click();
    // The admin PIN is still held from the config; the first code needs the user PIN, so it is not shown.
    await page.getByText('The token needs the user PIN for codes').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Copy the code of Keycloak' }).click();
    await page.getByRole('dialog', { name: 'User PIN' }).waitFor();
    await page.locator('#pin-input').fill('123456');
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Code copied' }).waitFor();
    const t1 = Math.floor(Date.now() / 1000);
    const pasted = await readClipboard(page);
    assert.ok([oathtoolTotp(SECRET, t0), oathtoolTotp(SECRET, t1)].includes(pasted), `pasted ${pasted}`);
  });
});
