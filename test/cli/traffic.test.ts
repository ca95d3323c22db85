import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KEYSLOT = fileURLToPath(new URL('../../bin/keyslot.js', import.meta.url));

function keyslot(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [KEYSLOT, ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('KEYSLOT_LOG=traffic logs each command by name and status, and never the secret or the PIN', async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'keyslot-traffic-')), 'token.json');
  const secretHex = 'c0ffee00deadbeef4242';
  const r = await keyslot(
    ['--device', `virtual:${state}`, 'otp', 'set', 'totp:1', '--name', 'logged', '--hex', secretHex],
    {
      KEYSLOT_LOG: 'traffic',
      KEYSLOT_ADMIN_PIN: '12345678',
    },
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('keyslot: traffic '));
  const names = lines.map((l) => l.split(' ')[2]);
  assert.deepEqual(
    names.filter((n) => n !== 'GET_STATUS' && n !== 'READ_SLOT'),
    ['FIRST_AUTHENTICATE', 'SEND_OTP_DATA', 'SEND_OTP_DATA', 'SEND_OTP_DATA', 'WRITE_TO_SLOT'],
  );
  assert.ok(
    lines.every((l) => / OK \d+ reports \d+ ms$/.test(l)),
    lines.join('\n'),
  );
  for (const secretish of [secretHex, 'c0 ff ee', '12345678', 'logged'])
    assert.ok(!r.stderr.toLowerCase().includes(secretish), `stderr contains ${secretish}`);
});
