/** End to end in chromium: wrong PINs show the tries left, the last try warns, then the lock-out. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshot, startE2e, type E2e } from './support';

describe('PIN prompts in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e();
    await e.page.getByRole('tab', { name: 'Password safe' }).click();
  });
  after(() => e.close());

  it('shows the tries left after a wrong PIN and does not retry by itself', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Unlock with the user PIN' }).click();
    await page.locator('#pin-input').fill('000000');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong PIN.' }).waitFor();
    assert.equal(await page.getByTestId('tries-left').textContent(), '2 tries left.');
    assert.equal(await page.locator('#pin-input').inputValue(), '');
    // The token panel refreshes after the refusal; wait for it (bounded) rather than read it mid-update.
    await page.getByTestId('user-tries').filter({ hasText: /^2$/ }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByTestId('user-tries').textContent(), '2');
  });

  it('warns more strongly on the last try', async () => {
    const { page } = e;
    await page.locator('#pin-input').fill('000001');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('tries-left').filter({ hasText: 'Last try' }).waitFor();
    assert.equal(await page.getByTestId('tries-left').getAttribute('role'), 'alert');
    await screenshot(page, 'pin-last-try');
  });

  it('shows the lock-out after the third wrong PIN', async () => {
    const { page } = e;
    await page.locator('#pin-input').fill('000002');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('alert').filter({ hasText: 'The PIN is locked' }).waitFor();
    assert.equal(await page.locator('#pin-input').count(), 0);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('user-tries').filter({ hasText: /^0$/ }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByTestId('user-tries').textContent(), '0');
  });

  it('unlocks the user PIN with the admin PIN', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'PINs…' }).click();
    await page.getByRole('tab', { name: 'Unlock the user PIN' }).click();
    await page.getByLabel('Current PIN (Admin PIN)').fill('12345678');
    await page.getByLabel('New PIN', { exact: true }).fill('654321');
    await page.getByLabel('Repeat the new PIN').fill('654321');
    await screenshot(page, 'pins');
    await page.locator('form').getByRole('button', { name: 'Unlock the user PIN' }).click();
    await page.getByTestId('toast').filter({ hasText: 'unlocked' }).waitFor();
    await page.getByTestId('user-tries').filter({ hasText: /^3$/ }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByTestId('user-tries').textContent(), '3');
  });

  it('puts the factory reset behind the typed word', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Factory reset…' }).click();
    const reset = page.getByRole('button', { name: 'Reset the token' });
    await page.getByLabel('Admin PIN').fill('12345678');
    await page.getByLabel('Type RESET to confirm').fill('reset');
    assert.equal(await reset.isDisabled(), true);
    await page.getByLabel('Type RESET to confirm').fill('RESET');
    await screenshot(page, 'factory-reset');
    await reset.click();
    await page.getByTestId('toast').filter({ hasText: 'The token was reset.' }).waitFor();
  });
});
