/**
 * The quick picker across every connected token (issue 13 item 3): the slot token's slots and each named
 * token's credentials (a Nitrokey 3's; PIN-protected ones only while main keeps them unlocked) as one list
 * under the same search, each row with its token's name when more than one token is plugged in. Enter on a
 * named row copies through 'credential/copy': the touch prompt shows while the token waits, and a
 * PIN-protected credential asks the PIN first.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CredentialView, SlotRef, SlotSummary, TokenEntry, TokenId } from '../../electron/ipc/contract';
import { invoke, on } from '../api';
import { t } from '../i18n';
import { slotKey, useKeyslotStore } from '../store';
import { matchSlots } from '../store/search';
import { showNamedError, withNamedPin } from './actions';
import { useNamedStore } from './store';
import { tokenName } from './TokenSwitcher';

/** One row of the picker. `tokenLabel` is set only when more than one token is plugged in. */
export type PickerRow = { key: string; name: string; tokenLabel: string | null } & (
  { kind: 'slot'; slot: SlotRef } | { kind: 'named'; token: TokenId; credential: CredentialView }
);

/**
 * The credentials of every named token plugged in, listed again on 'named/changed' and when the tokens change
 * (a token gone keeps its stale list here, but rows are made only for the tokens plugged in).
 */
function useNamedCredentials(tokens: TokenEntry[]): Map<TokenId, CredentialView[]> {
  const [lists, setLists] = useState(() => new Map<TokenId, CredentialView[]>());
  const ids = tokens
    .filter((e) => !e.isPrimary)
    .map((e) => e.id)
    .join('\n');
  useEffect(() => {
    let isLive = true;
    const load = async (token: TokenId) => {
      const r = await invoke('credential/list', { token });
      if (isLive && r.ok) setLists((m) => new Map(m).set(token, r.value));
    };
    const named = ids === '' ? [] : ids.split('\n');
    named.forEach((id) => void load(id));
    const off = on('named/changed', ({ token }) => {
      if (named.includes(token)) void load(token);
    });
    return () => {
      isLive = false;
      off();
    };
  }, [ids]);
  return lists;
}

/** Every connected token's rows that match `query`: the slot token's first, then each named token's. */
export function usePickerRows(slots: SlotSummary[], query: string): PickerRow[] {
  const tokens = useNamedStore((s) => s.tokens);
  const lists = useNamedCredentials(tokens);
  const hasSlotToken = useKeyslotStore((s) => s.token !== null);
  return useMemo(() => {
    const isMany = tokens.length > 1;
    const primary = tokens.find((e) => e.isPrimary);
    const slotLabel = isMany && primary ? tokenName(primary) : null;
    const rows: PickerRow[] = hasSlotToken
      ? slots.map((s) => ({ kind: 'slot', key: slotKey(s.slot), name: s.name, slot: s.slot, tokenLabel: slotLabel }))
      : [];
    for (const e of tokens) {
      if (e.isPrimary) continue;
      for (const c of (lists.get(e.id) ?? []).filter((x) => x.kind !== 'password'))
        rows.push({
          kind: 'named',
          key: `${e.id}\n${c.name}`,
          name: c.name,
          token: e.id,
          credential: c,
          tokenLabel: isMany ? tokenName(e) : null,
        });
    }
    return matchSlots(rows, query);
  }, [tokens, lists, slots, query, hasSlotToken]);
}

/** Copies a named token's code (the PIN first for a protected one). True when it is on the clipboard. */
export async function copyNamedCode(token: TokenId, c: CredentialView): Promise<boolean> {
  const r = await withNamedPin(c.isPinProtected, (pin) =>
    invoke('credential/copy', { token, name: c.name, ...(pin !== undefined ? { pin } : {}) }),
  );
  if (!r) return false;
  if (!r.ok) {
    showNamedError(r.error);
    return false;
  }
  useKeyslotStore.getState().toast(t('copiedCode'));
  return true;
}
