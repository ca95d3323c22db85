#!/usr/bin/env node
// npm run dist: builds the app, writes the udev rule from device/transport/udev.ts, and runs
// electron-builder (AppImage and deb on Linux; NSIS on Windows; dmg on macOS).
// electron-builder downloads the Electron runtime it packages, so this needs the internet.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, [join(root, 'scripts', 'build-app.js')]);
run(process.execPath, [
  '--import',
  'tsx',
  '-e',
  "const { UDEV_RULES, UDEV_RULES_FILE } = await import('./device/index.ts'); (await import('node:fs')).writeFileSync('dist/app/' + UDEV_RULES_FILE, UDEV_RULES);",
]);
run(process.execPath, [
  join(root, 'node_modules', 'electron-builder', 'cli.js'),
  '--config',
  'electron-builder.yml',
  ...process.argv.slice(2),
]);
