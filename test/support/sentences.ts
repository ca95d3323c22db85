/**
 * Finds English or German sentences for people in source files, for test/vocabulary.test.ts: the words
 * belong in the vocabulary tables (shared/vocabulary/, renderer/i18n/), never at the place that uses them.
 *
 * A sentence is a string literal, a template literal or JSX text that
 * - has at least three words (runs of letters with a small letter, so not IDENTIFIERS; a `${…}` counts as
 *   one word, but two at least are real words),
 * - starts with a capital letter (or a placeholder followed by a word), and
 * - ends a sentence: `.`, `!`, `?` or `:` at its end or before a space, a newline or a closing bracket.
 * Not counted: comments; import and export specifiers; `detail:` values and the arguments of log calls
 * (`log.warn(…)`, `logger.error(…)`, `console.*`), which are for the log; a literal inside `RegExp` or a
 * regular expression; strings a file marks with the allow-list below.
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';

export interface Sentence {
  file: string;
  line: number;
  text: string;
}

const WORD = /[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß'’-]*/g;
const START = /^[\s"“„(«]*(?:[A-ZÄÖÜ]|\u0000|(?:keyslot|--?[a-z][\w-]*)\s)/;
const END = /[.!?:](?:["”)»]*)(?:$|\s)/;

/** True if `text` reads as a sentence for people (placeholders are written as NUL). */
export function isSentence(text: string): boolean {
  const t = text.trim();
  const words = (t.match(WORD) ?? []).filter((w) => /[a-zäöüß]/.test(w)).length;
  if (words < 2 || words + (t.match(/\u0000/g) ?? []).length < 3) return false;
  if (!START.test(t)) return false;
  return END.test(t);
}

const LOG_CALL = /(?:^|\.)(?:log|logger|console)\.(?:info|warn|error|debug|log)$/;

/** True if the node is in a place whose words go to the log, not to people. */
function isForTheLog(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'detail') return true;
    if (ts.isCallExpression(n) && LOG_CALL.test(n.expression.getText())) return true;
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return true;
    if (ts.isNewExpression(n) && n.expression.getText() === 'RegExp') return true;
    if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}

/** The sentences in one file. */
export function sentencesIn(file: string, text = readFileSync(file, 'utf8')): Sentence[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const out: Sentence[] = [];
  const add = (node: ts.Node, words: string) => {
    if (!isSentence(words) || isForTheLog(node)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    out.push({ file, line, text: words.replace(/\u0000/g, '${…}') });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node))
      add(node, node.head.text + node.templateSpans.map((s) => `\u0000${s.literal.text}`).join(''));
    else if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxElement(node) || ts.isJsxFragment(node)) {
      // JSX text split by {expressions}: read the element's own text with placeholders.
      const parts = node.children.map((c) => (ts.isJsxText(c) ? c.text : ts.isJsxExpression(c) ? '\u0000' : ''));
      const joined = parts.join('').replace(/\s+/g, ' ');
      if (parts.length > 1 && node.children.some((c) => ts.isJsxExpression(c))) add(node, joined);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}
