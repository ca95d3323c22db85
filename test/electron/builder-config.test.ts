import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
const qr = readFileSync(new URL('../../device/otp/qr.ts', import.meta.url), 'utf8');

test('the packaged app ships every module the QR decoder loads at run time', () => {
  const loaded = [...qr.matchAll(/load\('([^']+)'\)/g)].map((m) => m[1]);
  assert.ok(loaded.length >= 3, `found ${loaded.join(', ')}`);
  for (const name of loaded)
    assert.ok(yml.includes(`node_modules/${name}/**`), `${name} is missing from electron-builder.yml files`);
});
