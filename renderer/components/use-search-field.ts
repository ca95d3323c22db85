/**
 * The search fields of the slot list, the Nitrokey 3 list and the quick picker keep their own text
 * (uncontrolled): taking the host's first HTML over never sets back what was typed meanwhile. At the
 * commit that first draws the field, its text and the keys renderer/early.ts kept become the search
 * (renderer/type-ahead.ts); afterwards a query set elsewhere (Esc, a new token, the picker shown again)
 * is written into the field.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { replayTypeAhead, type ReplayTarget } from '../type-ahead';

export function useSearchField(input: RefObject<HTMLInputElement | null>, query: string, target: ReplayTarget): void {
  // Once, at the first commit: the target of the first render is the one to replay into.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => replayTypeAhead(target, input.current?.value ?? ''), []);
  useLayoutEffect(() => {
    const field = input.current;
    const text = target.query();
    // The field is uncontrolled by design: writing its text here is the point.
    // eslint-disable-next-line react-hooks/immutability
    if (field && field.value !== text) field.value = text;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the search changes
  }, [query]);
}

/**
 * An Enter pressed before the rows it acts on have come (the window just opened): `keep` it, and `act`
 * runs once, after the first render for which `isReady()` holds (asked after the render, when effects
 * before it may have changed the search); `drop` forgets it (more was typed).
 */
export function usePendingEnter(isReady: () => boolean, act: () => void): { keep(): void; drop(): void } {
  const isPending = useRef(false);
  useEffect(() => {
    if (!isPending.current || !isReady()) return;
    isPending.current = false;
    act();
  });
  return { keep: () => void (isPending.current = true), drop: () => void (isPending.current = false) };
}
