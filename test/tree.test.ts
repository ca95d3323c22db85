/**
 * The tree says what it is (issue 8): every room and its main folders have a README that says what
 * they hold and who may import them, and no source file grows past 300 lines. A table of constants
 * may, when its opening comment says so with a reason: `size: table of constants — <reason>`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROOMS = ['device', 'cli', 'electron', 'web-host', 'renderer', 'shared'];
const MAX_LINES = 300;
const SOURCE = /\.(ts|tsx|js|mjs|cjs|css|html)$/;
/** The exception's marker in a file's opening comment, with its reason after the dash. */
const TABLE_MARKER = /size: table of constants\s+[—-]+\s+(\S.{9,})/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...files(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** The comment a file opens with (leading `//` lines or the first block comment), else ''. */
function openingComment(text: string): string {
  const body = text.replace(/^#!.*\n/, '').trimStart();
  const block = /^\/\*[\s\S]*?\*\//.exec(body) ?? /^<!--[\s\S]*?-->/.exec(body);
  if (block) return block[0];
  return (/^(\/\/.*\n?)+/.exec(body) ?? [''])[0];
}

/** Files over the limit that are not marked tables of constants. */
function oversized(paths: string[], read: (path: string) => string): string[] {
  return paths.filter((path) => {
    const text = read(path);
    return lineCount(text) > MAX_LINES && !TABLE_MARKER.test(openingComment(text));
  });
}

describe('the tree says what it is', () => {
  it(`has no source file over ${MAX_LINES} lines in ${ROOMS.join(', ')} (unless a marked table of constants)`, () => {
    const all = ROOMS.flatMap(files);
    assert.ok(all.length > 100, 'the scan found the sources');
    const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
    const found = oversized(all, read).map((path) => `${path} (${lineCount(read(path))} lines)`);
    assert.deepEqual(found, []);
  });

  it('counts lines and honours the marker only with a reason, in the opening comment', () => {
    const long = (head: string) => `${head}\n${'x;\n'.repeat(MAX_LINES)}`;
    const texts: Record<string, string> = {
      'fits.ts': 'x;\n'.repeat(MAX_LINES),
      'long.ts': long('/** Something. */'),
      'table.ts': long('/**\n * Ids.\n * size: table of constants — one entry per firmware command id\n */'),
      'line-comment.ts': long('// size: table of constants - one word for every error code, en and de'),
      'no-reason.ts': long('/** size: table of constants — */'),
      'too-late.ts': long('/** Ids. */\n// size: table of constants — one entry per firmware command id'),
      'styles.css': long('/* size: table of constants — the colours and spacing tokens of the page */'),
    };
    assert.deepEqual(
      oversized(Object.keys(texts), (path) => texts[path]),
      ['long.ts', 'no-reason.ts', 'too-late.ts'],
    );
  });

  const folders = [
    ...ROOMS,
    'test',
    'device/protocol',
    'device/session',
    'device/transport',
    'device/virtual',
    'device/otp',
    'device/backup',
    'device/enrol',
    'electron/ipc',
    'electron/services',
  ];
  for (const folder of folders) {
    it(`${folder}/ has a short README saying what it holds and who may import it`, () => {
      const path = join(ROOT, folder, 'README.md');
      assert.ok(existsSync(path), `${folder}/README.md is missing`);
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
      assert.ok(lines.length >= 3 && lines.length <= 8, `${folder}/README.md has ${lines.length} lines of text`);
      assert.match(text, /import/i, `${folder}/README.md says who may import it`);
    });
  }
});
