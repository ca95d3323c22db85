/**
 * Type-ahead in chromium (issue 13): the host's first HTML shows the search focused before the app's
 * scripts have come; what a person types at once, before and while the renderer takes the page over,
 * is neither lost nor run twice (renderer/early.ts, renderer/type-ahead.ts), and the first codes asked
 * for are those of the matches typed (renderer/codes.ts), so Enter waits for its own code only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseSecret } from '../../device/index';
import { oathtoolTotp, pageWithScriptsHeld, readClipboard, spyCodeRequests, startE2e, type E2e } from './support';

const NAMES = ['GitHub', 'GitLab:ann', 'Mail', 'Bank', 'Cloud', 'Shop'];
/** One secret per slot: the RFC 6238 SHA-1 key with the slot's index as its last byte. */
const secretOf = (index: number) => `GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ${'QRSTUV'[index]}`;

describe('type-ahead while the window opens', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e();
    await e.host.services.session.use(async (t) => {
      await t.authenticate('admin', '12345678');
      for (const [index, name] of NAMES.entries()) {
        const r = parseSecret(secretOf(index), 'base32');
        if (!r.ok) throw new Error(r.problem);
        await t.writeSlot({ kind: 'totp', index }, { name, secret: r.bytes, digits: 6, period: 30 });
      }
    });
    e.host.services.slots.invalidate();
    await e.host.services.slots.announce();
  });
  after(() => e.close());

  for (const [typedBefore, typedWhile] of [
    ['lab\n', ''],
    ['la', 'b\n'],
  ]) {
    it(`keeps ${JSON.stringify(typedBefore)} typed before the renderer takes over and ${JSON.stringify(typedWhile)} typed while`, async () => {
      const { page, release, problems } = await pageWithScriptsHeld(e.context, e.host.url);
      try {
        await page.evaluate('navigator.clipboard.writeText("")');
        const t0 = Math.floor(Date.now() / 1000);
        await page.keyboard.type(typedBefore);
        assert.equal(await page.getByTestId('toast').count(), 0); // nothing has run the app yet
        release();
        await page.keyboard.type(typedWhile); // no key may be lost while the scripts come and run
        await page.getByTestId('toast').filter({ hasText: 'Code copied' }).first().waitFor();
        const t1 = Math.floor(Date.now() / 1000);
        assert.equal(await page.getByRole('searchbox').inputValue(), 'lab');
        assert.deepEqual(await page.getByTestId('slot-row').locator('.slot-name').allTextContents(), ['GitLab:ann']);
        const pasted = await readClipboard(page);
        const expected = new Set([t0 - 30, t0, t1, t1 + 30].map((t) => oathtoolTotp(secretOf(1), t)));
        assert.ok(expected.has(pasted), `pasted ${pasted}, not GitLab's code`);
        assert.equal(await page.getByTestId('toast').count(), 1, 'copied once');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }

  it('keeps it too where the first HTML is in another language than the window', async () => {
    const origin = new URL(e.host.url).origin;
    const context = await e.browser.newContext({ locale: 'de-DE' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    // The host draws English (Accept-Language); the window speaks German.
    await context.route(`${origin}/**`, (route) =>
      route.continue({ headers: { ...route.request().headers(), 'accept-language': 'en-US' } }),
    );
    try {
      const { page, release } = await pageWithScriptsHeld(context, e.host.url);
      const t0 = Math.floor(Date.now() / 1000);
      await page.keyboard.type('lab');
      release();
      await page.locator('.app[lang=de]').waitFor(); // the window in its own language
      assert.equal(await page.getByRole('searchbox').inputValue(), 'lab');
      await page.keyboard.press('Enter');
      await page.getByTestId('toast').filter({ hasText: 'Code kopiert' }).first().waitFor();
      const t1 = Math.floor(Date.now() / 1000);
      assert.equal(await page.getByRole('searchbox').inputValue(), 'lab');
      assert.deepEqual(await page.getByTestId('slot-row').locator('.slot-name').allTextContents(), ['GitLab:ann']);
      const expected = new Set([t0 - 30, t0, t1, t1 + 30].map((t) => oathtoolTotp(secretOf(1), t)));
      const pasted = await readClipboard(page);
      assert.ok(expected.has(pasted), `pasted ${pasted}, not GitLab's code`);
    } finally {
      await context.close();
    }
  });

  it('keeps it on the quick picker page too: drawn by the host, "lab" and Enter typed at once copy and close', async () => {
    const url = new URL(e.host.url);
    url.pathname = '/picker';
    const { page, release, problems } = await pageWithScriptsHeld(e.context, url.href);
    try {
      await page.evaluate('navigator.clipboard.writeText("")');
      const t0 = Math.floor(Date.now() / 1000);
      await page.keyboard.type('lab\n');
      release();
      // The web host's picker is a tab, not a window it can hide: it says it is done.
      await page.getByTestId('picker-closed').waitFor();
      const t1 = Math.floor(Date.now() / 1000);
      const pasted = await readClipboard(page);
      const expected = new Set([t0 - 30, t0, t1, t1 + 30].map((t) => oathtoolTotp(secretOf(1), t)));
      assert.ok(expected.has(pasted), `pasted ${pasted}, not GitLab's code`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it("asks first for the codes of the matches typed, in a request of their own, then for the others'", async () => {
    const { asked, restore } = spyCodeRequests(e);
    const { page, release } = await pageWithScriptsHeld(e.context, e.host.url);
    try {
      await page.keyboard.type('git');
      release();
      await page
        .locator('[data-testid=code][data-slot="totp/1"]')
        .filter({ hasText: /^\d{6}$/ })
        .waitFor();
      for (let i = 0; i < 100 && asked.length < 2; i++) await page.waitForTimeout(50);
      assert.deepEqual(asked, [
        ['totp/0', 'totp/1'],
        ['totp/2', 'totp/3', 'totp/4', 'totp/5'],
      ]);
    } finally {
      restore();
      await page.close();
    }
  });
});
