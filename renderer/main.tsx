import { createRoot, hydrateRoot } from 'react-dom/client';
import { applyBoot, startOnce } from './actions';
import { takeBootState } from './boot';
import { App, preloadDialogs } from './components/App';
import { currentLanguage } from './i18n';
import { useKeyslotStore } from './store';
import { useNamedStore } from './named/store';

// The host sends the first data with the page: the first render shows the slots at once.
const boot = takeBootState(document);
if (boot) applyBoot(boot);
// Ask main for everything (and subscribe to its events) while React mounts.
void startOnce();
const root = document.getElementById('root')!;
// The host drew the first HTML from the same data (renderer/prerender.tsx): take it over, if it is
// in this window's language. Taking over keeps the markup's attributes (labels, lang), so where
// the host could not know the language (settings "system", a browser it cannot ask), the renderer
// draws the window itself instead.
const drawn = root.firstElementChild;
if (boot && drawn?.getAttribute('lang') === currentLanguage()) {
  useKeyslotStore.holdFirstState();
  useNamedStore.holdFirstState();
  hydrateRoot(root, <App />);
} else {
  // What was typed into the first HTML's search meanwhile goes on in the field drawn anew.
  const typed = root.querySelector<HTMLInputElement>('input[type=search]')?.value;
  if (typed) useKeyslotStore.getState().setQuery(typed);
  root.replaceChildren();
  createRoot(root).render(<App />);
}
// Once the window has drawn, fetch the dialogs' code while nothing else is going on.
requestAnimationFrame(() => setTimeout(() => void preloadDialogs(), 0));
