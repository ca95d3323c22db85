/**
 * End to end in chromium: the Nitrokey 3's credential list is keyboard first like the slot list (issue 13
 * over issue 12): the search has the focus when the list shows, typing filters, ↑/↓ choose, Enter copies
 * the selected match's code (equal to oathtool's), Esc clears, and the live region says what Enter copies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Nk3Session, parseSecret } from '../../device/index';
import { copiedCode, oathtoolTotp, seriousViolations, startE2e, type E2e } from './support';

const ACCOUNTS: [string, string][] = [
  ['GitHub', 'JBSWY3DPEHPK3PXP'],
  ['GitLab:ann', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ['Mail', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'],
];
const now = () => Math.floor(Date.now() / 1000);

describe('the Nitrokey 3 list from the keyboard', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e({ nk3: { touch: 'accept' } });
    const session = new Nk3Session(e.nk3!.openCcid());
    for (const [name, base32] of ACCOUNTS) {
      const secret = parseSecret(base32, 'base32');
      if (!secret.ok) throw new Error(secret.problem);
      await session.put({ name, kind: 'totp', secret: secret.bytes });
    }
    await e.page.reload();
    const nk3 = await e.page.locator('#token-switcher option', { hasText: 'Nitrokey 3' }).getAttribute('value');
    await e.page.getByLabel('Token', { exact: true }).selectOption(nk3!);
    await e.page.getByTestId('credential-row').nth(2).waitFor();
  });
  after(() => e.close());

  it('starts in the search: three letters and Enter put the code on the clipboard', async () => {
    const { page } = e;
    assert.equal(await page.evaluate<string | null>('document.activeElement?.getAttribute("type")'), 'search');
    await page.evaluate('navigator.clipboard.writeText("")');
    const t0 = now();
    await page.keyboard.type('lab');
    assert.deepEqual(await page.getByTestId('credential-row').locator('.credential-name').allTextContents(), [
      'GitLab:ann',
    ]);
    assert.match((await page.getByTestId('search-status').textContent()) ?? '', /1 match: GitLab:ann/);
    await page.keyboard.press('Enter');
    const pasted = await copiedCode(page);
    assert.ok([oathtoolTotp(ACCOUNTS[1][1], t0), oathtoolTotp(ACCOUNTS[1][1], now())].includes(pasted), pasted);
  });

  it('moves with the arrow keys, copies the selected match and clears with Esc', async () => {
    const { page } = e;
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('searchbox').inputValue(), '');
    await page.keyboard.type('git');
    const names = await page.getByTestId('credential-row').locator('.credential-name').allTextContents();
    assert.deepEqual([...names].sort(), ['GitHub', 'GitLab:ann']);
    const selectedName = () =>
      page.locator('[data-testid=credential-row][aria-current=true] .credential-name').textContent();
    assert.equal(await selectedName(), names[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await selectedName(), names[1]);
    assert.match((await page.getByTestId('search-status').textContent()) ?? '', new RegExp(`2 matches.*${names[1]}`));
    await page.evaluate('navigator.clipboard.writeText("")');
    const t0 = now();
    await page.keyboard.press('Enter');
    const pasted = await copiedCode(page);
    const secret = ACCOUNTS.find(([name]) => name === names[1])![1];
    assert.ok([oathtoolTotp(secret, t0), oathtoolTotp(secret, now())].includes(pasted), pasted);
    await page.keyboard.press('ArrowUp');
    assert.equal(await selectedName(), names[0]);
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('credential-row').count(), 3);
    assert.deepEqual(await seriousViolations(page), []);
  });
});
