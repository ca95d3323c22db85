/**
 * End to end in chromium: the quick picker across every connected token (issue 13 item 3). A virtual Pro and
 * a virtual Nitrokey 3 side by side: the picker lists both tokens' accounts with the token's name on each
 * row; typing part of a Nitrokey 3 credential's name and Enter puts oathtool's code on the clipboard; a touch
 * credential shows the touch prompt over the picker; PIN-protected credentials appear only once unlocked and
 * then ask the PIN.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { parseSecret, type SlotRef } from '../../device/index';
import { copiedCode, oathtoolTotp, seriousViolations, startE2e, type E2e } from './support';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const MASTODON = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const FORGE = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const VAULT = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';
const now = () => Math.floor(Date.now() / 1000);

describe('the quick picker across a Pro and a Nitrokey 3', () => {
  let e: E2e;
  let nk3: string;
  let picker: Page;
  const handlers = () => e.host.services.tokens.handlers;
  const writeNk3 = async (name: string, secret: string, extra: Record<string, unknown> = {}) => {
    const r = await handlers()['credential/write']({
      token: nk3,
      name,
      kind: 'totp',
      secret: { text: secret, encoding: 'base32' },
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      isTouchRequired: false,
      isPinProtected: false,
      ...extra,
    });
    assert.equal(r.credential.name, name);
  };
  const pick = async (query: string) => {
    await picker.getByRole('searchbox').fill('');
    await picker.keyboard.type(query);
    await picker.evaluate('navigator.clipboard.writeText("")');
  };

  before(async () => {
    e = await startE2e({ nk3: { touch: 'accept' } });
    const parsed = parseSecret(GITHUB, 'base32');
    assert.ok(parsed.ok);
    await e.host.services.session.use(async (t) => {
      await t.authenticate('admin', '12345678');
      await t.writeSlot({ kind: 'totp', index: 0 } as SlotRef, {
        name: 'GitHub',
        secret: parsed.bytes,
        digits: 6,
        period: 30,
      });
    });
    e.host.services.slots.invalidate();
    await e.host.services.slots.announce();
    nk3 = (await handlers()['tokens/list']()).find((x) => x.model === 'nk3')!.id;
    await writeNk3('Mastodon:ann', MASTODON);
    await writeNk3('Forge', FORGE, { isTouchRequired: true });
    const url = new URL(e.host.url);
    url.pathname = '/picker';
    picker = await e.context.newPage();
    await picker.setViewportSize({ width: 460, height: 340 });
    await picker.goto(url.href);
    await picker.getByTestId('picker-item').nth(2).waitFor();
  });
  after(async () => {
    await picker?.close();
    await e.close();
  });

  it('lists every token’s accounts with the token’s name on each row', async () => {
    const rows = await picker.getByTestId('picker-item').allTextContents();
    assert.deepEqual(rows, [
      'GHGitHubNitrokey Pro (virtual)',
      'MAMastodon:annNitrokey 3 (virtual)',
      'FOForgeNitrokey 3 (virtual)',
    ]);
    assert.deepEqual(await seriousViolations(picker), []);
  });

  it('copies a Nitrokey 3 code equal to oathtool’s after typing part of its name and Enter', async () => {
    await pick('masto');
    assert.equal(await picker.getByTestId('picker-item').count(), 1);
    const t0 = now();
    await picker.keyboard.press('Enter');
    await picker.getByTestId('picker-closed').waitFor();
    const pasted = await copiedCode(picker);
    assert.ok([oathtoolTotp(MASTODON, t0), oathtoolTotp(MASTODON, now())].includes(pasted), `pasted ${pasted}`);
  });

  it('a touch credential shows the touch prompt, then copies', async () => {
    e.nk3!.touch.policy = 'ask';
    await pick('forg');
    const t0 = now();
    await picker.keyboard.press('Enter');
    await picker.getByTestId('touch-overlay').getByText('Touch your Nitrokey 3').waitFor();
    assert.deepEqual(await seriousViolations(picker), []);
    assert.equal(e.nk3!.touch.press(), true);
    await picker.getByTestId('picker-closed').waitFor();
    const pasted = await copiedCode(picker);
    assert.ok([oathtoolTotp(FORGE, t0), oathtoolTotp(FORGE, now())].includes(pasted), `pasted ${pasted}`);
    e.nk3!.touch.policy = 'accept';
  });

  it('lists a PIN-protected credential only once unlocked, and asks the PIN to copy it', async () => {
    await handlers()['named/set-pin']({ token: nk3, next: '123456' });
    await writeNk3('Vault', VAULT, { isPinProtected: true, pin: '123456' });
    await pick('vault');
    // Main's 'named/changed' after the write has reached the picker (it lists again), still without Vault.
    await picker.waitForTimeout(500);
    assert.equal(await picker.getByTestId('picker-item').count(), 0);
    await handlers()['credential/unlock']({ token: nk3, pin: '123456' });
    await picker.getByTestId('picker-item').filter({ hasText: 'Vault' }).waitFor();
    const t0 = now();
    await picker.keyboard.press('Enter');
    await picker.locator('#nk3-pin-input').fill('123456');
    await picker.keyboard.press('Enter');
    await picker.getByTestId('picker-closed').waitFor();
    const pasted = await copiedCode(picker);
    assert.ok([oathtoolTotp(VAULT, t0), oathtoolTotp(VAULT, now())].includes(pasted), `pasted ${pasted}`);
  });
});
