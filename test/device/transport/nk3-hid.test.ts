/**
 * device/transport/hid.ts (node-hid) + ctaphid.ts against the virtual Nitrokey 3 served through the
 * hidapi bridge, with node-hid's hidapi replaced by native/hidapi-shim.c in a child process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Nk3Session } from '../../../device/nk3/session';
import { VirtualNk3 } from '../../../device/virtual/nk3/device';
import { serveVirtualNk3Hid } from '../../../device/virtual/nk3/serve';
import { shimPath } from '../../../device/virtual/shim';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./nk3-hid-child.ts', import.meta.url));

test('node-hid finds the virtual Nitrokey 3 on the FIDO page and gets an RFC 6238 code over CTAPHID', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-nk3-hid-'));
  const device = VirtualNk3.create({ serial: 'CAFE0001' });
  const local = new Nk3Session(await device.openCtaphid());
  await local.put({ name: 'GitHub', kind: 'totp', secret: new TextEncoder().encode('12345678901234567890') });
  const server = await serveVirtualNk3Hid({ socketPath: join(dir, 's'), device });
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, LD_PRELOAD: shimPath(), KEYSLOT_VIRTUAL_SOCKET: server.socketPath },
      timeout: 60_000,
    });
    const out = JSON.parse(stdout) as {
      devices: { vendorId: number; productId: number }[];
      status: { serial: string };
      code: { code: string };
      cid: number;
    };
    assert.deepEqual(
      out.devices.map((d) => [d.vendorId, d.productId]),
      [[0x20a0, 0x42b2]],
    );
    assert.equal(out.status.serial, 'CAFE0001');
    assert.equal(out.code.code, '287082'); // RFC 4226 Appendix D count 1 = RFC 6238 T=59, 6 digits
    assert.equal(out.cid, 2); // channel 1 went to the in-process session (§3.3: CIDs count up from 1)
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
