/**
 * End to end in chromium through the web host: add an account from a QR image (drawn by Debian's
 * python3-qrcode), show its secret, back it up, write and check it, erase it and restore it from
 * the backup (a second restore writes nothing: the account is there already); a Google Authenticator export's review list; a SHA256 account refused.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrationUris } from '../support/migration-fixtures';
import { qrImageFile } from '../support/qr-images';
import { oathtoolTotp, readClipboard, screenshot, seriousViolations, startE2e, type E2e } from './support';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const KEYCLOAK = `otpauth://totp/Keycloak:ann?secret=${SECRET}&issuer=Keycloak&algorithm=SHA1&digits=6&period=30`;
const PASSWORD = 'tulip anchor 1987';

/** True if `code` is oathtool's code now or one step either side of the call. */
function isCurrentCode(code: string, t0: number, t1: number): boolean {
  return [oathtoolTotp(SECRET, t0), oathtoolTotp(SECRET, t1)].includes(code);
}

describe('adding an account in the browser', () => {
  let e: E2e;
  let backup: string;
  let sheet: string;
  before(async () => {
    e = await startE2e();
    backup = join(e.dir, 'accounts.keyslot-backup');
    sheet = join(e.dir, 'recovery-sheet.html');
    await e.page.getByRole('button', { name: 'Add account' }).waitFor();
  });
  after(() => e.close());

  it('imports an account from a QR image file, backs it up, writes and checks it, and shows its code', async () => {
    const { page } = e;
    const image = qrImageFile({ texts: [KEYCLOAK], style: 'screenshot' });
    await page.getByRole('button', { name: 'Add account' }).click();
    await screenshot(page, 'add-account');
    const problems = await seriousViolations(page);
    await page.getByTestId('image-file').setInputFiles(image);
    await page.getByText('Found: Keycloak: ann').waitFor();
    problems.push(...(await seriousViolations(page)));
    assert.equal(await page.getByLabel('Name').inputValue(), 'Keycloak:ann');
    assert.equal(await page.getByLabel('Slot', { exact: true }).inputValue(), '0');
    await page.getByRole('button', { name: 'Show the secret' }).click();
    assert.equal((await page.getByTestId('revealed-secret').textContent())?.replace(/ /g, ''), SECRET);
    await screenshot(page, 'import-review');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Path of the backup file on this computer').fill(backup);
    await page.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the backup password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Add to the backup' }).click();
    assert.equal(await page.getByTestId('backup-status').textContent(), 'Added. Accounts in this backup: 1.');
    assert.equal(await page.getByLabel('Backup password', { exact: true }).inputValue(), '');
    assert.equal(JSON.parse(readFileSync(backup, 'utf8')).format, 'keyslot-backup');
    await screenshot(page, 'import-backup');
    await page.getByText('Printable recovery sheet').click();
    await page.getByLabel('Path of the sheet (a new HTML file)').fill(sheet);
    await page.getByRole('button', { name: 'Save the sheet' }).click();
    // The page shows the file's name; its folder stays in main (issue 9 item 10).
    await page.getByText('Saved recovery-sheet.html.').waitFor();
    assert.equal(readFileSync(sheet, 'utf8').match(/<svg /g)?.length, 1);
    problems.push(...(await seriousViolations(page)));
    await page.getByRole('button', { name: 'Write to the token' }).click();
    await page.locator('#pin-input').fill('12345678');
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'OK' }).click();
    const code = (await page.getByTestId('new-code').textContent()) ?? '';
    const t1 = Math.floor(Date.now() / 1000);
    assert.ok(isCurrentCode(code, t0, t1), `code ${code}`);
    assert.match(
      (await page.getByTestId('write-result').textContent()) ?? '',
      /Checked: the token’s code matches the secret/,
    );
    assert.match((await page.getByTestId('code-validity').textContent()) ?? '', /Valid for \d+ more seconds/);
    problems.push(...(await seriousViolations(page)));
    assert.deepEqual(problems, []);
    await screenshot(page, 'import-done');
    await page.getByRole('button', { name: 'Done' }).click();
    assert.equal(await page.getByRole('button', { name: 'Copy the code of Keycloak:ann' }).count(), 1);
  });

  it('erases the slot and restores it from the backup, refusing a wrong password first', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Erase Keycloak:ann' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Erase' }).click();
    await page.getByText('No slot is programmed yet').waitFor();
    await page.getByRole('button', { name: 'Restore a backup…' }).click();
    await page.getByLabel('Path of the backup file on this computer').fill(backup);
    await page.getByLabel('Backup password').fill('tulip anchor 1986');
    await page.getByRole('button', { name: 'Open the backup' }).click();
    assert.match((await page.getByTestId('restore-error').textContent()) ?? '', /password does not open this backup/);
    await page.getByLabel('Backup password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Open the backup' }).click();
    await page.getByRole('button', { name: 'Restore all' }).waitFor();
    assert.deepEqual(await page.getByTestId('review-item').locator('strong').allTextContents(), ['Keycloak: ann']);
    await screenshot(page, 'restore-review');
    await page.getByRole('button', { name: 'Restore all' }).click();
    assert.match((await page.getByTestId('write-result').textContent()) ?? '', /TOTP 1.*Keycloak:ann.*Checked/);
    await page.getByRole('button', { name: 'Done' }).click();
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of Keycloak:ann' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
    assert.ok(isCurrentCode(await readClipboard(page), t0, Math.floor(Date.now() / 1000)));
  });

  it('writes nothing when the same backup is restored again, saying the account is on the token already', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Restore a backup…' }).click();
    await page.getByLabel('Path of the backup file on this computer').fill(backup);
    await page.getByLabel('Backup password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Open the backup' }).click();
    await page.getByRole('heading', { name: 'Already on this token (1)' }).waitFor();
    assert.match(
      (await page.getByTestId('already-on-token').textContent()) ?? '',
      /Keycloak: ann.*Slot TOTP 1 “Keycloak:ann” gives this account’s code/,
    );
    assert.equal(
      await page.getByTestId('all-on-token').textContent(),
      'Every account of this backup is on this token already. Nothing is written.',
    );
    assert.equal(await page.getByRole('button', { name: 'Restore all' }).count(), 0);
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('button', { name: 'Close' }).last().click();
    assert.equal(await page.getByRole('button', { name: 'Copy the code of Keycloak:ann' }).count(), 1);
  });

  it('lists a Google Authenticator export for review and writes the accounts ticked', async () => {
    const { page } = e;
    const [exportUri] = migrationUris([
      {
        accounts: [
          { secretHex: '3132333435363738393031323334353637383930', name: 'ann@example.com', issuer: 'GitHub' },
          { secretHex: '0102030405060708090a0b0c0d0e0f1011121314', name: 'ann', issuer: 'Mail' },
          {
            secretHex: '3132333435363738393031323334353637383930',
            name: 'ann',
            issuer: 'VPN',
            type: 'OTP_TYPE_HOTP',
            counter: 0,
          },
          { secretHex: '0102030405060708090a', name: 'bob', issuer: 'Bank', algorithm: 'ALGORITHM_SHA512' },
        ],
      },
    ]);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Or paste an otpauth:// or otpauth-migration:// URI').fill(exportUri);
    await page.getByRole('button', { name: 'Read' }).click();
    await page.getByRole('heading', { name: 'Check 4 accounts' }).waitFor();
    assert.deepEqual(await page.getByTestId('review-item').locator('strong').allTextContents(), [
      'GitHub: ann@example.com',
      'Mail: ann',
      'VPN: ann',
    ]);
    assert.match((await page.getByTestId('refused-item').textContent()) ?? '', /Bank: bob.*SHA512.*authenticator app/);
    assert.match((await page.getByTestId('review-item').nth(0).textContent()) ?? '', /TOTP 2/);
    // The name is longer than 15 bytes: it is shortened, and the person has to OK it.
    assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await page.getByLabel(/"GitHub:ann@example.com" has 22 bytes/).check();
    await page.getByLabel('Write Mail: ann').uncheck();
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'import-migration');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Write without a copy' }).click();
    await page.getByRole('heading', { name: 'Written and checked' }).waitFor();
    const results = await page.getByTestId('write-result').allTextContents();
    assert.equal(results.length, 2);
    assert.match(results[0], /TOTP 2\s*GitHub:ann Checked/);
    // RFC 4226 Appendix D, count 0: the check used the HOTP slot's first counter step.
    assert.match(results[1], /HOTP 1\s*VPN:ann Checked.*755224/);
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('refuses a SHA256 account before anything is written, saying why and what to do instead', async () => {
    const { page } = e;
    // What the token holds, asked of main (the page's list may still be taking in the last write).
    const before = JSON.stringify(await e.host.services.slots.list());
    await page.getByRole('button', { name: 'Add account' }).click();
    await page
      .getByLabel('Or paste an otpauth:// or otpauth-migration:// URI')
      .fill(`otpauth://totp/Bank:ann?secret=${SECRET}&algorithm=SHA256`);
    await page.getByRole('button', { name: 'Read' }).click();
    const refused = page.getByTestId('refused-item');
    await refused.waitFor();
    assert.match(
      (await refused.textContent()) ?? '',
      /uses SHA256, but the firmware is HMAC-SHA1 only.*Keep this account in an authenticator app/,
    );
    assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await screenshot(page, 'import-refused');
    await page.keyboard.press('Escape');
    assert.equal(JSON.stringify(await e.host.services.slots.list()), before);
  });
});
