import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { parseDeviceSpec } from '../../electron/services/discovery';
import { startWebHost, type WebHost } from '../../web-host/host';

/** Opens a socket; resolves 'open' or the HTTP status of the refusal. */
function connect(url: string, origin: string): Promise<{ status: 'open'; ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => resolve({ status: 'open', ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

describe('web host', () => {
  let host: WebHost;
  let dir: string;
  let origin: string;
  let secret: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyslot-host-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    host = await startWebHost({
      device: { kind: 'virtual', stateFile: join(dir, 'state.json') },
      rendererDir: join(dir, 'renderer'),
      userDataDir: dir,
    });
    const url = new URL(host.url);
    origin = url.origin;
    secret = url.searchParams.get('t')!;
  });
  after(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, with a long random token in its URL', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?t=[\w-]{32}$/);
  });

  it('serves the page with a strict CSP and nothing outside the renderer folder', async () => {
    const page = await fetch(`${origin}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
    assert.equal((await fetch(`${origin}/../state.json`)).status, 404);
    assert.equal((await fetch(`${origin}/%2e%2e/state.json`)).status, 404);
  });

  it('refuses a socket without the token, with a wrong token, or from another origin', async () => {
    const ws = origin.replace('http', 'ws');
    assert.equal((await connect(`${ws}/ws`, origin)).status, 403);
    assert.equal(
      (await connect(`${ws}/ws?t=${secret.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))}`, origin)).status,
      403,
    );
    assert.equal((await connect(`${ws}/ws?t=${secret}`, 'http://evil.example')).status, 403);
  });

  it('answers contract requests on an accepted socket, and refuses unknown channels', async () => {
    const r = await connect(`${origin.replace('http', 'ws')}/ws?t=${secret}`, origin);
    assert.ok(r.status === 'open');
    const ask = (msg: object) =>
      new Promise<{ result: { ok: boolean; value?: { host: string }; error?: { code: string } } }>((resolve) => {
        r.ws.once('message', (data) => resolve(JSON.parse(String(data))));
        r.ws.send(JSON.stringify(msg));
      });
    const info = await ask({ id: 1, channel: 'app/info', args: [] });
    assert.equal(info.result.value?.host, 'web');
    const bad = await ask({ id: 2, channel: 'shell/exec', args: [] });
    assert.equal(bad.result.error?.code, 'bad-request');
    r.ws.close();
  });

  it('parses --device values', () => {
    assert.deepEqual(['auto', 'hid', 'virtual', 'virtual:/tmp/s.json', 'usb', 'virtual:'].map(parseDeviceSpec), [
      { kind: 'auto' },
      { kind: 'hid' },
      { kind: 'virtual', stateFile: null },
      { kind: 'virtual', stateFile: '/tmp/s.json' },
      null,
      null,
    ]);
  });
});

describe('virtual token on disk', () => {
  it('creates the user-data folder for the state file when it is missing', async () => {
    const { openVirtual } = await import('../../electron/services/discovery');
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-ud-'));
    try {
      const { transport } = await openVirtual(join(dir, 'new', 'folder', 'virtual-token.json'));
      assert.equal(transport.info.path, `virtual:${join(dir, 'new', 'folder', 'virtual-token.json')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
