/**
 * The built Electron main process (dist/app/main.mjs, with window.ts, tray.ts and capture.ts bundled
 * in) run by Node in a child process against a fake 'electron' (support/fake-electron.mjs, mapped
 * by a resolve hook; support/main-shell.ts starts and drives it), over a virtual token whose state
 * file this test writes first. No Electron
 * binary is needed, so main's wiring runs here: the scheme, the locked-down window, the session
 * guards, the IPC handlers and their sender check, the preload, the tray and the quit sequence.
 * Chromium's side (the page itself) is covered by test/e2e/.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { RENDERER_URL, WINDOW_CSP } from '../../electron/app-scheme';
import {
  BOOT_ELEMENT_ID,
  CHANNEL_PREFIX,
  REQUEST_CHANNELS,
  type AppInfo,
  type BootState,
  type Result,
  type SlotSummary,
} from '../../electron/ipc/contract';
import {
  FAKE_VERSION,
  SLOT_LABEL,
  SLOT_NAME,
  Shell,
  prepareToken,
  type Fetched,
  type Frame,
  type Snapshot,
} from './support/main-shell';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** RFC 4226 Appendix D: the HOTP value for count 0 of the secret "12345678901234567890". */
const RFC4226_COUNT_0 = '755224';

const isStarted = (s: Snapshot) =>
  s.windows[0]?.loads[0]?.status === 200 && !!s.trays[0]?.menu?.some((i) => i.label === SLOT_LABEL);

let appDir = '';
let work = '';

const BUILT = ['main.mjs', 'preload.cjs', 'prerender.mjs', 'icon.png', 'renderer/index.html', 'renderer/app.js'];

