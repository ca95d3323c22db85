import { useEffect } from 'react';
import { startOnce, useVirtual } from '../actions';
import { currentLanguage, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { ConfigDialog } from './ConfigDialog';
import { EraseSlotDialog } from './EraseSlotDialog';
import { FactoryResetDialog } from './FactoryResetDialog';
import { AddAccountDialog } from './import/AddAccountDialog';
import { RestoreDialog } from './import/RestoreDialog';
import { PasswordSafe } from './PasswordSafe';
import { PinPrompt } from './PinPrompt';
import { PinsDialog } from './PinsDialog';
import { PwsDialog } from './PwsDialog';
import { SettingsDialog } from './SettingsDialog';
import { SlotDialog } from './SlotDialog';
import { SlotList } from './SlotList';
import { Toasts } from './Toasts';
import { TokenPanel } from './TokenPanel';

/** The window: header, token panel, codes or password safe, and whichever dialog is open. */
export function App() {
  const token = useKeyslotStore((s) => s.token);
  const isStarting = useKeyslotStore((s) => s.isStarting);
  const tab = useKeyslotStore((s) => s.tab);
  const setTab = useKeyslotStore((s) => s.setTab);
  const dialog = useKeyslotStore((s) => s.dialog);
  const openDialog = useKeyslotStore((s) => s.openDialog);
  useKeyslotStore((s) => s.settings?.language); // re-render when the language changes
  useEffect(() => {
    let stop: (() => void) | undefined;
    void startOnce().then((s) => (stop = s));
    return () => stop?.();
  }, []);
  return (
    <div className="app" lang={currentLanguage()}>
      <header>
        <h1>{t('appName')}</h1>
        <button type="button" onClick={() => openDialog({ type: 'settings' })}>
          {t('settings')}
        </button>
      </header>
      <main>
        {!isStarting && !token && (
          <section className="panel no-token" aria-labelledby="no-token-heading">
            <h2 id="no-token-heading">{t('noTokenTitle')}</h2>
            <p>{t('noTokenBody')}</p>
            <button type="button" className="primary" onClick={() => void useVirtual()}>
              {t('useVirtual')}
            </button>
            <p className="note">{t('virtualNote')}</p>
          </section>
        )}
        {token && (
          <div className="layout">
            <TokenPanel />
            <div className="content">
              <div role="tablist" className="tabs" aria-label={t('appName')}>
                <button type="button" role="tab" id="tab-codes" aria-controls="panel-codes" aria-selected={tab === 'codes'} onClick={() => setTab('codes')}>
                  {t('tabCodes')}
                </button>
                <button type="button" role="tab" id="tab-pws" aria-controls="panel-pws" aria-selected={tab === 'pws'} onClick={() => setTab('pws')}>
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
      <PinPrompt />
      <Toasts />
    </div>
  );
}
