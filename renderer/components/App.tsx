import { Suspense, lazy, useEffect, useLayoutEffect, useState, type ComponentType } from 'react';
import { startOnce, connectVirtual } from '../actions';
import { currentLanguage, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { PasswordSafe } from './PasswordSafe';
import { Picker, isPickerPage } from './Picker';
import { stopTypeAhead } from '../type-ahead';
import { PinPrompt } from './PinPrompt';
import { SlotList } from './SlotList';
import { Toasts } from './Toasts';
import { TokenPanel } from './TokenPanel';
import { startNamed } from '../named/actions';
import { NamedView } from '../named/NamedView';
import { useNamedStore } from '../named/store';
import { TokenSwitcher } from '../named/TokenSwitcher';
import { TouchOverlay } from '../named/TouchOverlay';

// The dialogs are one separate chunk (./dialogs): the first render parses and runs only the
// window's own code (bench/app.ts, first render with 18 slots). It is fetched while the window is
// idle after it has drawn (preloadDialogs), so opening a dialog does not wait for the disk.
let dialogsChunk: Promise<Dialogs> | null = null;
type Dialogs = typeof import('./dialogs');
/** The chunk's exports once it has arrived. */
let dialogs: Dialogs | null = null;
const loadDialogs = () =>
  (dialogsChunk ??= import('./dialogs').then(
    (m) => (dialogs = m),
    (e: unknown) => {
      dialogsChunk = null; // a later try may succeed
      throw e;
    },
  ));
/**
 * One dialog of the chunk. Once the chunk is there, the dialog is drawn at once: through lazy()
 * alone, React would first draw the Suspense fallback below (nothing) on each dialog's first
 * opening and hold the dialog back for its reveal throttle, about 300 ms. Before that, lazy() waits
 * for the chunk. Chosen once per opening, so an open dialog never changes component (or state).
 */
const fromChunk = <P extends object>(pick: (chunk: Dialogs) => ComponentType<P>) => {
  const Lazy = lazy(async () => ({ default: pick(await loadDialogs()) }));
  return function FromChunk(props: P) {
    const [Dialog] = useState(() => (dialogs ? pick(dialogs) : Lazy));
    return <Dialog {...props} />;
  };
};
const SlotDialog = fromChunk((m) => m.SlotDialog);
const EraseSlotDialog = fromChunk((m) => m.EraseSlotDialog);
const PinsDialog = fromChunk((m) => m.PinsDialog);
const FactoryResetDialog = fromChunk((m) => m.FactoryResetDialog);
const ConfigDialog = fromChunk((m) => m.ConfigDialog);
const AddAccountDialog = fromChunk((m) => m.AddAccountDialog);
const RestoreDialog = fromChunk((m) => m.RestoreDialog);
const SettingsDialog = fromChunk((m) => m.SettingsDialog);
const PwsDialog = fromChunk((m) => m.PwsDialog);
// The Nitrokey 3's dialogs and PIN prompt (renderer/named/NamedDialogs.tsx) are in the same chunk,
// drawn only while one of them is asked for: a window without a Nitrokey 3 never runs their code.
const NamedDialogs = fromChunk((m) => m.NamedDialogs);

/** Fetches the dialogs' chunk (kept for later); called once the window has drawn. */
export function preloadDialogs(): Promise<unknown> {
  return loadDialogs().catch(() => undefined);
}

/** The page: the main window, or the quick picker on its own page (issue 13). */
export function App() {
  // Keys typed while the page was taken over went to the slot list if it is drawn (its effect runs
  // first: renderer/type-ahead.ts); from now on React has them all, on every page.
  useLayoutEffect(() => void stopTypeAhead(), []);
  return isPickerPage() ? <Picker /> : <MainWindow />;
}

/** The window: header, token panel, codes or password safe, and whichever dialog is open. */
function MainWindow() {
  const token = useKeyslotStore((s) => s.token);
  const isStarting = useKeyslotStore((s) => s.isStarting);
  const tab = useKeyslotStore((s) => s.tab);
  const setTab = useKeyslotStore((s) => s.setTab);
  const dialog = useKeyslotStore((s) => s.dialog);
  const openDialog = useKeyslotStore((s) => s.openDialog);
  useKeyslotStore((s) => s.language); // draw again when the language changes
  // A named-credential token (Nitrokey 3) the window shows instead of the slot token (issue 12).
  const namedToken = useNamedStore((s) => s.selected);
  const isNamedAsking = useNamedStore((s) => s.dialog !== null || s.pinPrompt !== null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    void startOnce().then((s) => (stop = s));
    return () => stop?.();
  }, []);
  useEffect(() => {
    let stop: (() => void) | undefined;
    void startNamed().then((s) => (stop = s));
    return () => stop?.();
  }, []);
  return (
    <div className="app" lang={currentLanguage()}>
      <header>
        <h1>{t('appName')}</h1>
        <TokenSwitcher />
        <button type="button" onClick={() => openDialog({ type: 'settings' })}>
          {t('settings')}
        </button>
      </header>
      <main>
        {!isStarting && !token && !namedToken && (
          <section className="panel no-token" aria-labelledby="no-token-heading">
            <h2 id="no-token-heading">{t('noTokenTitle')}</h2>
            <p>{t('noTokenBody')}</p>
            <button type="button" className="primary" onClick={() => void connectVirtual()}>
              {t('useVirtual')}
            </button>
            <p className="note">{t('virtualNote')}</p>
          </section>
        )}
        {namedToken && <NamedView />}
        {token && !namedToken && (
          <div className="layout">
            <TokenPanel />
            <div className="content">
              <div role="tablist" className="tabs" aria-label={t('appName')}>
                <button
                  type="button"
                  role="tab"
                  id="tab-codes"
                  aria-controls="panel-codes"
                  aria-selected={tab === 'codes'}
                  onClick={() => setTab('codes')}
                >
                  {t('tabCodes')}
                </button>
                <button
                  type="button"
                  role="tab"
                  id="tab-pws"
                  aria-controls="panel-pws"
                  aria-selected={tab === 'pws'}
                  onClick={() => setTab('pws')}
                >
                  {t('tabPws')}
                </button>
              </div>
              <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
                {tab === 'codes' ? <SlotList /> : <PasswordSafe />}
              </div>
            </div>
          </div>
        )}
      </main>
      <Suspense fallback={null}>
        {dialog?.type === 'slot' && token && <SlotDialog edit={dialog.edit} />}
        {dialog?.type === 'erase-slot' && <EraseSlotDialog slot={dialog.slot} />}
        {dialog?.type === 'pins' && token && <PinsDialog />}
        {dialog?.type === 'factory-reset' && token && <FactoryResetDialog />}
        {dialog?.type === 'config' && token && <ConfigDialog />}
        {/* Stays open while the token is away: "Write to a second token" swaps tokens mid-flow. */}
        {dialog?.type === 'add-account' && <AddAccountDialog />}
        {dialog?.type === 'restore' && token && <RestoreDialog />}
        {dialog?.type === 'settings' && <SettingsDialog />}
        {dialog?.type === 'pws-entry' && token && <PwsDialog index={dialog.index} />}
      </Suspense>
      <PinPrompt />
      {isNamedAsking && (
        <Suspense fallback={null}>
          <NamedDialogs />
        </Suspense>
      )}
      <TouchOverlay />
      <Toasts />
    </div>
  );
}
