/** End to end in chromium: plug and unplug, accessibility (axe-core), dark mode and German. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshot, seriousViolations, startE2e, type E2e } from './support';

describe('token plug and unplug in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e();
    await e.page.getByText('Nitrokey Pro').first().waitFor();
  });
  after(() => e.close());

  it('labels the virtual token as virtual', async () => {
    assert.equal(await e.page.locator('.badge.virtual').textContent(), 'virtual');
  });

  it('shows that no token is plugged in when the virtual token is unplugged', async () => {
    e.virtual.unplug();
    await e.page.getByRole('heading', { name: 'No token plugged in' }).waitFor();
    await e.page.getByTestId('toast').filter({ hasText: 'The token was unplugged.' }).waitFor();
    assert.equal(await e.page.getByRole('button', { name: 'Use the virtual token' }).count(), 1);
    await screenshot(e.page, 'no-token');
  });

  it('finds the token again when it is plugged back in', async () => {
    e.virtual.plug();
    await e.page.getByText('Serial').waitFor();
    assert.equal(await e.page.getByRole('heading', { name: 'No token plugged in' }).count(), 0);
  });

  it('has no serious or critical accessibility violation on the main screen and in the dialogs', async () => {
    const { page } = e;
    const problems: string[] = [];
    problems.push(...(await seriousViolations(page)));
    await page.getByRole('button', { name: 'Add slot' }).click();
    problems.push(...(await seriousViolations(page)));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    problems.push(...(await seriousViolations(page)));
    await screenshot(page, 'settings');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'General config…' }).click();
    problems.push(...(await seriousViolations(page)));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Restore a backup…' }).click();
    problems.push(...(await seriousViolations(page)));
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Password safe' }).click();
    problems.push(...(await seriousViolations(page)));
    await page.getByRole('tab', { name: 'One-time passwords' }).click();
    assert.deepEqual(problems, []);
  });

  it('opens the slot dialog, types a name and closes it by keyboard alone', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Add slot' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Keyboard');
    assert.equal(await page.getByLabel('Name').inputValue(), 'Keyboard');
    await page.keyboard.press('Escape');
    // Closed: the dialog leaves the page (within the default timeout, or this throws).
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});

describe('appearance', () => {
  it('follows a dark system theme and speaks German for a German locale, without accessibility violations', async () => {
    const e = await startE2e({ colorScheme: 'dark', locale: 'de-DE' });
    try {
      await e.page.getByRole('button', { name: 'Slot hinzufügen' }).waitFor();
      const background = await e.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      assert.equal(background, 'rgb(15, 20, 25)');
      assert.equal(await e.page.evaluate<string>('document.documentElement.lang'), 'de');
      assert.deepEqual(await seriousViolations(e.page), []);
      await screenshot(e.page, 'dark-german');
    } finally {
      await e.close();
    }
  });
});
