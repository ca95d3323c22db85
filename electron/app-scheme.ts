/**
 * keyslot://app/, the window's own origin (electron/window.ts registers and serves it): which URLs
 * the window may load, its CSP, and the answer to a request. Plain TypeScript without Electron's
 * module, so tests run it under Node.
 */
import type { RendererReply } from './renderer-files';

export const APP_SCHEME = 'keyslot';
const APP_ORIGIN = `${APP_SCHEME}://app`;
/** The window's page. */
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;
/** The quick picker's page (the same app, drawn as the picker: renderer/components/Picker.tsx). */
export const PICKER_URL = `${APP_ORIGIN}/picker`;

/** The window's Content-Security-Policy (the web host's adds its socket). */
export const WINDOW_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Answers a keyslot:// request: only host "app", its files from `files`. */
export async function appSchemeResponse(
  url: string,
  files: (pathname: string, withBoot: boolean) => Promise<RendererReply>,
): Promise<Response> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'app') return new Response('Not found', { status: 404 });
  // Only our window loads keyslot://app/; its page gets its first data.
  const reply = await files(parsed.pathname, true);
  return new Response(typeof reply.body === 'string' ? reply.body : new Uint8Array(reply.body), {
    status: reply.status,
    headers: reply.headers,
  });
}

/** True for the only URLs the window may load: its own and the developer tools'. */
export function isAllowedUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://');
}
