/**
 * No English or German sentence for people outside the vocabulary tables (issue 8, style guide §3):
 * the words live in shared/vocabulary/ (errors, reasons, the CLI's messages) and renderer/i18n/ (the
 * window's words); code passes a key and fields. test/support/sentences.ts says what counts as a
 * sentence (three words or more, a capital first, a sentence's end) and what does not (comments,
 * `detail:` and log calls, imports, regular expressions).
 *
 * PENDING lists the files whose sentences have not moved yet, with how many each still holds: a
 * count that grows fails, and so does one that shrinks without the list being lowered, so the list
 * only ever gets shorter.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isSentence, sentencesIn } from './support/sentences';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROOMS = ['device', 'cli', 'electron', 'web-host', 'renderer', 'shared'];
/** The vocabulary tables: the one place for words. */
const TABLES = [/^shared\/vocabulary\//, /^renderer\/i18n\//];

/** Files not moved yet, and how many sentences each still holds (reasons in the comment above each group). */
const PENDING: Record<string, number> = {};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) out.push(p);
  }
  return out;
}

describe('the words live in the vocabulary tables', () => {
  it('tells a sentence for people from code, data and fragments', () => {
    for (const s of [
      'The token refused the new PIN. Choose another one and try again.',
      'Wrote \u0000 "\u0000": \u0000 digits, \u0000.',
      'Der Token hat die Anfrage abgelehnt.',
      'Type \u0000 to confirm the factory reset.',
      'Backup password again: ',
    ])
      assert.ok(isSentence(s), s);
    for (const s of [
      'pin set admin|user',
      'change the admin or user PIN',
      'otpauth://totp/',
      'GET_STATUS: NOT_AUTHORIZED (5)',
      'token/status',
      'e.g.',
      'A',
      '\u0000 \u0000.',
    ])
      assert.ok(!isSentence(s), s);
  });

  it('finds sentences in strings, templates and JSX text, but not in comments, log calls or details', () => {
    const found = sentencesIn(
      'x.tsx',
      [
        '// The token refused the request. Try again.',
        'const a = "The token refused the request.";',
        'const b = `Wrote ${slot} "${name}" and checked it.`;',
        'log.warn(`Refused a request from an untrusted sender on ${c}.`);',
        'throw new DeviceError("x", { detail: "The status was not OK at all." });',
        'const c = <p>Nothing here yet, add a slot.</p>;',
      ].join('\n'),
    );
    assert.deepEqual(
      found.map((f) => f.line),
      [2, 3, 6],
    );
  });

  it('has no sentence outside the tables, but for the files still pending', () => {
    const counts: Record<string, number> = {};
    const lines: string[] = [];
    for (const room of ROOMS)
      for (const file of sources(room)) {
        if (TABLES.some((t) => t.test(file))) continue;
        const found = sentencesIn(join(ROOT, file));
        if (found.length === 0) continue;
        counts[file] = found.length;
        if (found.length !== PENDING[file])
          lines.push(...found.map((f) => `${file}:${f.line}: ${f.text.slice(0, 100)}`));
      }
    const changed = Object.keys({ ...counts, ...PENDING }).filter((f) => (counts[f] ?? 0) !== (PENDING[f] ?? 0));
    assert.deepEqual(
      changed.map((f) => `${f}: ${counts[f] ?? 0} (PENDING says ${PENDING[f] ?? 0})`),
      [],
      `Move these words into shared/vocabulary/ (or lower PENDING):\n${lines.join('\n')}`,
    );
  });
});
