import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UDEV_RULES } from '../../device/transport/udev';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

test('the README shows the udev rules keyslot itself prints', () => {
  assert.ok(readme.includes(UDEV_RULES), 'README udev block differs from device/transport/udev.ts');
});

test('the README names the two set-up commands and package.json has both scripts', () => {
  assert.ok(readme.includes('npm ci && npm start'));
  assert.ok(readme.includes('npm ci && npm test'));
  assert.ok(pkg.scripts.start && pkg.scripts.test);
});
