/**
 * The page with its first data: index.html plus a JSON data block (`<script type="application/json">`)
 * that the renderer reads before its first render. A data block is never executed, so the strict
 * CSP (script-src 'self') still holds; the JSON is escaped so no value can close the element.
 */
import { BOOT_ELEMENT_ID, type BootState } from './ipc/contract';

/** JSON that is safe inside a script element: no `<`, `>` or `&`, no U+2028/U+2029 line breaks. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The element the renderer mounts into; the first HTML goes inside it. */
const ROOT_ELEMENT = '<div id="root"></div>';

/**
 * index.html with the boot data block placed before the app's script and, if given, the first
 * HTML (drawn by renderer/prerender.tsx from the same data) inside the root element.
 */
export function pageWithBoot(html: string, boot: BootState, firstHtml: string | null = null): string {
  const block = `<script type="application/json" id="${BOOT_ELEMENT_ID}">${scriptSafeJson(boot)}</script>`;
  // Before the app's script, which reads it; a page without one gets it at the end.
  const at = html.indexOf('<script type="module"');
  let page = at < 0 ? `${html}${block}` : `${html.slice(0, at)}${block}\n    ${html.slice(at)}`;
  if (firstHtml !== null && page.includes(ROOT_ELEMENT))
    page = page.replace(ROOT_ELEMENT, () => `<div id="root">${firstHtml}</div>`);
  return page;
}

/** Resolves with `promise`'s value, or null once `ms` passed or if it fails: the page never waits long for its data. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
