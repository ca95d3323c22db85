/** End to end in chromium: build the safe's key, unlock, add an entry, copy login and password. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readClipboard, screenshot, startE2e, type E2e } from './support';

describe('password safe in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e();
    await e.page.getByRole('tab', { name: 'Password safe' }).click();
  });
  after(() => e.close());

  it('builds the key with the admin PIN and unlocks with the user PIN', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Unlock with the user PIN' }).click();
    await page.locator('#pin-input').fill('123456');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('button', { name: 'Build the key' }).click();
    await page.locator('#pin-input').fill('12345678');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.locator('#pin-input').fill('123456');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('button', { name: 'Add entry' }).waitFor();
  });

  it('counts bytes at the field and refuses a name that is too long', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.getByLabel('Name').fill('Bücherei-Konto');
    assert.match((await page.locator('.note.problem').first().textContent()) ?? '', /15 of 11 bytes/);
    assert.equal(await page.getByRole('button', { name: 'Save' }).isDisabled(), true);
  });

  it('adds an entry and copies its login and password', async () => {
    const { page } = e;
    await page.getByLabel('Name').fill('Mail');
    await page.getByLabel('Login').fill('ann@example.org');
    await page.getByLabel('Password', { exact: true }).fill('correct horse');
    await screenshot(page, 'pws-dialog');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('pws-row').filter({ hasText: 'Mail' }).waitFor();
    await page.getByRole('button', { name: 'Copy password: Mail' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Password copied. The clipboard clears in 60 s.' }).waitFor();
    assert.equal(await readClipboard(page), 'correct horse');
    await page.getByRole('button', { name: 'Copy login: Mail' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Login copied.' }).waitFor();
    assert.equal(await readClipboard(page), 'ann@example.org');
    await screenshot(page, 'pws');
  });

  it('generates a password that fits the token', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.getByRole('button', { name: 'Generate' }).click();
    const value = await page.getByLabel('Password', { exact: true }).inputValue();
    assert.equal(value.length, 20);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});
