#!/usr/bin/env node
// Bundles the desktop app with esbuild: the renderer (browser, one JS + one CSS file), and the
// Electron main and preload scripts (Node, CommonJS for the sandboxed preload).
// The renderer is React 19 (react-dom/client in the window, react-dom/server for the first HTML
// drawn under Node), built for production: minified, and process.env.NODE_ENV defined so that
// React's development checks are left out of the bundle (bench/app.ts: size and first render).
// Usage: node scripts/build-app.js [--renderer-only] [--dev]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { basename, join, relative, sep } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'app');
const isDev = process.argv.includes('--dev');
const isRendererOnly = process.argv.includes('--renderer-only');

// An ESM bundle for Node that calls require() (CommonJS packages inside) gets one.
const NODE_REQUIRE =
  "import { createRequire as __keyslotRequire } from 'node:module'; const require = __keyslotRequire(import.meta.url);";
const NODE_ENV = { 'process.env.NODE_ENV': isDev ? '"development"' : '"production"' };

// A fresh folder (chunk names carry a hash, so old ones would pile up), built beside the old one
// and moved in at the end: a host serving dist/app/renderer meanwhile never finds it half built.
const rendererOut = join(out, `renderer.building-${process.pid}`);
await rm(rendererOut, { recursive: true, force: true });
await mkdir(rendererOut, { recursive: true });
const renderer = await build({
  // app.js and the chunks it imports on demand (the dialogs: renderer/components/App.tsx).
  // vendor: React and react-dom (renderer/vendor.ts), which app.js then imports from a chunk of
  // their own: the libraries' chunk changes only with their versions and is cached by the browser.
  entryPoints: { app: join(root, 'renderer', 'main.tsx'), vendor: join(root, 'renderer', 'vendor.ts') },
  outdir: rendererOut,
  // Every file's name carries its content's hash (app-HASH.js, chunk-HASH.js): the host lets the
  // browser keep them (electron/renderer-files.ts), so a page loaded again waits only for index.html.
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  splitting: true,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120'],
  minify: !isDev,
  sourcemap: isDev,
  jsx: 'automatic',
  define: NODE_ENV,
  // V8's explicit compile hint: compile every function of these files while they stream in, on
  // a background thread, rather than lazily on the main thread when first called (react-dom's
  // module body, a function esbuild wraps it in, is most of the script time before hydration).
  // Measured in chromium up to the rows being clickable: main-thread CPU about 85 → 67 ms, script
  // 43 → 25 ms, the process's CPU no higher.
  banner: { js: '//# allFunctionsCalledOnLoad' },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// The first HTML, drawn by the host from the boot data (renderer/prerender.tsx): the same
// components with react-dom/server, for Node. Hosts load it at run time from dist/app.
await build({
  entryPoints: [join(root, 'renderer', 'prerender.tsx')],
  outfile: join(out, 'prerender.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !isDev,
  jsx: 'automatic',
  define: NODE_ENV,
  // react-dom/server for Node requires Node's own modules (util, stream, crypto).
  banner: { js: NODE_REQUIRE },
  legalComments: 'none',
  logLevel: 'warning',
});
// The styles, named by their content's hash as the chunks are (chunk-HASH.css): the host lets the
// browser keep them, so the first frame, which waits for them, does not wait for the host.
const styles = await build({
  entryPoints: [join(root, 'renderer', 'styles.css')],
  outfile: join(rendererOut, 'app.css'),
  bundle: true,
  minify: !isDev,
  write: false,
  logLevel: 'warning',
});
const css = styles.outputFiles[0].contents;
const cssName = `chunk-${createHash('sha256').update(css).digest('hex').slice(0, 8).toUpperCase()}.css`;
await writeFile(join(rendererOut, cssName), css);
// The page's first script (renderer/early.ts: keeps what is typed before the app owns the page),
// classic and tiny, named by its hash too; the page loads it in its head, before anything else.
const early = await build({
  entryPoints: [join(root, 'renderer', 'early.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome120'],
  minify: !isDev,
  banner: { js: '//# allFunctionsCalledOnLoad' },
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const earlyJs = early.outputFiles[0].contents;
const earlyName = `early-${createHash('sha256').update(earlyJs).digest('hex').slice(0, 8).toUpperCase()}.js`;
await writeFile(join(rendererOut, earlyName), earlyJs);
// The chunks app.js imports statically are announced in the page (modulepreload), so the browser
// fetches them beside app.js instead of after it.
const mainEntry = relative(root, join(root, 'renderer', 'main.tsx'))
  .split(sep)
  .join('/');
const [appPath, appOutput] =
  Object.entries(renderer.metafile.outputs).find(([, o]) => o.entryPoint === mainEntry) ?? [];
if (!appOutput) throw new Error('esbuild did not report the app entry');
const appName = basename(appPath);
// app.js by its old name, for whoever asks for it so: it only imports the built one.
await writeFile(join(rendererOut, 'app.js'), `//# allFunctionsCalledOnLoad\nimport './${appName}';\n`);
const preloads = appOutput.imports
  .filter((i) => i.kind === 'import-statement')
  .map((i) => `<link rel="modulepreload" href="${basename(i.path)}" />`);
const html = await readFile(join(root, 'renderer', 'index.html'), 'utf8');
const marker = '<link rel="stylesheet" href="app.css"';
if (!html.includes(marker) || !html.includes('<script type="module" src="app.js">'))
  throw new Error('renderer/index.html has no stylesheet link or app.js script to name');
await writeFile(
  join(rendererOut, 'index.html'),
  html
    .replace(
      marker,
      [`<script src="${earlyName}"></script>`, ...preloads, `<link rel="stylesheet" href="${cssName}"`].join('\n    '),
    )
    .replace('<script type="module" src="app.js">', `<script type="module" src="${appName}">`),
);
// Into place without a moment when a file is missing (tests build while other tests' hosts serve the
// folder): each file is renamed over its old copy, index.html last; then files of older builds go.
const finalRenderer = join(out, 'renderer');
await mkdir(finalRenderer, { recursive: true });
const built = await readdir(rendererOut);
for (const name of built.filter((n) => n !== 'index.html'))
  await rename(join(rendererOut, name), join(finalRenderer, name));
await rename(join(rendererOut, 'index.html'), join(finalRenderer, 'index.html'));
await rm(rendererOut, { recursive: true, force: true });
for (const name of await readdir(finalRenderer))
  if (!built.includes(name)) await rm(join(finalRenderer, name), { recursive: true, force: true });

if (!isRendererOnly) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: isDev,
    logLevel: 'warning',
    external: ['electron', 'node-hid', 'usb', 'koffi'],
  };
  // Main is ESM (Electron ≥ 28), as device/ uses import.meta; the sandboxed preload must be CommonJS.
  await build({
    ...common,
    entryPoints: [join(root, 'electron', 'main.ts')],
    outfile: join(out, 'main.mjs'),
    format: 'esm',
    banner: { js: NODE_REQUIRE },
  });
  // QR decoding's worker thread, on its own beside main.mjs: device/otp/qr-async.ts starts
  // ./qr-worker.mjs relative to its bundle's import.meta.url.
  await build({
    ...common,
    entryPoints: [join(root, 'device', 'otp', 'qr-worker.ts')],
    outfile: join(out, 'qr-worker.mjs'),
    format: 'esm',
  });
  await build({
    ...common,
    entryPoints: [join(root, 'electron', 'preload.ts')],
    outfile: join(out, 'preload.cjs'),
    format: 'cjs',
  });
  await copyFile(join(root, 'build-resources', 'icon.png'), join(out, 'icon.png'));
}
console.log(`Built the app into ${out}`);
