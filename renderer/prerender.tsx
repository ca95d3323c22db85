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
import { drawPageAs } from './components/Picker';
import { useKeyslotStore } from './store';
import { useNamedStore } from './named/store';

/** The markup of `<App />` for `boot`, as the first client render will draw it: the window's, or the picker's. */
export function renderFirstHtml(boot: BootState, page: 'window' | 'picker' = 'window'): string {
  // One store per process: start each page from a clean one.
  useKeyslotStore.setState(useKeyslotStore.getInitialState(), true);
  useNamedStore.setState(useNamedStore.getInitialState(), true);
  applyBoot(boot);
  drawPageAs(page);
  try {
    return renderToString(<App />);
  } finally {
    drawPageAs(null);
  }
}

/** Made-up data of the shape a host sends: a token with a TOTP and a HOTP slot. */
const WARM_BOOT: BootState = {
  appInfo: { version: '0', host: 'web', hasTray: false, locale: 'en', hasFileDialogs: false, canCaptureScreen: false },
  settings: {
    clearCodeAfterS: 30,
    clearPasswordAfterS: 60,
    isStartMinimized: false,
    isCloseToTray: false,
    language: 'en',
    pickerShortcut: '',
    isPickerShortcutOn: false,
    isStartAtLogin: false,
    isTrayCopyNotified: false,
    pinnedSlots: [],
  },
  token: {
    id: 'warm',
    model: 'pro',
    serial: '00000000',
    firmware: '0.15',
    adminRetries: 3,
    userRetries: 3,
    isVirtual: true,
    isLegacy: false,
    isUserPinRequiredForCodes: false,
    lockKeys: { numlock: null, capslock: null, scrolllock: null },
    time: 'unknown',
    isAuthenticated: { admin: false, user: false },
    limits: { slotName: 15, secretMax: 40, pwsName: 11, pwsLogin: 32, pwsPassword: 20, pin: 24 },
  },
  slots: [
    { slot: { kind: 'totp', index: 0 }, name: 'A', digits: 6, period: 30 },
    { slot: { kind: 'hotp', index: 0 }, name: 'B', digits: 6, counter: '0' },
  ],
};

/**
 * Draws made-up data once and throws the markup away: hosts call it when they load this module, so
 * the first page's drawing does not pay for compiling react-dom/server and the components (about
 * 8 → 2 ms under Node, more on a busy machine; bench/app.ts).
 */
export function warmFirstHtml(): void {
  renderFirstHtml(WARM_BOOT);
  useKeyslotStore.setState(useKeyslotStore.getInitialState(), true);
  useNamedStore.setState(useNamedStore.getInitialState(), true);
}
