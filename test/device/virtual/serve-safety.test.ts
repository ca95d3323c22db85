/**
 * Issue 9 item 4: `virtual serve` never deletes what is not a socket, creates its socket 0600,
 * does not buffer replies for a client that does not read them, and refuses control ops unless
 * the server was started for tests with allowControl.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BRIDGE_OP } from '../../../device/virtual/bridge-protocol';
import { controlVirtualSocket, serveVirtualToken } from '../../../device/virtual/serve';
import { runCli } from '../../support/cli';
import { standInToken } from '../transport/stand-in-token';

const tempDir = () => mkdtempSync(join(tmpdir(), 'keyslot-serve-'));

describe('virtual serve: socket safety (issue 9 item 4)', { timeout: 30_000 }, () => {
  it('refuses to remove a regular file at --socket (swapped --socket and --state): the state file stays', async () => {
    const dir = tempDir();
    const state = join(dir, 'token.json');
    assert.equal((await runCli(['status'], { stateFile: state })).code, 0);
    const before = readFileSync(state, 'utf8');
    const r = await runCli(['virtual', 'serve', '--socket', state, '--state', join(dir, 'other.json')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /exists and is not a socket, so keyslot leaves it alone/);
    assert.equal(readFileSync(state, 'utf8'), before);
    await assert.rejects(serveVirtualToken({ socketPath: state, token: standInToken() }), {
      code: 'socket-path-taken',
    });
    assert.equal(readFileSync(state, 'utf8'), before);
    rmSync(dir, { recursive: true });
  });

  it('creates the socket with mode 0600 whatever the umask', async () => {
    const dir = tempDir();
    const old = process.umask(0o022);
    try {
      const server = await serveVirtualToken({ socketPath: join(dir, 's'), token: standInToken() });
      assert.equal(statSync(join(dir, 's')).mode & 0o777, 0o600);
      await server.close();
    } finally {
      process.umask(old);
      rmSync(dir, { recursive: true });
    }
  });

  it('stops reading from a client that writes requests without reading replies (backpressure)', async () => {
    const dir = tempDir();
    const token = standInToken();
    let answered = 0;
    const counting = Object.create(token, { getReport: { value: () => (answered++, token.getReport()) } });
    const server = await serveVirtualToken({ socketPath: join(dir, 's'), token: counting });
    const client = createConnection(join(dir, 's'));
    client.pause(); // never reads its replies
    const requests = 200_000; // 200 kB of GET_FEATURE; the replies would be 13 MB
    await new Promise<void>((resolve) => client.on('connect', () => resolve()));
    client.write(Buffer.alloc(requests, BRIDGE_OP.GET_FEATURE));
    await new Promise((r) => setTimeout(r, 1000));
    const whilePaused = answered;
    client.destroy();
    await server.close();
    rmSync(dir, { recursive: true });
    console.log(`# backpressure: answered ${whilePaused} of ${requests} requests for a client that does not read`);
    assert.ok(whilePaused < requests / 4, `answered ${whilePaused} of ${requests}`);
  });

  it('refuses unplug, plug and power-cycle from clients unless started with allowControl', async () => {
    const dir = tempDir();
    const token = standInToken();
    const server = await serveVirtualToken({ socketPath: join(dir, 's'), token });
    await assert.rejects(controlVirtualSocket(join(dir, 's'), 'unplug'), /refused 'unplug'/);
    await assert.rejects(controlVirtualSocket(join(dir, 's'), 'power-cycle'), /refused 'power-cycle'/);
    assert.equal(token.isPlugged, true);
    await server.close();
    const allowed = await serveVirtualToken({ socketPath: join(dir, 's'), token, allowControl: true });
    await controlVirtualSocket(join(dir, 's'), 'unplug');
    assert.equal(token.isPlugged, false);
    await allowed.close();
    rmSync(dir, { recursive: true });
  });
});
