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

test('the packaged app ships the native modules the bundle leaves outside (node-hid, usb, koffi) and unpacks them', () => {
  const build = readFileSync(new URL('../../scripts/build-app.js', import.meta.url), 'utf8');
  const external = /external: \[([^\]]+)\]/.exec(build);
  assert.ok(external, 'scripts/build-app.js names its externals');
  const natives = [...external[1].matchAll(/'([^']+)'/g)].map((m) => m[1]).filter((n) => n !== 'electron');
  assert.deepEqual(natives.sort(), ['koffi', 'node-hid', 'usb']);
  const unpack = yml.slice(yml.indexOf('asarUnpack:'));
  for (const name of natives) {
    assert.ok(yml.includes(`  - node_modules/${name}/**`), `${name} is missing from electron-builder.yml files`);
    assert.ok(unpack.includes(`node_modules/${name}/**`), `${name} is not unpacked from app.asar`);
  }
});
