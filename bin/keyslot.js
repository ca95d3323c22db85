#!/usr/bin/env node
// Launcher of the keyslot CLI. Runs the esbuild bundle dist/cli/keyslot.mjs (fast start) when it
// exists and is not older than the newest file under device/ and cli/; otherwise runs the TypeScript
// sources through tsx. The check runs only in a git checkout; KEYSLOT_NO_STALE_CHECK=1 skips it there too.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// import.meta.url is the real file, also through node_modules/.bin symlinks (npx keyslot).
const root = fileURLToPath(new URL('..', import.meta.url));
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

if (isBundleFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'cli', 'main.ts')).href);
}
