import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Token, VirtualTransport, openVirtualTokenFile } from '../../device/index';
import type { BootState } from '../../electron/ipc/contract';
import { pageWithBoot, scriptSafeJson, within } from '../../electron/boot-page';
import { startWebHost, type WebHost } from '../../web-host/host';

const INDEX =
  '<!doctype html><html><head><title>t</title></head><body><div id="root"></div>\n    <script type="module" src="app.js"></script></body></html>';
const boot = (name: string): BootState => ({
  appInfo: { version: '0', host: 'web', hasTray: false, locale: '', hasFileDialogs: false, canCaptureScreen: false },
  settings: {
    clearCodeAfterS: 30,
    clearPasswordAfterS: 60,
    isStartMinimized: false,
    isCloseToTray: false,
    language: 'system',
    pickerShortcut: 'Ctrl+Alt+K',
    isPickerShortcutOn: true,
    isStartAtLogin: false,
    isTrayCopyNotified: true,
    pinnedSlots: [],
  },
  token: null,
  slots: [{ slot: { kind: 'totp', index: 0 }, name, digits: 6, period: 30 }],
});

/** The boot block's JSON in a served page, or null. */
function bootOf(html: string): BootState | null {
  const m = /<script type="application\/json" id="keyslot-boot">(.*?)<\/script>/s.exec(html);
  return m ? JSON.parse(m[1]) : null;
}

describe('the page with its first data', () => {
  it('escapes what could end the script element or the line, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script>', amp: 'a&b', ls: '\u2028\u2029' };
    const json = scriptSafeJson(value);
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('puts the data block before the app script, once', () => {
    const html = pageWithBoot(INDEX, boot('</script>GitHub'));
    assert.ok(html.indexOf('id="keyslot-boot"') < html.indexOf('src="app.js"'));
    assert.equal(html.split('id="keyslot-boot"').length, 2);
    assert.equal(bootOf(html)?.slots[0].name, '</script>GitHub');
  });

  it('gives up waiting for slow or failing data', async () => {
    assert.equal(await within(new Promise(() => undefined), 5), null);
    assert.equal(await within(Promise.reject(new Error('x')), 50), null);
    assert.equal(await within(Promise.resolve(7), 50), 7);
  });
});

describe('web host with boot data', () => {
  let host: WebHost;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyslot-boot-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), INDEX);
    const stateFile = join(dir, 'state.json');
    const virtual = await openVirtualTokenFile(stateFile, { model: 'pro' }, { latency: 'none' });
    const token = await Token.open(new VirtualTransport(virtual, stateFile));
    await token.authenticate('admin', '12345678');
    await token.writeSlot(
      { kind: 'totp', index: 2 },
      { name: 'Keycloak', secret: new Uint8Array(20).fill(7), digits: 6, period: 30 },
    );
    await token.close();
    host = await startWebHost({
      device: { kind: 'virtual', stateFile },
      rendererDir: join(dir, 'renderer'),
      userDataDir: dir,
      virtual: { token: virtual, stateFile },
    });
  });
  after(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the token and its slot list with the page that holds the run token', async () => {
    const data = bootOf(await (await fetch(host.url)).text());
    assert.equal(data?.token?.model, 'pro');
    assert.deepEqual(
      data?.slots.map((s) => s.name),
      ['Keycloak'],
    );
  });

  it('sends no data with a page asked for without the run token', async () => {
    const origin = new URL(host.url).origin;
    assert.equal(bootOf(await (await fetch(`${origin}/`)).text()), null);
    assert.equal(bootOf(await (await fetch(`${origin}/index.html?t=wrong`)).text()), null);
  });
});