/**
 * Builds the app and runs a copy of dist/app from a temporary folder: the e2e suites rebuild
 * dist/app/renderer as they start (in parallel with this file), and this run must not see that
 * folder half rebuilt. For the same reason a build that collided with theirs is tried again.
 */
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'keyslot-main-shell-'));
  appDir = join(work, 'app');
  for (let attempt = 1; ; attempt++) {
    try {
      await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build-app.js')], { cwd: ROOT });
      await rm(appDir, { recursive: true, force: true });
      await cp(join(ROOT, 'dist', 'app'), appDir, { recursive: true });
      const missing = BUILT.filter((f) => !existsSync(join(appDir, f)));
      if (missing.length > 0) throw new Error(`the build made no dist/app/${missing.join(', ')}`);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the built main process under a fake Electron', () => {
  let shell: Shell;
  let serial = '';
  let dir = '';

  before(async () => {
    dir = join(work, 'run-a');
    await mkdir(dir);
    serial = await prepareToken(join(dir, 'token.json'));
    shell = Shell.start(appDir, dir);
    await shell.waitFor('the window and the tray with the slot', isStarted);
  });

  after(async () => {
    await shell?.stop();
  });

  it('registers keyslot:// as a standard, secure scheme with code cache before the app is ready', async () => {
    const s = await shell.snapshot();
    assert.deepEqual(s.privilegedSchemes, [
      { scheme: 'keyslot', privileges: { standard: true, secure: true, codeCache: true } },
    ]);
    const names = s.calls.map((c) => c.name);
    assert.ok(names.indexOf('protocol.registerSchemesAsPrivileged') < names.indexOf('ready'), names.join(', '));
    assert.equal(s.calls.find((c) => c.name === 'protocol.registerSchemesAsPrivileged')?.isReady, false);
    assert.deepEqual(s.handledSchemes, ['keyslot']);
    assert.deepEqual(s.switches, [], 'no Wayland switch off Wayland');
  });

  it('opens one window with context isolation, the sandbox, no Node and the built preload', async () => {
    const s = await shell.snapshot();
    assert.equal(s.windows.length, 1);
    const prefs = s.windows[0].options.webPreferences ?? {};
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.preload, join(appDir, 'preload.cjs'));
    assert.ok(s.windows[0].preloadExists, 'the preload file exists');
    assert.equal(s.windows[0].preloadError, null);
    assert.equal(s.windows[0].isVisible, true, 'shown at start (not started minimized)');
  });

  it('loads keyslot://app/index.html through its own protocol handler', async () => {
    const { windows } = await shell.snapshot();
    assert.deepEqual(
      windows[0].loads.map(({ url, status, contentType, error }) => ({ url, status, contentType, error })),
      [{ url: RENDERER_URL, status: 200, contentType: 'text/html; charset=utf-8', error: null }],
    );
    assert.equal(RENDERER_URL, 'keyslot://app/index.html');
    assert.equal(windows[0].frameUrl, RENDERER_URL);
  });

  it('serves the page with the boot data of the virtual token and the first HTML of its slot', async () => {
    const page = await shell.request<Fetched>('fetch', { url: RENDERER_URL });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['content-security-policy'], WINDOW_CSP);
    const block = new RegExp(`<script type="application/json" id="${BOOT_ELEMENT_ID}">(.*?)</script>`, 's').exec(
      page.body,
    );
    assert.ok(block, 'the page has the boot data block');
    const boot = JSON.parse(block[1]) as BootState;
    assert.equal(boot.token?.serial, serial);
    assert.equal(boot.token?.isVirtual, true);
    assert.deepEqual(
      boot.slots.map((x) => x.name),
      [SLOT_NAME],
    );
    assert.equal(boot.appInfo.host, 'electron');
    const root = page.body.slice(
      page.body.indexOf('<div id="root">'),
      page.body.indexOf('<script type="application/json"'),
    );
    assert.ok(root.includes(SLOT_NAME), `the first HTML shows the slot: ${root.slice(0, 300)}`);
  });

  it('serves app.js as JavaScript and nothing outside the renderer folder', async () => {
    const js = await shell.request<Fetched>('fetch', { url: 'keyslot://app/app.js' });
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.body, await readFile(join(appDir, 'renderer', 'app.js'), 'utf8'));
    // icon.png sits beside main.mjs and has a served type: only the folder check keeps it out.
    for (const url of [
      'keyslot://app/../main.mjs',
      'keyslot://app/..%2fmain.mjs',
      'keyslot://app/..%2ficon.png',
      'keyslot://other/index.html',
    ]) {
      assert.equal((await shell.request<Fetched>('fetch', { url })).status, 404, url);
    }
  });

  it('lets the window load only keyslot://app/ and sends the CSP with every response', async () => {
    assert.deepEqual(await shell.request('before-request', { url: 'https://example.com/' }), { cancel: true });
    assert.deepEqual(await shell.request('before-request', { url: 'file:///etc/passwd' }), { cancel: true });
    assert.deepEqual(await shell.request('before-request', { url: 'keyslot://app/app.js' }), { cancel: false });
    const headers = await shell.request<{ responseHeaders: Record<string, string[]> }>('headers-received', {
      url: 'keyslot://app/app.js',
      responseHeaders: { 'Content-Type': ['text/javascript'] },
    });
    assert.deepEqual(headers.responseHeaders, {
      'Content-Type': ['text/javascript'],
      'Content-Security-Policy': [WINDOW_CSP],
    });
  });

  it('refuses every permission request and check', async () => {
    for (const permission of ['media', 'clipboard-read', 'notifications', 'openExternal']) {
      assert.equal(await shell.request('permission-request', { permission }), false, permission);
      assert.equal(await shell.request('permission-check', { permission }), false, permission);
    }
  });

  it('keeps the window on its page: no navigation, redirect, webview or new window', async () => {
    assert.deepEqual(
      await shell.request('web-contents-event', { name: 'will-navigate', url: 'https://example.com/' }),
      { isPrevented: true },
    );
    assert.deepEqual(
      await shell.request('web-contents-event', { name: 'will-navigate', url: 'keyslot://app/other.html' }),
      { isPrevented: true },
    );
    assert.deepEqual(await shell.request('web-contents-event', { name: 'will-navigate', url: RENDERER_URL }), {
      isPrevented: false,
    });
    assert.deepEqual(
      await shell.request('web-contents-event', { name: 'will-redirect', url: 'https://example.com/' }),
      { isPrevented: true },
    );
    assert.deepEqual(
      await shell.request('web-contents-event', { name: 'will-attach-webview', url: 'https://example.com/' }),
      { isPrevented: true },
    );
    assert.deepEqual(await shell.request('window-open', { url: 'https://example.com/' }), { action: 'deny' });
  });

  it('has an ipcMain handler for every request channel and no other', async () => {
    const { ipcChannels } = await shell.snapshot();
    assert.deepEqual(
      ipcChannels.slice().sort(),
      Object.keys(REQUEST_CHANNELS)
        .map((c) => CHANNEL_PREFIX + c)
        .sort(),
    );
  });

  it("answers a request from the window's top frame and refuses one from any other frame", async () => {
    const call = (frame: Frame) =>
      shell.request<Result<SlotSummary[]>>('ipc', { channel: `${CHANNEL_PREFIX}slot/list`, args: [], frame });
    const ours = await call('main');
    assert.ok(ours.ok, JSON.stringify(ours));
    assert.deepEqual(
      ours.value.map((x) => [x.name, x.slot]),
      [[SLOT_NAME, { kind: 'hotp', index: 0 }]],
    );
    // Another site, a subframe showing our URL, a frame that went away, and the top frame while it
    // shows Chromium's error page.
    for (const frame of [
      { url: 'https://example.com/' },
      { url: RENDERER_URL },
      'none',
      { mainFrameAt: 'chrome-error://chromewebdata/' },
    ] as Frame[]) {
      const r = await call(frame);
      assert.equal(r.ok, false, JSON.stringify(frame));
      if (!r.ok) {
        assert.equal(r.error.code, 'bad-request');
        assert.equal(r.error.reason, 'untrusted-sender');
      }
    }
  });

  it('exposes window.keyslot from the sandboxed preload, and its requests reach main', async () => {
    const { windows } = await shell.snapshot();
    assert.deepEqual(windows[0].exposed, { keyslot: ['invoke', 'on'] });
    const info = await shell.request<Result<AppInfo>>('page-invoke', { channel: 'app/info', args: [] });
    assert.ok(info.ok, JSON.stringify(info));
    assert.equal(info.value.version, FAKE_VERSION);
    assert.equal(info.value.host, 'electron');
    assert.equal(info.value.hasTray, true);
    assert.equal(info.value.hasFileDialogs, true);
    const slots = await shell.request<Result<SlotSummary[]>>('page-invoke', { channel: 'slot/list', args: [] });
    assert.ok(slots.ok && slots.value[0]?.name === SLOT_NAME, JSON.stringify(slots));
    const unknown = await shell.request<Result<unknown>>('page-invoke', { channel: 'app/nope', args: [] });
    assert.deepEqual(unknown, { ok: false, error: { code: 'bad-request', reason: 'unknown-channel' } });
  });

  it('names files only by the handles its own dialogs handed out, never by a path from the page', async () => {
    type Ask = Result<{ handle: string; name: string } | null>;
    const invoke = <T>(channel: string, ...args: unknown[]) =>
      shell.request<Result<T>>('page-invoke', { channel, args });
    const read = await invoke<{ id: string }>('import/read-text', {
      text: 'otpauth://totp/GitHub:ann?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub',
    });
    assert.ok(read.ok, JSON.stringify(read));
    const id = read.value.id;
    const evil = join(dir, 'evil.html');
    const raw = await invoke('backup/save-sheet', { id, indexes: [0], file: evil });
    assert.deepEqual(raw, { ok: false, error: { code: 'bad-request', reason: 'path-not-chosen' } });
    const typed = await invoke('backup/typed-file', { purpose: 'sheet-save', path: evil });
    assert.deepEqual(typed, { ok: false, error: { code: 'bad-request', reason: 'path-not-chosen' } });
    assert.equal(existsSync(evil), false);
    // The person cancels: no handle.
    assert.deepEqual(await invoke('backup/choose-file', { purpose: 'backup-open' }), { ok: true, value: null });
    // The person picks a file in the save dialog: the page gets a handle and the name, not the folder.
    const sheetPath = join(dir, 'sheet.html');
    await shell.request('dialog-answer', { path: sheetPath });
    const chosen = (await invoke('backup/choose-file', { purpose: 'sheet-save' })) as Ask;
    assert.ok(chosen.ok && chosen.value, JSON.stringify(chosen));
    assert.equal(chosen.value.name, 'sheet.html');
    assert.ok(!JSON.stringify(chosen).includes(dir), 'no folder reaches the page');
    const shown = await shell.request<{ kind: string; title: string }[]>('dialog-answer', {});
    assert.deepEqual(shown.at(-1), { kind: 'save', title: 'Save the recovery sheet' });
    const asOpen = await invoke('backup/open', { file: chosen.value.handle, password: 'pw' });
    assert.deepEqual(asOpen, { ok: false, error: { code: 'bad-request', reason: 'file-handle-purpose' } });
    const saved = await invoke('backup/save-sheet', { id, indexes: [0], file: chosen.value.handle });
    assert.deepEqual(saved, { ok: true, value: { name: 'sheet.html' } });
    assert.ok(existsSync(sheetPath));
  });

  it('lists the programmed slot in the tray and copies its code from there', async () => {
    const before = await shell.snapshot();
    const tray = before.trays[0];
    assert.equal(tray.imagePath, join(appDir, 'icon.png'));
    assert.equal(tray.isImageEmpty, false, 'the tray icon file was found');
    assert.deepEqual(tray.imageSize, { width: 22, height: 22 });
    assert.deepEqual(
      tray.menu?.filter((i) => i.hasClick).map((i) => i.label),
      [SLOT_LABEL, 'Quick picker…', 'Open window', 'Lock token', 'Quit keyslot'],
    );
    await shell.request('page-subscribe', { event: 'slot/changed' });
    await shell.request('tray-click', { label: SLOT_LABEL });
    const after = await shell.waitFor('the code on the clipboard', (s) => s.clipboard.text !== '');
    assert.match(after.clipboard.text, /^\d{6}$/);
    assert.equal(after.clipboard.text, RFC4226_COUNT_0);
    // A HOTP copy moves the counter; main pushes the new list to the page.
    const pageEvents = await (async () => {
      for (let i = 0; i < 100; i++) {
        const events = await shell.request<{ event: string; payload: SlotSummary[] }[]>('page-events');
        if (events.length > 0) return events;
        await new Promise((r) => setTimeout(r, 50));
      }
      return [];
    })();
    assert.deepEqual(
      pageEvents.at(-1)?.payload.map((x) => [x.name, x.counter]),
      [[SLOT_NAME, '1']],
    );
  });

  it('hides the window to the tray on close and shows it again for a second start', async () => {
    assert.deepEqual(await shell.request('window-close'), { isStillOpen: true });
    const hidden = await shell.snapshot();
    assert.equal(hidden.windows[0].isVisible, false);
    assert.equal(hidden.quit.calls, 0, 'closing to the tray does not quit');
    await shell.request('second-instance', { argv: [] });
    const shown = await shell.snapshot();
    assert.equal(shown.windows.length, 1, 'the same window, not a new one');
    assert.equal(shown.windows[0].isVisible, true);
    assert.equal(shown.windows[0].focusCount, hidden.windows[0].focusCount + 1);
  });

  it('on quit leaves a clipboard that no longer holds the code, then quits for real', async () => {
    await shell.request('clipboard-write', { text: 'copied by someone else' });
    await shell.request('tray-click', { label: 'Quit keyslot' });
    const { snapshot } = await shell.nextReport('quit');
    assert.ok(snapshot);
    assert.equal(snapshot.clipboard.text, 'copied by someone else');
    // The first quit is held for the clipboard; the second goes through.
    assert.equal(snapshot.quit.calls, 2);
    assert.equal(snapshot.quit.hasQuit, true);
    assert.equal(snapshot.trays[0].isDestroyed, true);
    assert.equal(snapshot.windows[0].isDestroyed, true);
    assert.equal(await shell.exited, 0);
    assert.deepEqual(shell.faults(), []);
  });
});

