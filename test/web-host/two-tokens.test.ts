/** `npm run web -- --device virtual:PRO --device virtual-nk3:NK3`: a virtual Pro and a virtual Nitrokey 3 at once (issue 12). */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { parseNamedSpec } from '../../electron/services/named-discovery';

const CLI = new URL('../../web-host/cli.ts', import.meta.url).pathname;

describe('the web host with two tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-two-'));
  let child: ChildProcess | null = null;
  after(() => {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads virtual-nk3 and virtual-nk3:FILE, nothing else', () => {
    assert.deepEqual(['virtual-nk3', 'virtual-nk3:/tmp/n.json', 'virtual-nk3:', 'virtual', 'nk3'].map(parseNamedSpec), [
      { stateFile: null },
      { stateFile: '/tmp/n.json' },
      null,
      null,
      null,
    ]);
  });

  it('serves a virtual Pro and a virtual Nitrokey 3 side by side', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        '--device',
        `virtual:${join(dir, 'pro.json')}`,
        '--device',
        `virtual-nk3:${join(dir, 'nk3.json')}`,
        '--user-data',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (d) => {
        out += String(d);
        const m = /Open: (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child!.once('exit', (code) => reject(new Error(`web host exited with ${code}`)));
    });
    const u = new URL(url);
    const ws = new WebSocket(`ws://${u.host}/ws?t=${u.searchParams.get('t')}`, { origin: u.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const ask = (id: number, channel: string) =>
      new Promise<{ result: { ok: boolean; value: { model: string; addressing: string; isPrimary: boolean }[] } }>(
        (resolve) => {
          const onMessage = (data: WebSocket.RawData) => {
            const msg = JSON.parse(String(data));
            if (msg.id !== id) return;
            ws.off('message', onMessage);
            resolve(msg);
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ id, channel, args: [] }));
        },
      );
    let list = await ask(1, 'tokens/list');
    // The virtual Pro is attached by its follower a moment after the host listens.
    for (let i = 2; list.result.value.length < 2 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      list = await ask(i, 'tokens/list');
    }
    ws.close();
    assert.deepEqual(
      list.result.value.map((t) => [t.model, t.addressing, t.isPrimary]),
      [
        ['pro', 'slots', true],
        ['nk3', 'names', false],
      ],
    );
  });
});
