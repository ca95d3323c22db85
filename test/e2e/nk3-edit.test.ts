/**
 * End to end in chromium: editing a Nitrokey 3 credential in place (issue 12 "Add / edit / erase"). A rename
 * with the touch flag turned on asks for a touch, keeps the secret (the renamed credential's code equals
 * oathtool's), and the next copy asks for the touch it now needs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { readClipboard, seriousViolations, startE2e, type E2e } from './support';

const SHA1_B32 = 'JBSWY3DPEHPK3PXP';

/** oathtool's 6-digit SHA-1 TOTP code at `unixSeconds`. */
function oathtool(base32: string, unixSeconds: number): string {
  const now = new Date(unixSeconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '-b', `--now=${now}`, base32], { encoding: 'utf8' }).trim();
}

describe('editing a Nitrokey 3 credential in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e({ nk3: { touch: 'accept' } });
    await e.page.getByLabel('Token', { exact: true }).waitFor();
    const nk3 = await e.page.locator('#token-switcher option', { hasText: 'Nitrokey 3' }).getAttribute('value');
    await e.page.getByLabel('Token', { exact: true }).selectOption(nk3!);
    await e.page.getByRole('region', { name: 'Nitrokey 3' }).getByText('0 of 50').waitFor();
  });
  after(() => e.close());

  it('renames a credential and turns touch on; its code still equals oathtool’s', async () => {
    const { page } = e;
    const device = e.nk3!;
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByLabel('Name').fill('Blog');
    await page.getByLabel('Secret').fill(SHA1_B32);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Added “Blog”' }).waitFor();

    await page.getByRole('button', { name: 'Edit Blog' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit “Blog”' });
    await dialog.getByLabel('Name').fill('Journal');
    await dialog.getByLabel('Needs a touch of the token').check();
    assert.deepEqual(await seriousViolations(page), []);
    device.touch.policy = 'ask';
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('touch-overlay').getByText('Touch your Nitrokey 3').waitFor();
    assert.equal(device.touch.press(), true);
    await page.getByTestId('toast').filter({ hasText: 'Saved “Journal”' }).waitFor();
    const row = page.getByTestId('credential-row').filter({ hasText: 'Journal' });
    await row.getByText('touch', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('credential-row').filter({ hasText: 'Blog' }).count(), 0);

    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of Journal' }).click();
    await page.getByTestId('touch-overlay').getByText('Touch your Nitrokey 3').waitFor();
    assert.equal(device.touch.press(), true);
    await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
    const t1 = Math.floor(Date.now() / 1000);
    const pasted = await readClipboard(page);
    assert.ok([oathtool(SHA1_B32, t0), oathtool(SHA1_B32, t1)].includes(pasted), `pasted ${pasted}`);
    device.touch.policy = 'accept';
  });
});
