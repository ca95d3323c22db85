#!/usr/bin/env node
// Bundles the CLI (cli/main.ts) into dist/cli/keyslot.mjs (plus chunks), so `keyslot` starts without tsx.
// Run by `npm run build:cli` and by npm's `prepare` (npm ci). Without esbuild (a production
// install) it says so and exits 0: bin/keyslot.js then runs the TypeScript through tsx.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { rmSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('build-cli: esbuild is not installed; keyslot will run from source through tsx.');
  process.exit(0);
}

rmSync(join(root, 'dist/cli'), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { keyslot: join(root, 'cli/main.ts') },
  outdir: join(root, 'dist/cli'),
  outExtension: { '.js': '.mjs' },
  // Code behind dynamic imports (otp add, backup, the virtual token, node-hid) goes to chunks that
  // load only when used, so `keyslot otp get` starts without parsing them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Native addons stay outside the bundle; device/transport/hid.ts loads node-hid only when a
  // hardware token is looked for.
  external: ['node-hid', 'usb'],
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('build-cli: wrote dist/cli/keyslot.mjs');
