/**
 * The one secret field of the slot dialog and the typed-account form (renderer/components/SecretField.tsx),
 * drawn with react-dom/server: hidden by default, kept from autocompletion and spell checking,
 * labelled, with its problem linked; shown where the form holds its Show state.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { register } from 'tsx/esm/api';

// tsx applies a tsconfig only to the files it includes: the renderer's .tsx files get React's
// automatic JSX runtime from renderer/tsconfig.json, and React comes through the same loader, so
// the component's hooks and react-dom/server share one React.
const loader = register({
  namespace: 'secret-field-test',
  tsconfig: fileURLToPath(new URL('../../renderer/tsconfig.json', import.meta.url)),
});
const { createElement } = (await loader.import('react', import.meta.url)) as typeof import('react');
const { renderToStaticMarkup } = (await loader.import(
  'react-dom/server',
  import.meta.url,
)) as typeof import('react-dom/server');
const { SecretField } = (await loader.import(
  '../../renderer/components/SecretField.tsx',
  import.meta.url,
)) as typeof import('../../renderer/components/SecretField');

const draw = (props: Partial<Parameters<typeof SecretField>[0]> = {}) =>
  renderToStaticMarkup(createElement(SecretField, { value: 'JBSWY3DP', onChange: () => {}, ...props }));
const input = (html: string) => html.match(/<input [^>]*>/)?.[0] ?? '';

describe('SecretField', () => {
  it('hides the secret until Show, with no autocompletion or spell checking', () => {
    const html = draw();
    assert.match(input(html), /type="password"/);
    assert.match(input(html), /autoComplete="off"|autocomplete="off"/);
    assert.match(input(html), /spellCheck="false"|spellcheck="false"/);
    assert.match(input(html), /value="JBSWY3DP"/);
    assert.match(html, /<button type="button" aria-pressed="false">Show<\/button>/);
  });

  it('labels its input and links a problem to it', () => {
    const html = draw({ problem: 'Not base32' });
    const id = input(html).match(/id="([^"]+)"/)?.[1];
    assert.ok(id);
    assert.ok(html.includes(`<label for="${id}">Secret</label>`), html);
    assert.match(input(html), /aria-invalid="true"/);
    const note = input(html).match(/aria-describedby="([^"]+)"/)?.[1];
    assert.ok(note && html.includes(`<p id="${note}" class="note problem">Not base32</p>`), html);
  });

  it('shows the secret where the form holds the Show state', () => {
    const html = draw({ isShown: true, onShownChange: () => {} });
    assert.match(input(html), /type="text"/);
    assert.match(html, /aria-pressed="true">Hide<\/button>/);
  });
});
