/**
 * Type-ahead (issue 13). The host's first HTML shows the search field focused before the app's
 * script owns the page; a person who opens the window and types at once must lose nothing.
 * `installTypeAhead` (renderer/early.ts, a tiny script the page loads before any other) keeps, in
 * order, what the field held after each change and the keys that act (Enter, Esc, ↑/↓);
 * main.tsx takes them just before React takes the page over (React handles every later key), and
 * the slot list replays them once it is drawn: the text as the query, then the keys.
 */

/** One thing typed before the app owned the field. */
export type TypedEarly = { text: string } | { key: 'Enter' | 'Escape' | 'ArrowDown' | 'ArrowUp' };

const GLOBAL = '__keyslotTypeAhead';
const ACTING = new Set(['Enter', 'Escape', 'ArrowDown', 'ArrowUp']);

interface Held {
  typed: TypedEarly[];
  stop(): void;
}
type HoldingWindow = Pick<Window, 'document'> & { [GLOBAL]?: Held };

const isSearchField = (t: EventTarget | null): t is HTMLInputElement =>
  typeof HTMLInputElement !== 'undefined' && t instanceof HTMLInputElement && t.type === 'search';

/** Starts keeping what is typed into a search field (renderer/early.ts). */
export function installTypeAhead(win: HoldingWindow = window as HoldingWindow): void {
  if (win[GLOBAL]) return;
  const typed: TypedEarly[] = [];
  const onKey = (e: KeyboardEvent) => {
    if (!isSearchField(e.target) || !ACTING.has(e.key) || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    typed.push({ key: e.key as 'Enter' });
  };
  const onInput = (e: Event) => {
    if (isSearchField(e.target)) typed.push({ text: e.target.value });
  };
  win.document.addEventListener('keydown', onKey, true);
  win.document.addEventListener('input', onInput, true);
  win[GLOBAL] = {
    typed,
    stop: () => {
      win.document.removeEventListener('keydown', onKey, true);
      win.document.removeEventListener('input', onInput, true);
    },
  };
}

let taken: TypedEarly[] = [];

/** Stops keeping and holds what was typed until `replayTypeAhead` (main.tsx, just before React takes over). */
export function takeTypeAhead(win: HoldingWindow = window as HoldingWindow): void {
  const held = win[GLOBAL];
  if (!held) return;
  held.stop();
  delete win[GLOBAL];
  taken = held.typed;
}

/** What the search does with a replayed step. */
export interface ReplayTarget {
  setQuery(text: string): void;
  /** ↑ (-1) or ↓ (+1). */
  move(delta: 1 | -1): void;
  /** Enter: copy the selected match's code (after the steps before it took effect). */
  copySelected(): void;
  escape(): void;
}

/** Replays, once, what was typed before the app owned the field. */
export function replayTypeAhead(target: ReplayTarget): void {
  const typed = taken;
  taken = [];
  for (const t of typed) {
    if ('text' in t) target.setQuery(t.text);
    else if (t.key === 'Enter') target.copySelected();
    else if (t.key === 'Escape') target.escape();
    else target.move(t.key === 'ArrowDown' ? 1 : -1);
  }
}
