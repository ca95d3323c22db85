/**
 * Serves the built renderer (dist/app/renderer) to the window: the same answers for Electron's
 * keyslot:// protocol and the web host's HTTP server. The page (index.html) carries its first data
 * (the boot block) and, where dist/app/prerender.mjs was built, the first HTML drawn from that data,
 * so the window shows the token and its slots as soon as the page is parsed (bench/app.ts).
 * Only files inside the renderer folder with a known type are served; nothing else answers.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PICKER_PATH } from './ipc/contract-quick';
import type { BootState } from './ipc/contract';
import type { Logger } from './ipc/serve';
import { pageWithBoot, within } from './boot-page';

/** Draws the first HTML of `<App />` for the boot data (renderer/prerender.tsx): the window's, or the picker's. */
export type Prerender = (boot: BootState, page?: 'window' | 'picker') => string;

export interface RendererReply {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Buffer | string;
}

export interface RendererFilesOptions {
  /** The built renderer: index.html, app.js, its chunks, app.css. */
  rendererDir: string;
  /** The Content-Security-Policy header sent with every file. */
  csp: string;
  /**
   * The page's first data; resolves null (or late) when there is none to give. `locale` is the
   * browser's first language where the request names one (the web host's Accept-Language).
   */
  bootState?: (request: { locale: string | null }) => Promise<BootState | null>;
  prerender?: Prerender | null;
  log?: Logger;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A built file named by its content's hash: app-HASH.js, chunk-HASH.js, chunk-HASH.css. */
const HASHED = /^\/[a-z]+-[A-Z0-9]{8}\.(js|css)$/;

/** How long the page waits for its first data (slot list) before it is sent without it. */
export const BOOT_WAIT_MS = 250;

/**
 * Loads dist/app/prerender.mjs if it was built; null if absent or not what we expect. A page
 * without it still works: the renderer then draws everything itself.
 */
export async function loadPrerender(file: string, log?: Logger): Promise<Prerender | null> {
  if (!existsSync(file)) return null;
  try {
    const mod = (await import(pathToFileURL(file).href)) as { renderFirstHtml?: unknown; warmFirstHtml?: unknown };
    if (typeof mod.renderFirstHtml === 'function') {
      // Drawn once with made-up data right after this turn, while the window is still starting,
      // so that the first page does not wait for the code to be compiled (renderer/prerender.tsx).
      if (typeof mod.warmFirstHtml === 'function') setImmediate(warm, mod.warmFirstHtml as () => void, log);
      return mod.renderFirstHtml as Prerender;
    }
    log?.warn(`${file} has no renderFirstHtml; the window draws itself`);
  } catch (e) {
    log?.warn(`could not load ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return null;
}

function warm(warmFirstHtml: () => void, log?: Logger): void {
  try {
    warmFirstHtml();
  } catch (e) {
    log?.warn(`prerender warm-up failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The first language of an Accept-Language header ("de-DE,de;q=0.9" gives "de-DE"), or null. */
export function firstLanguage(header: string | undefined): string | null {
  const tag = header?.split(',')[0]?.split(';')[0]?.trim() ?? '';
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
}

/**
 * Returns the function that answers a request for `pathname`; `withBoot` gives index.html its
 * data, `locale` the browser's language where the host knows it.
 */
export function rendererFiles(
  opts: RendererFilesOptions,
): (pathname: string, withBoot: boolean, locale?: string | null) => Promise<RendererReply> {
  const root = normalize(opts.rendererDir + sep);
  const notFound = (): RendererReply => ({
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: 'Not found',
  });
  return async (pathname, withBoot, locale = null) => {
    let path: string;
    try {
      // The quick picker is the same page, drawn as the picker (renderer/components/Picker.tsx).
      path = decodeURIComponent(pathname === '/' || pathname === PICKER_PATH ? '/index.html' : pathname);
    } catch {
      return notFound();
    }
    const file = normalize(join(root, path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root) || !type || path.includes('\0')) return notFound();
    let body: Buffer | string;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    const isPage = path === '/index.html';
    if (isPage && withBoot && opts.bootState) {
      const boot = await within(opts.bootState({ locale }), BOOT_WAIT_MS);
      if (boot)
        body = pageWithBoot(
          body.toString('utf8'),
          boot,
          firstHtml(boot, opts, pathname === PICKER_PATH ? 'picker' : 'window'),
        );
    }
    return {
      status: 200,
      headers: {
        'content-type': type,
        'content-security-policy': opts.csp,
        'x-content-type-options': 'nosniff',
        // The page holds this moment's data. The scripts' and styles' names carry their content's
        // hash (scripts/build-app.js): kept, so the browser (and V8 its compiled code) reuses them.
        'cache-control': HASHED.test(path) ? 'max-age=31536000, immutable' : 'no-store',
        'referrer-policy': 'no-referrer',
      },
      body,
    };
  };
}

function firstHtml(boot: BootState, opts: RendererFilesOptions, page: 'window' | 'picker'): string | null {
  if (!opts.prerender) return null;
  try {
    return opts.prerender(boot, page);
  } catch (e) {
    // The renderer draws the page itself then; the message names no data (it is a code fault).
    opts.log?.warn(`prerender failed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
