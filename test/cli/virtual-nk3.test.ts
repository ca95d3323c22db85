/**
 * `keyslot virtual serve --model nk3 --touch ask` in its own process, a host reaching it over the bridge
 * socket, and `keyslot virtual touch` pressing the button while a RESET waits for it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CtaphidTransport, Nk3Session } from '../../device/index';
import { openBridgeRawHid } from '../support/bridge-raw-hid';

const KEYSLOT = fileURLToPath(new URL('../../bin/keyslot.js', import.meta.url));
const run = promisify(execFile);

test('serves a virtual Nitrokey 3 whose touch is pressed by keyslot virtual touch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-cli-nk3-'));
  const socket = join(dir, 's');
  const state = join(dir, 'nk3.json');
  const server = spawn(process.execPath, [
    KEYSLOT,
    'virtual',
    'serve',
    '--model',
    'nk3',
    '--socket',
    socket,
    '--state',
    state,
    '--touch',
    'ask',
  ]);
  let stderr = '';
  try {
    await new Promise<void>((resolve, reject) => {
      server.stderr.on('data', (d) => {
        stderr += String(d);
        if (stderr.includes('serving the virtual Nitrokey 3')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    assert.equal(statSync(state).mode & 0o777, 0o600);
    const session = new Nk3Session(await CtaphidTransport.open(await openBridgeRawHid(socket)));
    assert.equal((await session.status()).version, '4.14.0');
    const reset = session.reset();
    let touched = '';
    for (let i = 0; i < 50 && !touched.includes('Touched'); i++) {
      touched = (await run(process.execPath, [KEYSLOT, 'virtual', 'touch', '--socket', socket])).stdout;
    }
    assert.match(touched, /Touched/);
    await reset;
    const idle = await run(process.execPath, [KEYSLOT, 'virtual', 'touch', '--socket', socket]);
    assert.match(idle.stdout, /Nothing was waiting/);
    await session.close();
  } finally {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  assert.match(stderr, /stopped serving/);
});
