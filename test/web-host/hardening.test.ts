/**
 * Issue 9, items 1 and 2: no request from a local process ends the web host, and the Host header
 * must name the address the host is bound to (DNS rebinding). Each case once ended the process (an
 * uncaught throw or an 'error' event without a listener), which here would end the test run too.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';

const CHILD = new URL('./host-child.ts', import.meta.url).pathname;

/** Sends raw bytes and resolves with everything the server sent until it closed (or 3 s passed). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    let got = '';
    s.on('data', (d) => (got += d.toString('latin1')));
    s.on('error', () => resolve(got));
    s.on('close', () => resolve(got));
    s.setTimeout(3000, () => s.destroy());
    s.write(text);
  });
}

function get(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    r.on('error', reject);
    r.end();
  });
}

const upgradeHeaders = (host: string, origin: string) =>
  `Host: ${host}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

describe('web host hardening (issue 9 items 1, 2)', () => {
  let child: ChildProcess;
  let dir: string;
  let port: number;
  let origin: string;
  let secret: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyslot-harden-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    // Its own process, so a crash shows as the host exiting (and does not end the test runner).
    child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error('web host did not start')));
    });
    const url = new URL(line);
    origin = url.origin;
    port = Number(url.port);
    secret = url.searchParams.get('t')!;
  });
  after(async () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const alive = async () => {
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(child.exitCode, null, 'the web host process ended');
    assert.equal(await get(port, '/', `127.0.0.1:${port}`), 200);
  };

  it('answers 400 to request targets new URL() cannot parse, with or without Upgrade, and keeps serving', async () => {
    for (const target of ['//[::1', 'http://[::1']) {
      const plain = await raw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      assert.match(plain, /^HTTP\/1\.1 400/, target);
      const upgrade = await raw(port, `GET ${target} HTTP/1.1\r\n${upgradeHeaders(`127.0.0.1:${port}`, origin)}`);
      assert.match(upgrade, /^HTTP\/1\.1 403/, target);
      await alive();
    }
  });

  it('refuses a Host header other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding), page and socket', async () => {
    assert.equal(await get(port, `/?t=${secret}`, `evil.example:${port}`), 421);
    assert.equal(await get(port, `/?t=${secret}`, '127.0.0.1'), 421);
    assert.equal(await get(port, `/?t=${secret}`, `localhost:${port}`), 200);
    const ws = await raw(port, `GET /ws?t=${secret} HTTP/1.1\r\n${upgradeHeaders(`evil.example:${port}`, origin)}`);
    assert.match(ws, /^HTTP\/1\.1 403/);
    const ok = await raw(port, `GET /ws?t=${secret} HTTP/1.1\r\n${upgradeHeaders(`127.0.0.1:${port}`, origin)}`);
    assert.match(ok, /^HTTP\/1\.1 101/);
  });

  /** Opens an accepted socket and resolves with the close code after `send` ran. */
  function closeCodeAfter(send: (ws: WebSocket) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?t=${secret}`, { origin });
      ws.on('open', () => send(ws));
      ws.on('close', (code) => resolve(code));
      ws.on('error', () => undefined);
      setTimeout(() => reject(new Error('no close')), 20_000).unref();
    });
  }

  it('closes a connection that sends 30 MB in one message (1009) and stays up', async () => {
    const code = await closeCodeAfter((ws) => ws.send(Buffer.alloc(30 * 1024 * 1024, 0x61), { binary: false }));
    assert.equal(code, 1009);
    await alive();
  });

  it('closes a connection that sends a text frame of invalid UTF-8 (ff fe 7b) (1007) and stays up', async () => {
    const code = await closeCodeAfter((ws) => ws.send(Buffer.from([0xff, 0xfe, 0x7b]), { binary: false }));
    assert.equal(code, 1007);
    await alive();
  });

  it('survives a client that resets mid-handshake', async () => {
    const s = tcpConnect(port, '127.0.0.1');
    await new Promise((r) => s.on('connect', r));
    s.write(`GET /ws?t=${secret} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    s.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 50));
    await alive();
  });
});

describe('web host start on a damaged state file (issue 9 item 9)', () => {
  it('exits 1 with a sentence, not a raw stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-damaged-'));
    writeFileSync(join(dir, 'token.json'), '{"model": "pro", "firmwareMi');
    const cli = new URL('../../web-host/cli.ts', import.meta.url).pathname;
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', cli, '--device', `virtual:${join(dir, 'token.json')}`, '--user-data', dir],
      { encoding: 'utf8', timeout: 60_000 },
    );
    rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^keyslot web host: The virtual token state file is damaged; it was left as it is\./m);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });
});
