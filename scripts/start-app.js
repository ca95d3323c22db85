#!/usr/bin/env node
// Starts the desktop app: Electron when its binary is installed, else the web host (same services,
// the UI in a browser on 127.0.0.1), saying plainly which one runs and why.
// Usage: node scripts/start-app.js [--device auto|hid|virtual[:STATEFILE]]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** The Electron binary's path if the electron package has downloaded it, else null. */
export function electronBinary() {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const pathFile = join(dirname(pkg), 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dirname(pkg), 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-app.js')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = electronBinary();
const child = binary
  ? spawn(binary, [join(root, 'dist', 'app', 'main.mjs'), ...args], { stdio: 'inherit' })
  : (console.log(
      'Electron is not installed on this machine (its binary is downloaded on demand: npx install-electron).\n' +
        'Starting the keyslot web host instead: the same app in your browser, served on 127.0.0.1 only.',
    ),
    spawn(process.execPath, ['--import', 'tsx', join(root, 'web-host', 'cli.ts'), ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