describe('the built main process without close-to-tray, on Wayland', () => {
  let shell: Shell;
  let sentBeforeClose = 0;

  before(async () => {
    const dir = join(work, 'run-b');
    await mkdir(dir);
    await prepareToken(join(dir, 'token.json'));
    shell = Shell.start(appDir, dir, { WAYLAND_DISPLAY: 'wayland-0' });
    await shell.waitFor('the window and the tray with the slot', isStarted);
  });

  after(async () => {
    await shell?.stop();
  });

  it('turns on PipeWire screen capture and the GlobalShortcuts portal on a Wayland desktop', async () => {
    const { switches } = await shell.snapshot();
    assert.deepEqual(
      switches,
      process.platform === 'linux' ? [['enable-features', 'WebRTCPipeWireCapturer,GlobalShortcutsPortal']] : [],
    );
  });

  it('closes the window but keeps running in the tray, whose Open window makes a new one main serves', async () => {
    const set = await shell.request<Result<unknown>>('page-invoke', {
      channel: 'settings/set',
      args: [{ isCloseToTray: false }],
    });
    assert.ok(set.ok, JSON.stringify(set));
    assert.deepEqual(await shell.request('window-close'), { isStillOpen: false });
    const closed = await shell.snapshot();
    sentBeforeClose = closed.windows[0].sentChannels.length;
    assert.equal(closed.windows[0].isDestroyed, true);
    assert.equal(closed.quit.calls, 0, 'the tray keeps the app running');
    await shell.request('tray-click', { label: 'Open window' });
    const reopened = await shell.waitFor(
      'a second window with its page',
      (s) => s.windows[1]?.loads[0]?.status === 200,
    );
    assert.equal(reopened.windows.length, 2);
    assert.equal(reopened.windows[1].isVisible, true);
    assert.deepEqual(reopened.windows[1].exposed, { keyslot: ['invoke', 'on'] });
    const list = (frame: Frame) =>
      shell.request<Result<SlotSummary[]>>('ipc', { channel: `${CHANNEL_PREFIX}slot/list`, args: [], frame });
    assert.equal((await list('main')).ok, true, 'the new window is ours');
    assert.equal((await list({ frameOfWindow: 0 })).ok, false, 'the closed window is not');
  });

  it('clears the clipboard on quit when it still holds the copied code', async () => {
    await shell.request('tray-click', { label: SLOT_LABEL });
    // Main's events go to the window it has now: the HOTP counter moved.
    const isAnnounced = (s: Snapshot) => s.windows[1].sentChannels.includes(`${CHANNEL_PREFIX}slot/changed`);
    const copied = await shell.waitFor(
      'the code on the clipboard and the new list in the window',
      (s) => s.clipboard.text === RFC4226_COUNT_0 && isAnnounced(s),
    );
    assert.equal(copied.windows[0].sentChannels.length, sentBeforeClose, 'nothing was sent to the closed window');
    await shell.request('tray-click', { label: 'Quit keyslot' });
    const { snapshot } = await shell.nextReport('quit');
    assert.equal(snapshot?.clipboard.text, '');
    assert.equal(snapshot?.quit.hasQuit, true);
    assert.equal(await shell.exited, 0);
    assert.deepEqual(shell.faults(), []);
  });
});

