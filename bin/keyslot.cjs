#!/usr/bin/env node
// Launcher of the keyslot CLI (package.json "bin"; bin/keyslot.js imports it). CommonJS, so Node
// starts it without its ES module loader (issue 10: a few ms of every start). Runs the everyday
// commands from dist/cli/fast.cjs with a V8 code cache, the others from the esbuild bundle
// dist/cli/keyslot.mjs, when they exist and are not older than the newest file under device/ and
// cli/; otherwise the TypeScript sources through tsx. The age check runs only in a git checkout;
// KEYSLOT_NO_STALE_CHECK=1 skips it there too.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');

// __dirname is the real folder, also through node_modules/.bin symlinks (npx keyslot).
const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'cli', 'keyslot.mjs');

/** Newest modification time (ms) of a file under `dir`, 0 if there is none. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isBundleFresh() {
  if (!existsSync(bundle)) return false;
  // Only a source checkout can have a bundle older than its sources; an installed package cannot.
  if (process.env.KEYSLOT_NO_STALE_CHECK || !existsSync(join(root, '.git'))) return true;
  return statSync(bundle).mtimeMs >= Math.max(newestMtime(join(root, 'device')), newestMtime(join(root, 'cli')));
}

/**
 * Everyday commands, run from dist/cli/fast.cjs (scripts/build-cli.js): one CommonJS file compiled
 * with a V8 code cache, so `keyslot otp get` starts about as fast as Node itself (issue 10). The
 * list must match the modules build-cli.js keeps in fast.cjs (cmd-otp, cmd-status).
 */
const FAST_COMMANDS = [['otp', 'get'], ['otp', 'list'], ['otp', 'erase'], ['time', 'set'], ['status'], ['config']];

/**
 * The FAST_COMMANDS entry argv names ('help' when it names no command), or null for every other
 * command; `--version` goes the long way.
 */
function fastCommand(argv) {
  const words = [];
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    if (argv[i] === '--device') i++;
    else if (argv[i] === '--version') return null;
    else if (!argv[i].startsWith('-')) words.push(argv[i]);
  }
  if (words.length === 0) return 'help';
  const path = FAST_COMMANDS.find((p) => p.every((w, i) => words[i] === w));
  return path ? path.join('-') : null;
}

/**
 * Runs fast.cjs through node:vm with a V8 code cache kept in the user's cache folder
 * ($XDG_CACHE_HOME/keyslot, else ~/.cache/keyslot), one per command (each holds the functions its
 * command compiled), named after the Node version and the bundle's size, time and inode, so a
 * rebuilt bundle never meets an old cache (V8 itself checks only the length). Written once, at
 * exit, when missing or rejected; any cache problem just runs uncached.
 */
function runFast(file, command) {
  const { readFileSync, writeFileSync, mkdirSync, renameSync } = require('node:fs');
  const vm = require('node:vm');
  const { createRequire } = require('node:module');
  const st = statSync(file);
  const home = process.env.HOME || require('node:os').homedir();
  const folder = join(process.env.XDG_CACHE_HOME || join(home, '.cache'), 'keyslot');
  const cacheFile = join(
    folder,
    `fast-${command}-${process.version}-${st.size}-${Math.floor(st.mtimeMs)}-${st.ino}.v8cache`,
  );
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // CommonJS's own wrapper (Module.wrap), so the bundle sees require, module and __filename.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const temp = `${cacheFile}.${process.pid}`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, cacheFile);
      } catch {
        // No cache folder (read-only home, sandbox): the next start compiles again.
      }
    });
  }
  // A command that turns out to run on a Nitrokey 3 is handed to the ESM bundle (scripts/build-cli.js
  // nk3HandedOver); code compiled by node:vm cannot import() by itself, this module can.
  globalThis[Symbol.for('keyslot.importFull')] = (url) => import(url);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

const fast = join(root, 'dist', 'cli', 'fast.cjs');
const command = fastCommand(process.argv.slice(2));
if (command && isBundleFresh() && existsSync(fast)) {
  runFast(fast, command);
} else if (isBundleFresh()) {
  void import(pathToFileURL(bundle).href);
} else {
  void (async () => {
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(join(root, 'cli', 'main.ts')).href);
  })();
}
