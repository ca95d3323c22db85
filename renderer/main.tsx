import { createRoot } from 'react-dom/client';
import { applyBoot, startOnce } from './actions';
import { takeBootState } from './boot';
import { App } from './components/App';

// The web host sends the first data with the page: the first render shows the slots at once.
const boot = takeBootState(document);
if (boot) applyBoot(boot);
// Ask main for everything (and subscribe to its events) while React mounts.
void startOnce();
createRoot(document.getElementById('root')!).render(<App />);
