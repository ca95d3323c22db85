import { createRoot, hydrateRoot } from 'react-dom/client';
import { applyBoot, startOnce } from './actions';
import { takeBootState } from './boot';
import { App, preloadDialogs } from './components/App';

// The host sends the first data with the page: the first render shows the slots at once.
const boot = takeBootState(document);
if (boot) applyBoot(boot);
// Ask main for everything (and subscribe to its events) while React mounts.
void startOnce();
const root = document.getElementById('root')!;
// The host drew the first HTML from the same data (renderer/prerender.tsx): take it over.
if (boot && root.firstElementChild) hydrateRoot(root, <App />);
else createRoot(root).render(<App />);
// Once the window has drawn, fetch the dialogs' code while nothing else is going on.
requestAnimationFrame(() => setTimeout(() => void preloadDialogs(), 0));
