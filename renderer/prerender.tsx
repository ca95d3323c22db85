/**
 * The window's first HTML, drawn from the boot data by whoever serves the page (the web host, or
 * main's keyslot:// protocol in Electron): the token and its slots show as soon as the page is
 * parsed, before its script has run (bench/app.ts, first render with 18 slots); main.tsx then
 * hydrates the same markup. Bundled by scripts/build-app.js into dist/app/prerender.mjs and run
 * under Node, so nothing here may touch a browser API while rendering.
 */
import { renderToString } from 'react-dom/server';
import type { BootState } from '../electron/ipc/contract';
import { applyBoot } from './actions';
import { App } from './components/App';
import { useKeyslotStore } from './store';

/** The markup of `<App />` for `boot`, as the first client render will draw it. */
export function renderFirstHtml(boot: BootState): string {
  // One store per process: start each page from a clean one.
  useKeyslotStore.setState(useKeyslotStore.getInitialState(), true);
  applyBoot(boot);
  return renderToString(<App />);
}
