/**
 * The three rooms and their doors (style guide §1, §5): fails on a forbidden import edge.
 * - device/ imports Node built-ins, its own files and a few pure libraries; node-hid and usb only in
 *   device/transport/hid.ts; never electron, react, zustand, electron/ or renderer/.
 * - electron/ reaches device/ only through device/index.ts, and never renderer/.
 * - renderer/ imports react, react-dom, zustand and otpauth, and only `import type` from electron/ipc/contract.ts.
 * - shared/ (runtime constants and the words of errors) imports nothing outside itself; every room may
 *   import it, the renderer at run time too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Edge {
  file: string;
  spec: string;
  isTypeOnly: boolean;
  /** Project-relative target for relative specs, else null. */
  target: string | null;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;

function edges(file: string): Edge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: Edge[] = [];
  const add = (spec: string, isTypeOnly: boolean) => {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : null;
    out.push({ file, spec, isTypeOnly, target });
  };
  for (const m of text.matchAll(IMPORT)) add(m[3], !!m[2]);
  for (const m of text.matchAll(DYNAMIC)) add(m[1], false);
  return out;
}

const isBuiltin = (spec: string) => spec.startsWith('node:');
const inside = (target: string | null, dir: string) =>
  target !== null && (target === dir || target.startsWith(`${dir}/`));

test('the import scanner sees static, type-only and dynamic imports', () => {
  const found = edges('device/transport/hid.ts').map((e) => e.spec);
  assert.ok(found.includes('node-hid'), 'the dynamic import of node-hid in hid.ts');
  assert.ok(edges('renderer/api.ts').some((e) => e.isTypeOnly && inside(e.target, 'electron/ipc')));
});

test('device/ knows nothing of Electron, React or the other rooms', () => {
  const bad = sources('device')
    .flatMap(edges)
    .filter((e) => {
      if (e.target !== null) return !inside(e.target, 'device') && !inside(e.target, 'shared');
      if (isBuiltin(e.spec)) return false;
      if (e.spec === 'node-hid' || e.spec === 'usb') return e.file !== 'device/transport/hid.ts';
      if (e.spec === 'koffi') return e.file !== 'device/transport/pcsc.ts';
      return ['electron', 'react', 'react-dom', 'zustand', 'ws'].some(
        (p) => e.spec === p || e.spec.startsWith(`${p}/`),
      );
    });
  assert.deepEqual(bad, []);
});

test('electron/ reaches device/ only through device/index.ts and never imports renderer/', () => {
  const bad = sources('electron')
    .flatMap(edges)
    .filter((e) => {
      if (inside(e.target, 'renderer')) return true;
      if (inside(e.target, 'device')) return e.target !== 'device/index' && e.target !== 'device/index.ts';
      return e.spec === 'node-hid' || e.spec === 'usb';
    });
  assert.deepEqual(bad, []);
});

test('cli/ reaches the library only through device/index.ts and never imports electron/, web-host/ or renderer/', () => {
  const bad = sources('cli')
    .flatMap(edges)
    .filter((e) => {
      if (e.target === null)
        return ['electron', 'react', 'react-dom', 'zustand', 'ws', 'node-hid', 'usb', 'koffi'].includes(e.spec);
      if (inside(e.target, 'cli') || inside(e.target, 'shared')) return false;
      return e.target !== 'device/index' && e.target !== 'device/index.ts';
    });
  assert.deepEqual(bad, []);
});

test('web-host/ reaches device/ only through device/index.ts and never imports renderer/ or cli/', () => {
  const bad = sources('web-host')
    .flatMap(edges)
    .filter((e) => {
      if (inside(e.target, 'renderer') || inside(e.target, 'cli')) return true;
      if (inside(e.target, 'device')) return e.target !== 'device/index' && e.target !== 'device/index.ts';
      return e.spec === 'node-hid' || e.spec === 'usb' || e.spec === 'electron';
    });
  assert.deepEqual(bad, []);
});

test('renderer/ imports only React, zustand, otpauth, shared/ and types of the IPC contract', () => {
  const bad = sources('renderer')
    .flatMap(edges)
    .filter((e) => {
      if (e.target !== null) {
        if (inside(e.target, 'renderer') || inside(e.target, 'shared')) return false;
        return !(e.isTypeOnly && /^electron\/ipc\/contract(\.ts)?$/.test(e.target));
      }
      // react-dom/server only in prerender.tsx, the first HTML that hosts draw under Node.
      if (e.spec === 'react-dom/server') return e.file !== 'renderer/prerender.tsx';
      // otpauth: a pure library; the page takes its base32 Secret only (tree-shaken, about 2 KB).
      return !['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'zustand', 'otpauth'].includes(e.spec);
    });
  assert.deepEqual(bad, []);
});

test('shared/ imports nothing but its own files, so every room may import it at run time', () => {
  const bad = sources('shared')
    .flatMap(edges)
    .filter((e) => !inside(e.target, 'shared'));
  assert.deepEqual(bad, []);
});
