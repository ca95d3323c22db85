/**
 * End to end in chromium (issue 13): codes in view that equal oathtool's and change at the step,
 * the keyboard-only path (type part of a name, Enter, the code is on the clipboard), a HOTP
 * reveal, Ctrl+C on a focused row, the quick picker's page, and axe on both pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { parseSecret, type SlotRef } from '../../device/index';
import {
  copiedCode,
  oathtoolTotp,
  screenshot,
  seriousViolations,
  spyCodeRequests,
  startE2e,
  type E2e,
} from './support';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const GITLAB = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** A TOTP slot with a 3-second step, so the test sees a step change without waiting 30 s. */
const FAST = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const FAST_PERIOD = 3;
/** RFC 4226 Appendix D key: 755224 (count 0), 287082 (1). */
const RFC4226_HEX = '3132333435363738393031323334353637383930';

const now = () => Math.floor(Date.now() / 1000);
const codeOf = (page: Page, slot: string) => page.locator(`[data-testid=code][data-slot="${slot}"]`);

/** Empties the page's clipboard, so the next code on it is the next copy's (not an earlier one). */
const clearClipboard = (page: Page) => page.evaluate('navigator.clipboard.writeText("")');

async function program(e: E2e): Promise<void> {
  const bytes = (text: string, encoding: 'base32' | 'hex') => {
    const r = parseSecret(text, encoding);
    if (!r.ok) throw new Error(r.problem);
    return r.bytes;
  };
  const totp = (index: number, name: string, secret: string, period: number) =>
    [
      { kind: 'totp', index } as SlotRef,
      { name, secret: bytes(secret, 'base32'), digits: 6 as const, period },
    ] as const;
  await e.host.services.session.use(async (t) => {
    await t.authenticate('admin', '12345678');
    await t.writeSlot(...totp(0, 'GitHub', GITHUB, 30));
    await t.writeSlot(...totp(1, 'GitLab:ann', GITLAB, 30));
    await t.writeSlot(...totp(2, 'Fast', FAST, FAST_PERIOD));
    await t.writeSlot(
      { kind: 'hotp', index: 0 },
      { name: 'VPN', secret: bytes(RFC4226_HEX, 'hex'), digits: 6, counter: 0n },
    );
  });
  e.host.services.slots.invalidate();
  await e.host.services.slots.announce();
}

