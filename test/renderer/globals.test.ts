/**
 * The renderer's type check includes Node's types (the contract's `import type` from device/ and
 * node:test need them), so this test keeps Node's globals out of the renderer's own code: in the
 * page they do not exist, and the bundle would break only at run time.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_GLOBALS = /\b(Buffer|process|require|__dirname|__filename|global|setImmediate)\b\s*[.([]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Lines of `text` that use a Node global, outside comments. */
export function nodeGlobalUses(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, ''))
    .filter((line) => NODE_GLOBALS.test(line));
}

test('the scanner finds a Node global and ignores one named in a comment', () => {
  assert.deepEqual(
    nodeGlobalUses('const b = Buffer.from(x);\n// process.exit() is not for pages\n * require(x) in a doc comment'),
    ['const b = Buffer.from(x);'],
  );
});

test('renderer code uses no Node global', () => {
  const found = sources(join(ROOT, 'renderer')).flatMap((file) =>
    nodeGlobalUses(readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}: ${line.trim()}`),
  );
  assert.deepEqual(found, []);
});