describe('the built main process asked to quit twice', () => {
  it('still clears its code from the clipboard before it quits', async () => {
    const dir = join(work, 'run-d');
    await mkdir(dir);
    await prepareToken(join(dir, 'token.json'));
    const shell = Shell.start(appDir, dir);
    try {
      await shell.waitFor('the window and the tray with the slot', isStarted);
      await shell.request('tray-click', { label: SLOT_LABEL });
      await shell.waitFor('the code on the clipboard', (s) => s.clipboard.text === RFC4226_COUNT_0);
      // Two quits in a row (Quit clicked twice, or a quit from the session while the first clears).
      await shell.request('tray-click', { label: 'Quit keyslot', times: 2 });
      const { snapshot } = await shell.nextReport('quit');
      assert.equal(snapshot?.clipboard.text, '');
      assert.equal(await shell.exited, 0);
    } finally {
      await shell.stop();
    }
  });
});

describe('the built main process as a second instance', () => {
  it('quits at once and opens nothing when another instance holds the lock', async () => {
    const dir = join(work, 'run-c');
    await mkdir(dir);
    const shell = Shell.start(appDir, dir, { KEYSLOT_FAKE_LOCK: 'taken' });
    try {
      const { snapshot } = await shell.nextReport('quit');
      assert.ok(snapshot);
      assert.equal(snapshot.isReady, false);
      assert.equal(snapshot.windows.length, 0);
      assert.equal(snapshot.trays.length, 0);
      assert.deepEqual(snapshot.ipcChannels, []);
      assert.equal(await shell.exited, 0);
      assert.equal(existsSync(join(dir, 'token.json')), false, 'the token was not opened');
    } finally {
      await shell.stop();
    }
  });
});

