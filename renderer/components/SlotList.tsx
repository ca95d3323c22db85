import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { invoke } from '../api';
import { isAutoShown, copySlot } from '../codes';
import { showError } from '../actions';
import { t } from '../i18n';
import { selectVisibleSlots, slotKey, useKeyslotStore } from '../store';
import { SlotRow } from './SlotRow';
import { onSearchKey } from './search-keys';
import { useCodesInView, useNow } from './use-codes-in-view';
import { useSearchField } from './use-search-field';

export { slotLabel } from './SlotRow';

/** What the search's live region says: how many match, and which one Enter copies. */
export function searchStatus(count: number, selectedName: string | null, isSearching: boolean): string {
  if (!isSearching) return '';
  if (count === 0 || selectedName === null) return t('matchesNone');
  return count === 1 ? t('matchesOne', { name: selectedName }) : t('matchesMany', { n: count, name: selectedName });
}

/** The search as the type-ahead replays it (renderer/type-ahead.ts), on the store's current state. */
function typeAheadTarget() {
  const store = useKeyslotStore.getState;
  const visible = () => selectVisibleSlots(store());
  return {
    query: () => store().query,
    setQuery: (text: string) => store().setQuery(text),
    move: (delta: 1 | -1) => {
      const last = visible().length - 1;
      store().setSelected(Math.min(Math.max(store().selected + delta, 0), Math.max(last, 0)));
    },
    copySelected: () => {
      const shown = visible();
      const slot = shown[Math.min(store().selected, shown.length - 1)];
      if (slot) void copySlot(slot.slot);
    },
    escape: () => store().setQuery(''),
  };
}

const isSlotDialogOpen = () => useKeyslotStore.getState().dialog !== null;

/** Focuses `input` when the person types a letter anywhere outside a field and no dialog is open. */
export function useTypeToSearch(input: RefObject<HTMLInputElement | null>, isDialogOpen = isSlotDialogOpen) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const isField = target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]');
      if (isField || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1 || e.key === ' ') return;
      if (isDialogOpen()) return;
      input.current?.focus();
    };
    // A window shown again (from the tray) starts in the search.
    const onFocus = () => {
      if (document.activeElement === document.body && !isDialogOpen()) input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    window.addEventListener('focus', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('focus', onFocus);
    };
  }, [input, isDialogOpen]);
}

/**
 * The programmed slots by name with their codes in view (issue 13). Keyboard first: the search
 * has the focus on open; typing filters, ↑/↓ choose, Enter copies the selected match's code,
 * Esc clears; a live region tells screen readers what Enter would copy.
 */
export function SlotList() {
  const slots = useKeyslotStore((s) => s.slots);
  const query = useKeyslotStore((s) => s.query);
  const selected = useKeyslotStore((s) => s.selected);
  const codes = useKeyslotStore((s) => s.codes);
  const token = useKeyslotStore((s) => s.token);
  const settings = useKeyslotStore((s) => s.settings);
  const hasTray = useKeyslotStore((s) => s.appInfo?.hasTray ?? false);
  const setQuery = useKeyslotStore((s) => s.setQuery);
  const setSelected = useKeyslotStore((s) => s.setSelected);
  const openDialog = useKeyslotStore((s) => s.openDialog);
  const visible = useMemo(() => selectVisibleSlots({ slots, query }), [slots, query]);
  const current = Math.min(selected, Math.max(visible.length - 1, 0));
  const now = useNow(slots.some((s) => s.slot.kind === 'totp'));
  const input = useRef<HTMLInputElement>(null);
  useCodesInView();
  useTypeToSearch(input);
  useEffect(() => input.current?.focus(), []);
  useSearchField(input, query, typeAheadTarget());
  const pinned = new Set(settings?.pinnedSlots ?? []);
  const pinKey = (s: (typeof slots)[number]) => `${token?.serial ?? ''}/${s.slot.kind}/${s.slot.index}`;
  const togglePin = (s: (typeof slots)[number]) => {
    const key = pinKey(s);
    const next = pinned.has(key) ? [...pinned].filter((k) => k !== key) : [...pinned, key];
    void invoke('settings/set', { pinnedSlots: next }).then((r) => {
      if (!r.ok) showError(r.error);
      else useKeyslotStore.getState().setSettings(r.value);
    });
  };
  const isSearching = query.trim() !== '' || selected > 0;
  return (
    <section className="panel" aria-labelledby="slots-heading">
      <div className="toolbar">
        <h2 id="slots-heading" className="sr-only">
          {t('tabCodes')}
        </h2>
        <input
          ref={input}
          // In the host's first HTML too: the browser focuses the field as soon as it parses it.
          autoFocus
          type="search"
          aria-label={t('search')}
          aria-describedby="search-help"
          aria-controls="slot-list"
          placeholder={t('search')}
          defaultValue={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) =>
            onSearchKey(e, {
              count: visible.length,
              selected: current,
              setSelected,
              copySelected: () => void (visible[current] && copySlot(visible[current].slot)),
              escape: () => setQuery(''),
            })
          }
        />
        <button type="button" onClick={() => openDialog({ type: 'slot', edit: null })}>
          {t('addSlot')}
        </button>
        <button type="button" className="primary" onClick={() => openDialog({ type: 'add-account' })}>
          {t('addAccount')}
        </button>
      </div>
      <p id="search-help" className="sr-only">
        {t('searchHelp')}
      </p>
      <p className="sr-only" aria-live="polite" data-testid="search-status">
        {searchStatus(visible.length, visible[current]?.name ?? null, isSearching)}
      </p>
      {slots.length === 0 && <p className="empty">{t('noSlots')}</p>}
      {slots.length > 0 && visible.length === 0 && <p className="empty">{t('noMatch', { q: query })}</p>}
      <ul className="slots" id="slot-list">
        {visible.map((s, i) => (
          <SlotRow
            key={slotKey(s.slot)}
            slot={s}
            now={now}
            isSelected={i === current}
            shown={codes[slotKey(s.slot)]}
            isAutoShown={isAutoShown(token)}
            isPinned={hasTray ? pinned.has(pinKey(s)) : null}
            onTogglePin={() => togglePin(s)}
          />
        ))}
      </ul>
    </section>
  );
}
