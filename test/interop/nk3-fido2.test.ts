/**
 * python3-fido2's CTAPHID host (Debian package python3-fido2, not written here) against the virtual
 * Nitrokey 3 through the hidapi bridge: fido2 allocates the channel and frames the packets; the 0x70
 * answers must be the reference's bytes (nitrokey3-secrets.md §10.1, §10.2, §10.6, §10.7).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Nk3Session, VirtualNk3, serveVirtualNk3Hid, shimPath } from '../../device/index';
import { nk3Apdu, nk3Response } from '../support/nk3-vectors';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./support/nk3_fido2.py', import.meta.url));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('python3-fido2 frames vendor command 0x70 against the virtual Nitrokey 3 through the bridge', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-nk3-fido2-'));
  const device = VirtualNk3.create({ serial: '12345678' });
  const session = new Nk3Session(await device.openCtaphid());
  await session.put({ name: 'GitHub', kind: 'totp', secret: new TextEncoder().encode('12345678901234567890') });
  const server = await serveVirtualNk3Hid({ socketPath: join(dir, 's'), device });
  try {
    const calculate = nk3Apdu('CALCULATE GitHub T=59');
    const apdus = [nk3Apdu('SELECT'), nk3Apdu('LIST v1'), calculate].map(hex);
    const { stdout } = await run('/usr/bin/python3', [script, shimPath(), ...apdus], {
      env: { ...process.env, KEYSLOT_VIRTUAL_SOCKET: server.socketPath },
      timeout: 60_000,
    });
    const out = JSON.parse(stdout) as Record<string, unknown> & { answers: string[] };
    assert.deepEqual(
      [out.vid, out.pid, out.usage_page, out.usage, out.product],
      [0x20a0, 0x42b2, 0xf1d0, 1, 'Nitrokey 3'],
    );
    // INIT answer fields of §10.1: protocol 2, device version 0.0.0, capabilities WINK|CBOR.
    assert.deepEqual([out.ctaphid_version, out.device_version, out.capabilities], [2, [0, 0, 0], 5]);
    const [select, list, code] = out.answers;
    const golden = hex(nk3Response('SELECT no PIN'));
    assert.equal(select.slice(0, 4), '9000'); // SW first on CTAPHID (§3.5)
    assert.equal(select.slice(4, 18), golden.slice(0, 14));
    assert.equal(select.slice(34), golden.slice(30));
    assert.equal(list, '9000' + hex(nk3Response('LIST v1 GitHub')));
    assert.equal(code, '9000' + hex(nk3Response('CALCULATE GitHub T=59')));
    assert.equal(out.vendor_0x73, 'error 1'); // ERR_INVALID_CMD for an unclaimed vendor command (§3.4)
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