describe('the built main process: quick picker, private clipboard, tray notice, start at login (issue 13)', () => {
  let shell: Shell;
  let dir = '';

  before(async () => {
    dir = join(work, 'run-e');
    await mkdir(dir);
    await prepareToken(join(dir, 'token.json'));
    shell = Shell.start(appDir, dir, { KEYSLOT_FAKE_TAKEN_SHORTCUTS: 'Ctrl+Alt+T' });
    await shell.waitFor('the window and the tray with the slot', isStarted);
  });

  after(async () => {
    await shell?.stop();
  });

  it('registers the quick picker shortcut Ctrl+Alt+K at start', async () => {
    const s = await shell.snapshot();
    assert.deepEqual(s.shortcuts, ['Ctrl+Alt+K']);
    const status = await shell.request<Result<unknown>>('page-invoke', { channel: 'shortcut/status', args: [] });
    assert.deepEqual(status, { ok: true, value: { accelerator: 'Ctrl+Alt+K', isRegistered: true } });
  });

  it('writes a tray copy with the clipboard-manager marker in the same write, then notifies', async () => {
    const before = await shell.snapshot();
    await shell.request('tray-click', { label: SLOT_LABEL });
    const after = await shell.waitFor('the code and the notification', (s) => s.notifications.length > 0);
    assert.equal(after.clipboard.text, RFC4226_COUNT_0);
    assert.equal(after.clipboard.writes, before.clipboard.writes + 1, 'one clipboard write');
    const bytes = (text: string) => [...new TextEncoder().encode(text)];
    const markers: Record<string, Record<string, number[]>> = {
      linux: { 'electron application/osclipboard;format="x-kde-passwordManagerHint"': bytes('secret') },
      darwin: { 'electron application/osclipboard;format="org.nspasteboard.ConcealedType"': [] },
      win32: {
        'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"': [0, 0, 0, 0],
        'electron application/osclipboard;format="CanIncludeInClipboardHistory"': [0, 0, 0, 0],
        'electron application/osclipboard;format="CanUploadToCloudClipboard"': [0, 0, 0, 0],
      },
    };
    assert.deepEqual(after.clipboard.items, [
      { 'text/plain': bytes(RFC4226_COUNT_0), ...(markers[process.platform] ?? {}) },
    ]);
    assert.deepEqual(after.notifications, [{ title: 'keyslot', body: `Code for ${SLOT_NAME} copied, clears in 30 s` }]);
  });

  it('opens the picker on the shortcut: small, on top, its own page, served like the window', async () => {
    await shell.request('press-shortcut', { accelerator: 'Ctrl+Alt+K' });
    const s = await shell.waitFor('the picker window with its page', (x) => x.windows[1]?.loads[0]?.status === 200);
    const picker = s.windows[1];
    assert.equal(picker.frameUrl, 'keyslot://app/picker');
    assert.equal(picker.options.alwaysOnTop, true);
    assert.equal(picker.options.frame, false);
    assert.equal(picker.isVisible, true);
    assert.equal(picker.options.webPreferences?.sandbox, true);
    assert.equal(picker.options.webPreferences?.contextIsolation, true);
    // The picker's page is ours: its requests are answered; then it closes itself.
    const slots = await shell.request<Result<SlotSummary[]>>('page-invoke', { channel: 'slot/list', args: [] });
    assert.ok(slots.ok && slots.value[0]?.name === SLOT_NAME, JSON.stringify(slots));
    const closed = await shell.request<Result<unknown>>('page-invoke', { channel: 'picker/close', args: [] });
    assert.deepEqual(closed, { ok: true, value: { isClosed: true } });
    assert.equal((await shell.snapshot()).windows[1].isVisible, false);
    await shell.request('tray-click', { label: 'Quick picker…' });
    const again = await shell.snapshot();
    assert.equal(again.windows.length, 2, 'the same picker window again');
    assert.equal(again.windows[1].isVisible, true);
  });

  it('moves the shortcut when the setting changes, and says when another program holds one', async () => {
    const set = (change: Record<string, unknown>) =>
      shell.request<Result<unknown>>('page-invoke', { channel: 'settings/set', args: [change] });
    const status = () => shell.request<Result<unknown>>('page-invoke', { channel: 'shortcut/status', args: [] });
    assert.ok((await set({ pickerShortcut: 'Ctrl+Alt+J' })).ok);
    assert.deepEqual((await shell.snapshot()).shortcuts, ['Ctrl+Alt+J']);
    assert.ok((await set({ pickerShortcut: 'Ctrl+Alt+T' })).ok);
    assert.deepEqual(await status(), {
      ok: true,
      value: { accelerator: 'Ctrl+Alt+T', isRegistered: false, problem: 'taken' },
    });
    assert.deepEqual((await shell.snapshot()).shortcuts, []);
    assert.ok((await set({ isPickerShortcutOn: false })).ok);
    assert.equal((await status()).ok && ((await status()) as { value: { problem: string } }).value.problem, 'off');
  });

  it('writes an XDG autostart entry for start at login, and removes it', async () => {
    const entry = join(dir, 'config', 'autostart', 'keyslot.desktop');
    const set = (isStartAtLogin: boolean) =>
      shell.request<Result<unknown>>('page-invoke', { channel: 'settings/set', args: [{ isStartAtLogin }] });
    assert.ok((await set(true)).ok);
    if (process.platform === 'linux') {
      for (let i = 0; i < 50 && !existsSync(entry); i++) await new Promise((r) => setTimeout(r, 20));
      const text = await readFile(entry, 'utf8');
      assert.match(text, /^\[Desktop Entry\]\n/);
      assert.ok(text.includes(`Exec=${process.execPath} ${join(appDir, 'main.mjs')}`), text);
      assert.ok((await set(false)).ok);
      for (let i = 0; i < 50 && existsSync(entry); i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(existsSync(entry), false);
    } else {
      const s = await shell.snapshot();
      assert.deepEqual(s.calls.filter((c) => c.name === 'app.setLoginItemSettings').at(-1)?.args, [
        { openAtLogin: true },
      ]);
    }
    assert.deepEqual(shell.faults(), []);
  });
});
