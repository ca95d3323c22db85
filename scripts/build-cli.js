#!/usr/bin/env node
// Bundles the CLI (device/cli/main.ts) into dist/keyslot.mjs, so `keyslot` starts without tsx.
// Run by `npm run build:cli` and by npm's `prepare` (npm ci). Without esbuild (a production
// install) it says so and exits 0: bin/keyslot.js then runs the TypeScript through tsx.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('build-cli: esbuild is not installed; keyslot will run from source through tsx.');
  process.exit(0);
}

await esbuild.build({
  absWorkingDir: root,
  entryPoints: [join(root, 'device/cli/main.ts')],
  outfile: join(root, 'dist/keyslot.mjs'),
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
console.log('build-cli: wrote dist/keyslot.mjs');
