/**
 * End to end in chromium: the Nitrokey 3's credential list is keyboard first like the slot list (issue 13
 * over issue 12): the search has the focus when the list shows, typing filters, ↑/↓ choose, Enter copies
 * the selected match's code (equal to oathtool's), Esc clears, and the live region says what Enter copies.
 * With only a Nitrokey 3, the host's first HTML already shows its view, and keys typed at once are kept.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { Nk3Session, parseSecret } from '../../device/index';
import { openVirtualNk3, virtualNk3Opener } from '../../electron/services/named-discovery';
import { startWebHost, type WebHost } from '../../web-host/host';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  buildRenderer,
  copiedCode,
  oathtoolTotp,
  pageWithScriptsHeld,
  readClipboard,
  seriousViolations,
  startE2e,
  type E2e,
} from './support';

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

describe('a window with only a Nitrokey 3', () => {
  let dir: string;
  let host: WebHost;
  let browser: Browser;
  before(async () => {
    buildRenderer();
    dir = mkdtempSync(join(tmpdir(), 'keyslot-e2e-nk3-only-'));
    const file = join(dir, 'virtual-nk3.json');
    const nk3 = await openVirtualNk3(file, 'accept');
    const session = new Nk3Session(nk3.openCcid());
    for (const [name, base32] of ACCOUNTS) {
      const secret = parseSecret(base32, 'base32');
      if (!secret.ok) throw new Error(secret.problem);
      await session.put({ name, kind: 'totp', secret: secret.bytes });
    }
    // No slot token: 'hid' finds none here.
    host = await startWebHost({
      named: [virtualNk3Opener(nk3, file)],
      device: { kind: 'hid' },
      rendererDir: join(ROOT, 'dist', 'app', 'renderer'),
      userDataDir: dir,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the Nitrokey 3 in the first HTML, with its search focused, never "No token plugged in"', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(host.url);
      await page.getByRole('region', { name: 'Nitrokey 3' }).waitFor();
      assert.equal(await page.getByText('No token plugged in').count(), 0);
      assert.equal(await page.evaluate<string | null>('document.activeElement?.getAttribute("type")'), 'search');
    } finally {
      await context.close();
    }
  });

  it('keeps "lab" and Enter typed before the scripts come, and copies GitLab’s code once the list is there', async () => {
    const origin = new URL(host.url).origin;
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    try {
      const { page, release, problems } = await pageWithScriptsHeld(context, host.url);
      const t0 = now();
      await page.keyboard.type('lab\n');
      release();
      await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
      assert.equal(await page.getByRole('searchbox').inputValue(), 'lab');
      const pasted = await readClipboard(page);
      assert.ok([oathtoolTotp(ACCOUNTS[1][1], t0), oathtoolTotp(ACCOUNTS[1][1], now())].includes(pasted), pasted);
      assert.deepEqual(problems, []); // taken over without a hydration error
    } finally {
      await context.close();
    }
  });
});
