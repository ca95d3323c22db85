/**
 * `npm start` (scripts/start-app.ts) with a fake electron package: its install.js is a script of
 * ours (so nothing touches the network), and the processes it would start are recorded.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  electronBinary,
  installElectron,
  noBrowserReason,
  probe,
  startApp,
  type StartDeps,
} from '../../scripts/start-app';

const URL_LINE = 'Open: http://127.0.0.1:4321/?t=run-token';

/** An electron package folder; `install` is the body of its install.js (CommonJS, run by node). */
function fakeElectron(opts: { hasBinary?: boolean; install?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-fake-electron-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  if (opts.hasBinary) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    writeFileSync(join(dir, 'path.txt'), 'electron');
  }
  if (opts.install !== undefined) writeFileSync(join(dir, 'install.js'), opts.install);
  return dir;
}

/** An install.js that puts the binary in place, as Electron's does after its download. */
const INSTALLS = `const fs = require('fs'), path = require('path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '');
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`;
/** An install.js that fails as Electron's does offline (@electron/get's error stack on stderr). */
const FAILS = `console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13'); process.exit(1);`;

/** A child that prints what the web host prints, then ends. */
const fakeWebHost = (): ChildProcess =>
  spawn(process.execPath, ['-e', `console.log(${JSON.stringify(`keyslot web host listening.\n${URL_LINE}`)})`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });

/** Runs startApp over a fake electron folder and records what it said and started. */
async function start(dir: string, opts: { args?: string[]; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {}) {
  const said: string[] = [];
  const electron: { binary: string; args: string[] }[] = [];
  const webHost: string[][] = [];
  const opened: string[] = [];
  const deps: StartDeps = {
    args: opts.args ?? ['--device', 'virtual:t.json'],
    env: opts.env ?? { DISPLAY: ':0' },
    platform: opts.platform ?? 'linux',
    say: (line) => said.push(line),
    build: () => 0,
    findElectron: () => electronBinary(dir),
    installElectron: () => installElectron({ dir, env: {}, probe: async () => null }),
    spawnElectron: (binary, args) => {
      electron.push({ binary, args });
      return spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    },
    spawnWebHost: (args) => {
      webHost.push(args);
      return fakeWebHost();
    },
    openBrowser: (url) => opened.push(url),
  };
  const child = await startApp(deps);
  assert.ok(child);
  await new Promise((resolve) => child.on('close', resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return { said, electron, webHost, opened };
}

describe('npm start', () => {
  it('starts Electron when its binary is installed, without running the installer', async () => {
    const dir = fakeElectron({ hasBinary: true, install: 'process.exit(7)' });
    const r = await start(dir, { args: ['--no-open', '--device', 'virtual:t.json'] });
    assert.deepEqual(r.electron, [{ binary: join(dir, 'dist', 'electron'), args: ['--device', 'virtual:t.json'] }]);
    assert.deepEqual([r.webHost, r.opened, r.said], [[], [], []]);
  });

  it("runs Electron's installer when the binary is missing, then starts Electron", async () => {
    const dir = fakeElectron({ install: INSTALLS });
    const r = await start(dir);
    assert.deepEqual(r.electron, [{ binary: join(dir, 'dist', 'electron'), args: ['--device', 'virtual:t.json'] }]);
    assert.deepEqual(r.webHost, []);
    assert.equal(r.said.length, 1);
    assert.match(r.said[0], /fetching it with Electron's installer/);
  });

  it('serves the web host when the installer fails, says why in one line and opens the browser at its page', async () => {
    const r = await start(fakeElectron({ install: FAILS }));
    assert.deepEqual(r.electron, []);
    assert.deepEqual(r.webHost, [['--device', 'virtual:t.json']]);
    const reasons = r.said.filter((l) => l.startsWith('Electron could not be installed'));
    assert.deepEqual(reasons, [
      'Electron could not be installed (its installer failed: TypeError: fetch failed), so keyslot runs in your browser instead: the same app, served on 127.0.0.1 only.',
    ]);
    assert.ok(r.said.includes(URL_LINE), "the web host's address is passed on");
    assert.deepEqual(r.opened, ['http://127.0.0.1:4321/?t=run-token']);
  });

  const NOT_OPENED: { what: string; args?: string[]; env: NodeJS.ProcessEnv; says?: RegExp }[] = [
    { what: 'with --no-open', args: ['--no-open', '--device', 'virtual:t.json'], env: { DISPLAY: ':0' } },
    { what: 'when CI=true', env: { CI: 'true', DISPLAY: ':0' }, says: /Not opening a browser \(CI is set\)/ },
    { what: 'on a Linux without a display', env: {}, says: /Not opening a browser \(no display: DISPLAY/ },
  ];
  for (const c of NOT_OPENED) {
    it(`serves the web host without opening a browser ${c.what}`, async () => {
      const r = await start(fakeElectron({ install: FAILS }), { args: c.args, env: c.env });
      assert.deepEqual(r.webHost, [['--device', 'virtual:t.json']]);
      assert.deepEqual(r.opened, []);
      assert.ok(r.said.includes(URL_LINE));
      if (c.says)
        assert.ok(
          r.said.some((l) => c.says!.test(l)),
          r.said.join('\n'),
        );
    });
  }

  it('opens a browser on macOS and Windows without looking for DISPLAY', () => {
    assert.equal(noBrowserReason({}, 'darwin'), null);
    assert.equal(noBrowserReason({}, 'win32'), null);
    assert.equal(noBrowserReason({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux'), null);
    assert.equal(noBrowserReason({ CI: 'true' }, 'darwin'), 'CI is set');
  });
});

describe("Electron's installer, as npm start runs it", () => {
  it('is not run when ELECTRON_SKIP_BINARY_DOWNLOAD is set or npm works offline', async () => {
    const dir = fakeElectron({ install: INSTALLS });
    const env = { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
    assert.equal(await installElectron({ dir, env, probe: async () => null }), 'ELECTRON_SKIP_BINARY_DOWNLOAD is set');
    const offline = { npm_config_offline: 'true' };
    assert.equal(await installElectron({ dir, env: offline, probe: async () => null }), 'npm is set to work offline');
    assert.equal(existsSync(join(dir, 'path.txt')), false, 'the installer did not run');
  });

  it('is not run when the download server cannot be reached, and says which server', async () => {
    const dir = fakeElectron({ install: INSTALLS });
    const asked: string[] = [];
    const why = await installElectron({
      dir,
      env: { ELECTRON_MIRROR: 'https://mirror.example/electron/' },
      probe: async (origin) => (asked.push(origin), 'mirror.example cannot be reached: ENOTFOUND'),
    });
    assert.equal(why, 'mirror.example cannot be reached: ENOTFOUND');
    assert.deepEqual(asked, ['https://mirror.example']);
    assert.equal(existsSync(join(dir, 'path.txt')), false);
  });

  it('is stopped when it runs past its time limit', async () => {
    const dir = fakeElectron({ install: 'setInterval(() => {}, 1000);' });
    const why = await installElectron({ dir, env: {}, probe: async () => null, timeoutMs: 300 });
    assert.equal(why, 'its installer took longer than 300 ms and was stopped');
  });

  it('reports an installer that ends without the binary', async () => {
    const why = await installElectron({ dir: fakeElectron({ install: '' }), env: {}, probe: async () => null });
    assert.equal(why, 'its installer finished without the binary');
  });

  it('finds a closed port unreachable at once', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await probe(`http://127.0.0.1:${port}`), `127.0.0.1:${port} cannot be reached: ECONNREFUSED`);
  });
});
