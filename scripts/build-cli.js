#!/usr/bin/env node
// Bundles the CLI (cli/main.ts) into dist/cli/keyslot.mjs (plus chunks), so `keyslot` starts without tsx.
// Run by `npm run build:cli` and by npm's `prepare` (npm ci). Without esbuild (a production
// install) it says so and exits 0: bin/keyslot.cjs then runs the TypeScript through tsx.
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

// KEYSLOT_CLI_OUTDIR builds elsewhere (test/cli/fast-bundle.test.ts), leaving dist/cli alone.
const outdir = process.env.KEYSLOT_CLI_OUTDIR || join(root, 'dist/cli');
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  plugins: [ownModulesArePure, flatBarrel({ barrel: join(root, 'device/index.ts'), dir: join(root, 'cli') })],
  absWorkingDir: root,
  entryPoints: { keyslot: join(root, 'cli/main.ts') },
  outdir,
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

/**
 * dist/cli/fast.cjs: the commands people run many times a day (bin/keyslot.cjs FAST_COMMANDS: codes,
 * the slot list, status, config, the clock, help) as one CommonJS file, which bin/keyslot.cjs loads
 * through node:vm with a V8 code cache (Node 20 has no module compile cache). Other commands'
 * modules are left out (a stub that throws), so start-up neither parses nor requires their
 * dependencies; bin/keyslot.cjs sends those commands to the ESM bundle above.
 */
const FAST_MODULES = new Set(['./cmd-otp', './cmd-status']);
const otherCommandsLeftOut = {
  name: 'other-commands-left-out',
  setup(build) {
    build.onResolve({ filter: /^\.\/cmd-/ }, (args) =>
      FAST_MODULES.has(args.path) || !args.importer.startsWith(join(root, 'cli'))
        ? undefined
        : { path: args.path, namespace: 'left-out' },
    );
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `throw new Error('keyslot: ${args.path} is not in dist/cli/fast.cjs (bin/keyslot.cjs FAST_COMMANDS)');`,
      loader: 'js',
    }));
  },
};
/**
 * The Nitrokey 3 half of cli/family.ts (cli/names-family.ts: the Nitrokey 3 session, its commands, the
 * virtual Nitrokey 3) stays out of fast.cjs too (issue 10: a Pro's `otp get` parsed ~100 KB of it). When
 * a command turns out to run on a Nitrokey 3, fast.cjs hands the whole invocation to the ESM bundle
 * beside it (dist/cli/keyslot.mjs), through the launcher's loader when bin/keyslot.cjs runs it in node:vm.
 */
const nk3HandedOver = {
  name: 'nk3-handed-over',
  setup(build) {
    build.onResolve({ filter: /^\.\/names-family$/ }, (args) => ({ path: args.path, namespace: 'hand-over' }));
    build.onLoad({ filter: /.*/, namespace: 'hand-over' }, () => ({
      contents: `
        const { join } = require('node:path');
        const { pathToFileURL } = require('node:url');
        async function handOver() {
          const url = pathToFileURL(join(__dirname, 'keyslot.mjs')).href;
          const load = globalThis[Symbol.for('keyslot.importFull')];
          await (load ? load(url) : import(url));
          return new Promise(() => undefined); // keyslot.mjs runs the command and sets the exit code
        }
        export const pickNames = handOver;
        export const namesHelp = handOver;`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
await esbuild.build({
  plugins: [
    nk3HandedOver,
    otherCommandsLeftOut,
    ownModulesArePure,
    flatBarrel({ barrel: join(root, 'device/index.ts'), dir: join(root, 'cli') }),
  ],
  absWorkingDir: root,
  stdin: {
    contents: "import { main } from './cli/main-fast'; main();",
    resolveDir: root,
    sourcefile: 'fast-entry.ts',
    loader: 'ts',
  },
  outfile: join(outdir, 'fast.cjs'),
  minifyWhitespace: true,
  minifySyntax: true,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // import.meta.url is the bundle's own file URL, as in the ESM chunks (modules look for files above it).
  define: { 'import.meta.url': '__keyslotFileUrl' },
  banner: { js: 'var __keyslotFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  external: ['node-hid', 'usb', 'koffi'],
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('build-cli: wrote dist/cli/fast.cjs');
