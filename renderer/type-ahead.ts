/**
 * Type-ahead (issue 13). The host's first HTML shows the search field focused before the app's
 * script owns the page; a person who opens the window and types at once must lose nothing.
 * The field keeps its own text (the slot list leaves it uncontrolled, so taking the page over never
 * sets it back); what only a script can do, the keys that act (Enter, Esc, ↑/↓), `installTypeAhead`
 * (renderer/early.ts, a tiny script the page loads before any other) keeps in order with the text
 * each was pressed on, and keeps them from React meanwhile. When the slot list is drawn it takes the
 * field's text and replays the keys (`replayTypeAhead`); the app then stops the keeping
 * (`stopTypeAhead`, also where no slot list is drawn), and React has every later key.
 */

type ActingKey = 'Enter' | 'Escape' | 'ArrowDown' | 'ArrowUp';
/** A key pressed before the app owned the field, with the field's text at that moment. */
export interface TypedEarly {
  key: ActingKey;
  text: string;
}

const GLOBAL = '__keyslotTypeAhead';
const ACTING = new Set<string>(['Enter', 'Escape', 'ArrowDown', 'ArrowUp']);

interface Held {
  typed: TypedEarly[];
  stop(): void;
}
type HoldingWindow = Pick<Window, 'document'> & { [GLOBAL]?: Held };

const isSearchField = (t: EventTarget | null): t is HTMLInputElement =>
  typeof HTMLInputElement !== 'undefined' && t instanceof HTMLInputElement && t.type === 'search';

/** Starts keeping the acting keys pressed in a search field (renderer/early.ts). */
export function installTypeAhead(win: HoldingWindow = window as HoldingWindow): void {
  if (win[GLOBAL]) return;
  const typed: TypedEarly[] = [];
  const onKey = (e: KeyboardEvent) => {
    if (!isSearchField(e.target) || !ACTING.has(e.key) || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    typed.push({ key: e.key as ActingKey, text: e.target.value });
    // Ours until the app replays it; Esc still clears the field by itself.
    e.stopImmediatePropagation();
    if (e.key !== 'Escape') e.preventDefault();
  };
  win.document.addEventListener('keydown', onKey, true);
  win[GLOBAL] = { typed, stop: () => win.document.removeEventListener('keydown', onKey, true) };
}

/** Stops keeping; returns the keys kept (none if no keeping ran). Idempotent. */
export function stopTypeAhead(): TypedEarly[] {
  const w = typeof window === 'undefined' ? undefined : (window as HoldingWindow);
  const held = w?.[GLOBAL];
  if (!w || !held) return [];
  held.stop();
  delete w[GLOBAL];
  return held.typed;
}

/** What the search does with a replayed step. */
export interface ReplayTarget {
  query(): string;
  setQuery(text: string): void;
  /** ↑ (-1) or ↓ (+1). */
  move(delta: 1 | -1): void;
  /** Enter: copy the selected match's code. */
  copySelected(): void;
  escape(): void;
}

/** Stops keeping, replays the keys kept in order, and ends with the field's text now, `text`. */
export function replayTypeAhead(target: ReplayTarget, text: string): void {
  const typed = stopTypeAhead();
  for (const t of typed) {
    if (t.text !== target.query()) target.setQuery(t.text);
    if (t.key === 'Enter') target.copySelected();
    else if (t.key === 'Escape') target.escape();
    else target.move(t.key === 'ArrowDown' ? 1 : -1);
  }
  if (text !== target.query()) target.setQuery(text);
}
