#!/usr/bin/env node
// Bundles the CLI (cli/main.ts) into dist/cli/keyslot.mjs (plus chunks), so `keyslot` starts without tsx.
// Run by `npm run build:cli` and by npm's `prepare` (npm ci). Without esbuild (a production
// install) it says so and exits 0: bin/keyslot.js then runs the TypeScript through tsx.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { flatBarrel } from './flat-barrel.js';

const root = fileURLToPath(new URL('..', import.meta.url));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('build-cli: esbuild is not installed; keyslot will run from source through tsx.');
  process.exit(0);
}

/**
 * Our own modules run no code at import time that another module relies on, so an import that
 * uses none of a module's exports may drop it (package.json "sideEffects" for our files only).
 * Without this, `run.ts` importing `isDeviceError` through device/index.ts would evaluate — and
 * so load at start-up — every module the barrel re-exports (QR, backups, the virtual token).
 */
const ownModulesArePure = {
  name: 'own-modules-are-pure',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData?.isResolving) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { isResolving: true },
      });
      if (resolved.errors.length > 0 || resolved.path.includes('/node_modules/')) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

rmSync(join(root, 'dist/cli'), { recursive: true, force: true });
await esbuild.build({
  plugins: [ownModulesArePure, flatBarrel({ barrel: join(root, 'device/index.ts'), dir: join(root, 'cli') })],
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
  external: ['node-hid', 'usb', 'koffi'],
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('build-cli: wrote dist/cli/keyslot.mjs');
