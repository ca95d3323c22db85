import { createRoot } from 'react-dom/client';
import { startOnce } from './actions';
import { App } from './components/App';

// Ask main for the token and slots while React mounts.
void startOnce();
createRoot(document.getElementById('root')!).render(<App />);
