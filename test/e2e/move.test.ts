/**
 * End to end in chromium: the move wizard from a virtual Pro, with the keyslot backup of its accounts, to a
 * virtual Nitrokey 3 (issue 12). Every account is written and verified on the destination; an account the
 * backup lacks is listed as one to re-enrol; a code copied from the Nitrokey 3 afterwards equals oathtool's.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createBackupFile, parseSecret } from '../../device/index';
import { copiedCode, oathtoolTotp, readClipboard, screenshot, seriousViolations, startE2e, type E2e } from './support';

const B32 = 'JBSWY3DPEHPK3PXP';
// RFC 6238's SHA-256 seed ("12345678901234567890123456789012" in ASCII), in base32.
const SHA256_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';

/** oathtool's SHA-256 TOTP code of `digits` at `unixSeconds`. */
function oathtool256(base32: string, unixSeconds: number, digits: number): string {
  const now = new Date(unixSeconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp=SHA256', '-b', `--digits=${digits}`, `--now=${now}`, base32], {
    encoding: 'utf8',
  }).trim();
}

describe('the move wizard in the browser', () => {
  let e: E2e;
  let backup: string;
  before(async () => {
    e = await startE2e({ nk3: { touch: 'accept' } });
    const h = e.host.services.handlers;
    const base = {
      secret: { text: B32, encoding: 'base32' as const },
      digits: 6 as const,
      isOverwriteConfirmed: false,
    };
    await h['slot/write']({
      ...base,
      slot: { kind: 'totp', index: 0 },
      name: 'GitHub',
      period: 30,
      adminPin: '12345678',
    });
    await h['slot/write']({ ...base, slot: { kind: 'hotp', index: 0 }, name: 'VPN', counter: '3' });
    await h['slot/write']({ ...base, slot: { kind: 'totp', index: 1 }, name: 'Forgotten', period: 30 });
    await h['pws/init']({ adminPin: '12345678' });
    await h['pws/unlock']({ userPin: '123456' });
    await h['pws/write']({ index: 0, name: 'Router', login: 'admin', password: 'hunter2' });
    await h['token/lock']();
    const s = parseSecret(B32, 'base32');
    assert.ok(s.ok);
    backup = join(e.dir, 'accounts.keyslot-backup');
    const made = await createBackupFile(backup, 'correct horse', [
      { account: { kind: 'totp', secret: s.bytes, digits: 6, period: 30, name: 'GitHub' }, name: 'GitHub' },
      { account: { kind: 'hotp', secret: s.bytes, digits: 6, counter: 3n, name: 'VPN' }, name: 'VPN' },
    ]);
    assert.ok(made.ok);
    await e.page.reload();
    await e.page.getByRole('button', { name: 'Move to another token…' }).waitFor();
  });
  after(() => e.close());

  it('reviews what moves and why the rest cannot, writes a backup first, then verifies every account', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Move to another token…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Move accounts to another token' });
    assert.match((await wizard.getByLabel('From').locator('option:checked').textContent()) ?? '', /Nitrokey Pro/);
    assert.match((await wizard.getByLabel('To').locator('option:checked').textContent()) ?? '', /Nitrokey 3/);
    await wizard.getByLabel('keyslot backup of the source (file)').fill(backup);
    await wizard.getByLabel('Backup password').fill('correct horse');
    await wizard.getByLabel('Source PIN for its password entries (optional)').fill('123456');
    await wizard.getByRole('button', { name: 'Review' }).click();
    await wizard.getByText('3 accounts will move').waitFor();
    const moves = await wizard.getByTestId('move-item').allTextContents();
    assert.deepEqual(
      moves.map((m) => m.split(' ')[0]),
      ['VPN', 'GitHub', 'Router'],
    );
    const refused = await wizard.getByTestId('move-refusal').allTextContents();
    assert.equal(refused.length, 1);
    assert.match(refused[0], /^Forgotten .*not in the backup: re-enrol it at its site/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'move-review');
    const out = join(e.dir, 'moved.keyslot-backup');
    await wizard.getByLabel('New encrypted backup of what moves (written first)').fill(out);
    await wizard.getByLabel('Password of the new backup').fill('battery staple');
    await wizard.getByRole('button', { name: 'Move and verify' }).click();
    await wizard.getByTestId('move-done').getByText('Done: 3 of 3 verified on the destination.').waitFor();
    assert.ok(existsSync(out));
    assert.deepEqual(await wizard.getByTestId('move-result').allTextContents(), [
      'VPN: verified',
      'GitHub: verified',
      'Router: verified',
    ]);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'move-done');
    await wizard.getByRole('button', { name: 'Done' }).click();
  });

  it('shows the moved accounts on the Nitrokey 3, whose code equals oathtool’s', async () => {
    const { page } = e;
    const nk3 = await page.locator('#token-switcher option', { hasText: 'Nitrokey 3' }).getAttribute('value');
    await page.getByLabel('Token', { exact: true }).selectOption(nk3!);
    await page.getByRole('region', { name: 'Nitrokey 3' }).getByText('3 of 50').waitFor();
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of GitHub' }).click();
    const pasted = await copiedCode(page);
    const t1 = Math.floor(Date.now() / 1000);
    assert.ok([oathtoolTotp(B32, t0), oathtoolTotp(B32, t1)].includes(pasted), `pasted ${pasted}`);
    await page.getByRole('tab', { name: 'Password fields' }).click();
    await page.getByRole('button', { name: 'Copy the password of Router' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Copied; the clipboard is cleared' }).first().waitFor();
    assert.equal(await readClipboard(page), 'hunter2');
  });

  it('restores a version 2 backup (SHA-256, 7 digits) onto the Nitrokey 3 with the backup file as the source', async () => {
    const { page } = e;
    const s = parseSecret(SHA256_B32, 'base32');
    assert.ok(s.ok);
    const v2 = join(e.dir, 'v2.keyslot-backup');
    const made = await createBackupFile(v2, 'correct horse', [
      {
        account: { kind: 'totp', secret: s.bytes, algorithm: 'SHA256', digits: 7, period: 30, name: 'ACME:dana' },
        name: 'ACME:dana',
      },
    ]);
    assert.ok(made.ok);
    await page.getByRole('button', { name: 'Move to another token…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Move accounts to another token' });
    await wizard.getByLabel('From').selectOption({ label: 'Only the backup file (restore it)' });
    const nk3 = await wizard.getByLabel('To').locator('option', { hasText: 'Nitrokey 3' }).getAttribute('value');
    await wizard.getByLabel('To').selectOption(nk3!);
    await wizard.getByLabel('keyslot backup of the source (file)').fill(v2);
    await wizard.getByLabel('Backup password').fill('correct horse');
    await wizard.getByRole('button', { name: 'Review' }).click();
    await wizard.getByText('1 account will move').waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await wizard.getByRole('button', { name: 'Move and verify' }).click();
    await wizard.getByTestId('move-done').getByText('Done: 1 of 1 verified on the destination.').waitFor();
    await wizard.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('region', { name: 'Nitrokey 3' }).getByText('4 of 50').waitFor();
    await page.locator('#named-tab-codes').click();
    const t0 = Math.floor(Date.now() / 1000);
    await page.getByRole('button', { name: 'Copy the code of ACME:dana' }).click();
    // The password copied before is still on the clipboard (and an earlier toast may still show): wait
    // for the 7-digit code itself.
    const pasted = await copiedCode(page, 7);
    const t1 = Math.floor(Date.now() / 1000);
    assert.ok([oathtool256(SHA256_B32, t0, 7), oathtool256(SHA256_B32, t1, 7)].includes(pasted), `pasted ${pasted}`);
  });
});
