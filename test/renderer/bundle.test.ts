/**
 * The shipped renderer is React: the bundles scripts/build-app.js writes (the window's app.js and
 * its chunks, and prerender.mjs that draws the first HTML under Node) carry react-dom of the
 * installed version, built for production, and nothing of Preact (which once stood in for React
 * through an alias).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP = join(ROOT, 'dist', 'app');
const REACT_DOM_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules', 'react-dom', 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Traces Preact leaves in a bundle: its mangled internals survive minification as property names
 * (`__k` a vnode's children, `__H` a component's hooks, `__cC` the prefix of a context's id), and
 * preact/compat reports itself as React "18.3.1".
 */
const PREACT_TRACES = [/\.__k\b/, /\.__H\b/, /"__cC"/, /preact/i, /version\s*=\s*"18\.3\.1"/];

describe('the shipped renderer bundle', () => {
  let window: string;
  let prerender: string;
  before(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-app.js'), '--renderer-only'], { stdio: 'ignore' });
    const dir = join(APP, 'renderer');
    window = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    prerender = readFileSync(join(APP, 'prerender.mjs'), 'utf8');
  });

  it('runs react-dom of the installed version in the window, built for production', () => {
    assert.match(window, new RegExp(`rendererPackageName:"react-dom"`));
    assert.match(window, new RegExp(`reconcilerVersion:"${REACT_DOM_VERSION.replaceAll('.', '\\.')}"`));
    // React 19's element type; Preact's compat layer marks elements as "react.element".
    assert.match(window, /react\.transitional\.element/);
    // NODE_ENV=production: React's development build names itself in its warnings.
    assert.doesNotMatch(window, /react-dom\.development|Warning: /);
  });

  it("opens each file with V8's compile hint, so React compiles while it streams in, off the main thread", () => {
    const dir = join(APP, 'renderer');
    for (const f of readdirSync(dir).filter((name) => name.endsWith('.js')))
      assert.ok(readFileSync(join(dir, f), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'), f);
  });

  it('draws the first HTML with react-dom/server', () => {
    assert.match(prerender, /renderToString/);
    assert.match(prerender, new RegExp(`"${REACT_DOM_VERSION.replaceAll('.', '\\.')}"`));
  });

  it("holds none of main's request schemas: the renderer imports the contract's types only", () => {
    // valibot's schema types and the schemas' own messages survive minification as strings.
    for (const trace of [/"strict_tuple"/, /"strict_object"/, /has an unknown field/])
      assert.doesNotMatch(window, trace, `the window's bundle has ${trace}`);
  });

  it('holds nothing of Preact', () => {
    for (const [name, text] of [
      ['window', window],
      ['prerender.mjs', prerender],
    ] as const)
      for (const trace of PREACT_TRACES) assert.doesNotMatch(text, trace, `${name} has ${trace}`);
  });
});
