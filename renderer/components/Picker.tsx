/**
 * The quick picker (issue 13): a small page over every other window (Electron opens it on the
 * global shortcut or from the tray; the web host serves it at /picker). The same search as the
 * slot list, across every connected token (renderer/named/picker-rows.ts): typing filters, ↑/↓
 * choose, Enter copies the selected (or only) match's code and closes, Esc closes.
 */
import { useEffect, useRef, useState } from 'react';
import { startOnce } from '../actions';
import { invoke } from '../api';
import { copySlot } from '../codes';
import { currentLanguage, t } from '../i18n';
import { startNamed } from '../named/actions';
import { NamedPinPrompt } from '../named/NamedPinPrompt';
import { copyNamedCode, usePickerRows, type PickerRow } from '../named/picker-rows';
import { useNamedStore } from '../named/store';
import { TouchOverlay } from '../named/TouchOverlay';
import { useKeyslotStore } from '../store';
import { IssuerBadge } from './IssuerBadge';
import { PinPrompt } from './PinPrompt';
import { searchStatus } from './SlotList';
import { Toasts } from './Toasts';
import { onSearchKey } from './search-keys';
import { usePendingEnter, useSearchField } from './use-search-field';

let drawnAs: 'window' | 'picker' | null = null;

/** Under Node (renderer/prerender.tsx), which page the first HTML is drawn for; null: ask the location. */
export function drawPageAs(page: 'window' | 'picker' | null): void {
  drawnAs = page;
}

/** True on the picker's page (keyslot://app/picker in Electron, /picker in the web host). */
export function isPickerPage(): boolean {
  if (drawnAs) return drawnAs === 'picker';
  return typeof location !== 'undefined' && location.pathname === '/picker';
}

export function Picker() {
  const slots = useKeyslotStore((s) => s.slots);
  const query = useKeyslotStore((s) => s.query);
  const selected = useKeyslotStore((s) => s.selected);
  const token = useKeyslotStore((s) => s.token);
  const isStarting = useKeyslotStore((s) => s.isStarting);
  const setQuery = useKeyslotStore((s) => s.setQuery);
  const setSelected = useKeyslotStore((s) => s.setSelected);
  useKeyslotStore((s) => s.language); // draw again when the language changes
  const [isClosed, setClosed] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const visible = usePickerRows(slots, query);
  const hasNamed = useNamedStore((s) => s.tokens.some((e) => !e.isPrimary));
  const current = Math.min(selected, Math.max(visible.length - 1, 0));
  useEffect(() => {
    let stop: (() => void) | undefined;
    let stopNamed: (() => void) | undefined;
    void startOnce().then((s) => (stop = s));
    void startNamed().then((s) => (stopNamed = s));
    // Shown again (the shortcut once more): a fresh search.
    const onFocus = () => {
      setClosed(false);
      input.current?.focus();
    };
    window.addEventListener('focus', onFocus);
    input.current?.focus();
    return () => {
      stop?.();
      stopNamed?.();
      window.removeEventListener('focus', onFocus);
    };
  }, []);
  const close = async () => {
    setQuery('');
    const r = await invoke('picker/close');
    // Electron hides the window; a browser tab stays, so it says it is done.
    if (!r.ok || !r.value.isClosed) setClosed(true);
  };
  const copyRow = (row: PickerRow) =>
    row.kind === 'slot' ? copySlot(row.slot) : copyNamedCode(row.token, row.credential);
  const copySelected = async () => {
    const row = visible[current];
    if (row && (await copyRow(row))) await close();
  };
  // As the slot list (renderer/type-ahead.ts): the field keeps what was typed into the host's first HTML,
  // the keys renderer/early.ts kept are replayed at the first commit, and an Enter typed before the rows
  // came copies once they are there (unless more is typed first).
  const pendingEnter = usePendingEnter(
    // Rows of this render's search only: the replay may have changed the search after it was drawn.
    () => !isStarting && visible.length > 0 && query === useKeyslotStore.getState().query,
    () => void copySelected(),
  );
  useSearchField(input, query, {
    query: () => useKeyslotStore.getState().query,
    setQuery: (text) => setQuery(text),
    move: (delta) => setSelected(Math.max(0, useKeyslotStore.getState().selected + delta)),
    copySelected: () => pendingEnter.keep(),
    escape: () => setQuery(''),
  });
  return (
    <div className="app picker" lang={currentLanguage()}>
      <main>
        <h1 className="sr-only">{t('pickerTitle')}</h1>
        <input
          ref={input}
          // In the host's first HTML too: the browser focuses the field as soon as it parses it.
          autoFocus
          type="search"
          className="picker-search"
          aria-label={t('search')}
          aria-describedby="picker-hint"
          aria-controls="picker-list"
          placeholder={t('pickerTitle')}
          defaultValue={query}
          onChange={(e) => {
            pendingEnter.drop();
            setClosed(false);
            setQuery(e.target.value);
          }}
          onKeyDown={(e) =>
            onSearchKey(e, {
              count: visible.length,
              selected: current,
              setSelected,
              copySelected: () => void copySelected(),
              escape: () => void close(),
            })
          }
        />
        <p id="picker-hint" className="note">
          {t('pickerHint')}
        </p>
        <p className="sr-only" aria-live="polite">
          {searchStatus(visible.length, visible[current]?.name ?? null, query.trim() !== '' || selected > 0)}
        </p>
        {isClosed && (
          <p className="note" data-testid="picker-closed">
            {t('pickerClosed')}
          </p>
        )}
        {!isStarting && !token && !hasNamed && <p className="empty">{t('noTokenTitle')}</p>}
        <ul className="picker-list" id="picker-list">
          {visible.map((s, i) => (
            <li
              key={s.key}
              className={i === current ? 'picker-item selected' : 'picker-item'}
              aria-current={i === current ? 'true' : undefined}
              data-testid="picker-item"
            >
              <IssuerBadge name={s.name} />
              <button
                type="button"
                className="picker-pick"
                onClick={() => {
                  setSelected(i);
                  void copyRow(s).then((isCopied) => (isCopied ? close() : undefined));
                }}
              >
                {s.name}
              </button>
              {s.tokenLabel && <span className="picker-token">{s.tokenLabel}</span>}
            </li>
          ))}
        </ul>
      </main>
      <PinPrompt />
      <NamedPinPrompt />
      <TouchOverlay />
      <Toasts />
    </div>
  );
}
