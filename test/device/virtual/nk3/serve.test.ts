/** serveVirtualNk3: state file, touch control socket, and the button pressed from another connection. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nk3Session } from '../../../../device/nk3/session';
import { openVirtualNk3File } from '../../../../device/virtual/nk3/state-file';
import { pressVirtualTouch, serveVirtualNk3 } from '../../../../device/virtual/nk3/touch-control';
import { isDeviceError } from '../../../../device/errors';

test('keeps credentials and PIN in a 0600 JSON file and reopens them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-nk3-state-'));
  try {
    const path = join(dir, 'sub', 'nk3.json');
    const first = await openVirtualNk3File(path, { serial: '00C0FFEE' });
    const s = new Nk3Session(first.openCcid());
    await s.put({ name: 'GitHub', kind: 'totp', secret: new TextEncoder().encode('12345678901234567890') });
    await s.setPin('123456');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(json.format, 'keyslot-virtual-nk3');
    const again = await openVirtualNk3File(path);
    const s2 = new Nk3Session(again.openCcid(), { now: () => 59_000 });
    assert.deepEqual(await s2.status(), { version: '4.14.0', serial: '00C0FFEE', isPinSet: true, pinRetries: 8 });
    assert.equal((await s2.calculate('GitHub')).code, '287082');
    writeFileSync(path, '{"format":"keyslot-virtual-nk3","version":1,"serial":"xyz"}');
    await assert.rejects(openVirtualNk3File(path), (e) => isDeviceError(e) && e.code === 'state-corrupt');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with --touch ask the device waits until the button is pressed through the control socket', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-nk3-touch-'));
  const served = await serveVirtualNk3({
    statePath: join(dir, 'nk3.json'),
    socketPath: join(dir, 's'),
    touch: 'ask',
    touchTimeoutMs: 10_000,
  });
  try {
    assert.equal(served.touchSocketPath, join(dir, 's.touch'));
    assert.equal(await pressVirtualTouch(served.touchSocketPath!), false); // nothing waits yet
    const session = new Nk3Session(await served.device.openCtaphid());
    const waiting = new Promise<void>((resolve) => served.device.touch.onWaitingChange((w) => w && resolve()));
    const reset = session.reset();
    await waiting;
    assert.equal(await pressVirtualTouch(served.touchSocketPath!), true);
    await reset;
    assert.equal(served.device.touch.requests, 1);
  } finally {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
