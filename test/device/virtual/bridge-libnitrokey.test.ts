/**
 * Fidelity check with code we did not write: Debian's libnitrokey 3.7 (libnitrokey3), loaded by
 * Python's ctypes with native/hidapi-shim.c preloaded, finds and talks to the virtual token.
 * libnitrokey waits ≈100 ms per round trip (protocol reference §1.4), so this suite stays small.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Model } from '../../../device/transport/types';
import { serveVirtualToken } from '../../../device/virtual/serve';
import { shimPath } from '../../../device/virtual/shim';
import { VirtualToken } from '../../../device/virtual/token';

const LIBNITROKEY = '/usr/lib/x86_64-linux-gnu/libnitrokey.so.3';
const dir = mkdtempSync(join(tmpdir(), 'keyslot-nk-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Connects, reads model, version and serial, logs out (hid_close + hid_exit) and connects again. */
const SCRIPT = `
import ctypes, json, sys
nk = ctypes.CDLL(sys.argv[1])
nk.NK_device_serial_number.restype = ctypes.c_char_p
out = {'login': nk.NK_login_auto()}
if out['login'] == 1:
    out['model'] = nk.NK_get_device_model()
    out['minor'] = nk.NK_get_minor_firmware_version()
    out['serial'] = (nk.NK_device_serial_number() or b'').decode()
    out['logout'] = nk.NK_logout()
    out['again'] = nk.NK_login_auto()
    nk.NK_logout()
print(json.dumps(out))
`;

async function runLibnitrokey(socketPath: string | undefined): Promise<Record<string, unknown>> {
  const env: NodeJS.ProcessEnv = { ...process.env, LD_PRELOAD: shimPath() };
  delete env.KEYSLOT_VIRTUAL_SOCKET;
  if (socketPath) env.KEYSLOT_VIRTUAL_SOCKET = socketPath;
  const { stdout } = await promisify(execFile)('python3', ['-c', SCRIPT, LIBNITROKEY], { env, timeout: 20_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('libnitrokey 3.7 through the hidapi shim', () => {
  // NK_get_device_model: 1 NK_PRO, 2 NK_STORAGE, 3 NK_LIBREM (libnitrokey NK_C_API.h).
  const cases: { model: Model; firmwareMinor: number; nkModel: number; serial?: string }[] = [
    { model: 'pro', firmwareMinor: 15, nkModel: 1, serial: '00005f11' },
    { model: 'librem', firmwareMinor: 15, nkModel: 3, serial: '00005f11' },
    { model: 'storage', firmwareMinor: 57, nkModel: 2 },
  ];
  for (const c of cases) {
    it(`connects to a virtual ${c.model} 0.${c.firmwareMinor}, reads its version, and reconnects after logout`, async () => {
      const socketPath = join(dir, `${c.model}.sock`);
      const token = VirtualToken.create({
        model: c.model,
        firmwareMinor: c.firmwareMinor,
        cardSerial: 0x5f11,
        latency: 'none',
      });
      const server = await serveVirtualToken({ socketPath, token });
      try {
        const out = await runLibnitrokey(socketPath);
        assert.equal(out.login, 1);
        assert.equal(out.model, c.nkModel);
        assert.equal(out.minor, c.firmwareMinor);
        if (c.serial) assert.equal(out.serial, c.serial);
        assert.equal(out.logout, 0);
        assert.equal(out.again, 1, 'hid_exit must leave the shim usable');
      } finally {
        await server.close();
      }
    });
  }

  it('finds no device when nothing serves the socket', async () => {
    assert.deepEqual(await runLibnitrokey(join(dir, 'nobody.sock')), { login: 0 });
    assert.deepEqual(await runLibnitrokey(undefined), { login: 0 });
  });
});
