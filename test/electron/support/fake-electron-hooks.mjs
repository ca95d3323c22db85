/**
 * Module resolve hook (node:module register(), Node >= 20.6): the bare specifier 'electron' becomes
 * the fake in fake-electron.mjs. Every other specifier goes down the chain unchanged, so hooks
 * registered beside this one (tsx's, when NODE_OPTIONS carries `--import tsx`) keep working.
 * Only ESM imports pass through these hooks on Node 20; a CommonJS require('electron') does not,
 * which is why the fake runs the sandboxed preload with a require of its own.
 */
const FAKE_URL = new URL('./fake-electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE_URL, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