describe('speed of use in the browser', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e();
    await program(e);
    await e.page.getByTestId('slot-row').nth(3).waitFor();
  });
  after(() => e.close());

  it('shows each TOTP code in view, equal to oathtool’s', async () => {
    const { page } = e;
    const t0 = now();
    await codeOf(page, 'totp/0')
      .filter({ hasText: /^\d{6}$/ })
      .waitFor();
    const shown = await codeOf(page, 'totp/0').textContent();
    const t1 = now();
    assert.ok([oathtoolTotp(GITHUB, t0), oathtoolTotp(GITHUB, t1)].includes(shown ?? ''), `shown ${shown}`);
    const lab = await codeOf(page, 'totp/1').textContent();
    assert.ok([oathtoolTotp(GITLAB, t0), oathtoolTotp(GITLAB, now())].includes(lab ?? ''), `shown ${lab}`);
    // The HOTP slot shows no code until asked: showing one uses a counter value.
    assert.equal(await codeOf(page, 'hotp/0').textContent(), 'Code hidden');
    await screenshot(page, 'codes-in-view');
  });

  it('changes a code at its step, to the next step’s code', async () => {
    const { page } = e;
    const fast = codeOf(page, 'totp/2');
    await fast.filter({ hasText: /^\d{6}$/ }).waitFor();
    const first = await fast.textContent();
    // Two steps of 3 s at most: wait for the shown code to change.
    // The DOM's types are not this program's (it is typed for Node): the page's document through globalThis.
    type Doc = { document: { querySelector(selector: string): { textContent: string | null } | null } };
    await page.waitForFunction(
      (before) =>
        (globalThis as unknown as Doc).document.querySelector('[data-testid=code][data-slot="totp/2"]')?.textContent !==
        before,
      first,
      { timeout: 8000, polling: 20 },
    );
    const tc = Date.now() / 1000;
    const next = await fast.textContent();
    const candidates = [tc, tc - 1].map((s) => oathtoolTotp(FAST, Math.floor(s), 6, FAST_PERIOD));
    assert.notEqual(next, first);
    assert.ok(candidates.includes(next ?? ''), `after the step: ${next}, oathtool: ${candidates.join(' or ')}`);
  });

  it('asks for each code once per step, and for none while the window is hidden', async () => {
    const { page } = e;
    const { asked, restore } = spyCodeRequests(e);
    try {
      await page.waitForTimeout(FAST_PERIOD * 1000 + 500);
      const times = (slot: string) => asked.filter((a) => a.includes(slot)).length;
      // 3.5 s hold at most two 3-second step ends (at most one 30-second one): once a step each.
      assert.ok(times('totp/2') >= 1 && times('totp/2') <= 2, `asked ${JSON.stringify(asked)}`);
      assert.ok(times('totp/0') <= 1 && times('totp/1') <= 1, `asked ${JSON.stringify(asked)}`);
      assert.equal(times('hotp/0'), 0, 'a HOTP code is never asked for by itself');
      // Hidden (minimised, another tab): the codes go, and nothing is asked for.
      await page.evaluate(`Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'))`);
      assert.equal(await codeOf(page, 'totp/0').textContent(), 'Code hidden');
      asked.length = 0;
      await page.waitForTimeout(FAST_PERIOD * 1000 + 500);
      assert.deepEqual(asked, []);
      // Visible again: the codes come back at once.
      await page.evaluate(`Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'))`);
      await codeOf(page, 'totp/0')
        .filter({ hasText: /^\d{6}$/ })
        .waitFor();
    } finally {
      restore();
    }
  });

  it('starts in the search: three letters and Enter put the code on the clipboard', async () => {
    const { page } = e;
    await page.reload();
    await page.getByTestId('slot-row').nth(3).waitFor();
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.getAttribute("type")'), 'search');
    await clearClipboard(page);
    const t0 = now();
    await page.keyboard.type('hub');
    assert.deepEqual(await page.getByTestId('slot-row').locator('.slot-name').allTextContents(), ['GitHub']);
    assert.match((await page.getByTestId('search-status').textContent()) ?? '', /1 match: GitHub/);
    await screenshot(page, 'keyboard-search');
    await page.keyboard.press('Enter');
    const pasted = await copiedCode(page);
    assert.ok([oathtoolTotp(GITHUB, t0), oathtoolTotp(GITHUB, now())].includes(pasted), `pasted ${pasted}`);
  });

  it('moves with the arrow keys, copies the selected match and clears with Esc', async () => {
    const { page } = e;
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('searchbox', { name: 'Search slots' }).inputValue(), '');
    await page.keyboard.type('GIT');
    assert.equal(await page.getByTestId('slot-row').count(), 2);
    await page.keyboard.press('ArrowDown');
    assert.match((await page.locator('[data-testid=slot-row][aria-current=true]').textContent()) ?? '', /GitLab:ann/);
    assert.match((await page.getByTestId('search-status').textContent()) ?? '', /GitLab:ann is selected/);
    await clearClipboard(page);
    const t0 = now();
    await page.keyboard.press('Enter');
    const pasted = await copiedCode(page);
    assert.ok([oathtoolTotp(GITLAB, t0), oathtoolTotp(GITLAB, now())].includes(pasted), `pasted ${pasted}`);
    // Issuer and account both: "ann" finds GitLab:ann.
    await page.keyboard.press('Escape');
    await page.keyboard.type('ann');
    assert.deepEqual(await page.getByTestId('slot-row').locator('.slot-name').allTextContents(), ['GitLab:ann']);
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('slot-row').count(), 4);
  });

  it('reveals a HOTP code, says the counter moved, and copies that same code', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Show code: VPN' }).click();
    await page.getByTestId('toast').filter({ hasText: 'the counter is now 1' }).waitFor();
    assert.equal(await codeOf(page, 'hotp/0').textContent(), '755224');
    // Enter copies the shown code: no second counter step.
    await page.getByRole('searchbox', { name: 'Search slots' }).focus();
    await clearClipboard(page);
    await page.keyboard.type('vpn');
    await page.keyboard.press('Enter');
    assert.equal(await copiedCode(page), '755224');
    assert.match((await page.getByTestId('slot-row').filter({ hasText: 'VPN' }).textContent()) ?? '', /Counter 1/);
    await page.keyboard.press('Escape');
  });

  it('copies the focused row’s code with Ctrl+C', async () => {
    const { page } = e;
    await page.evaluate('navigator.clipboard.writeText("something else")');
    await page.getByRole('button', { name: 'Copy the code of GitHub' }).focus();
    const t0 = now();
    await page.keyboard.press('Control+C');
    const pasted = await copiedCode(page);
    assert.ok([oathtoolTotp(GITHUB, t0), oathtoolTotp(GITHUB, now())].includes(pasted), `pasted ${pasted}`);
  });

  it('has no serious accessibility problems with the codes in view', async () => {
    assert.deepEqual(await seriousViolations(e.page), []);
  });

  it('says in Settings that the browser has no global shortcut', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('shortcut-status').filter({ hasText: 'Global shortcuts need the desktop app' }).waitFor();
    assert.equal(await page.getByLabel('Shortcut', { exact: true }).inputValue(), 'Ctrl+Alt+K');
    await page.keyboard.press('Escape');
  });

  it('serves the quick picker as a page: type, Enter copies and closes; Esc closes', async () => {
    const url = new URL(e.host.url);
    url.pathname = '/picker';
    const picker = await e.context.newPage();
    try {
      // The picker window's size in the app (electron/window.ts createPickerWindow).
      await picker.setViewportSize({ width: 460, height: 340 });
      await picker.goto(url.href);
      await picker.getByTestId('picker-item').nth(3).waitFor();
      assert.equal(await picker.evaluate<string | undefined>('document.activeElement?.getAttribute("type")'), 'search');
      await picker.keyboard.type('lab');
      assert.deepEqual(await picker.getByTestId('picker-item').allTextContents(), ['GLGitLab:ann']);
      await screenshot(picker, 'picker');
      assert.deepEqual(await seriousViolations(picker), []);
      const t0 = now();
      await clearClipboard(picker);
      await picker.keyboard.press('Enter');
      await picker.getByTestId('picker-closed').waitFor();
      const pasted = await copiedCode(picker);
      assert.ok([oathtoolTotp(GITLAB, t0), oathtoolTotp(GITLAB, now())].includes(pasted), `pasted ${pasted}`);
      assert.equal(await picker.getByRole('searchbox').inputValue(), '', 'closing clears the search');
      await picker.keyboard.type('x');
      assert.equal(await picker.getByTestId('picker-closed').count(), 0);
      await picker.keyboard.press('Escape');
      await picker.getByTestId('picker-closed').waitFor();
    } finally {
      await picker.close();
    }
  });

  it('shows codes of a token that needs the user PIN only when asked, after the PIN', async () => {
    const { page } = e;
    await e.host.services.session.use(async (t) => {
      await t.authenticate('admin', '12345678');
      await t.setConfig({
        numlock: null,
        capslock: null,
        scrolllock: null,
        isUserPasswordRequired: true,
        isDeleteUserPassword: false,
      });
    });
    await e.host.services.session.announce();
    await page.getByRole('button', { name: 'Show code: GitHub' }).waitFor();
    assert.equal(await codeOf(page, 'totp/0').textContent(), 'Code hidden');
    await page.getByRole('button', { name: 'Show code: GitHub' }).click();
    await page.locator('#pin-input').fill('123456');
    const t0 = now();
    await page.getByRole('button', { name: 'OK' }).click();
    await codeOf(page, 'totp/0')
      .filter({ hasText: /^\d{6}$/ })
      .waitFor();
    const shown = await codeOf(page, 'totp/0').textContent();
    assert.ok([oathtoolTotp(GITHUB, t0), oathtoolTotp(GITHUB, now())].includes(shown ?? ''), `shown ${shown}`);
    // Only the slot asked for: the others stay hidden.
    assert.equal(await codeOf(page, 'totp/1').textContent(), 'Code hidden');
  });
});
