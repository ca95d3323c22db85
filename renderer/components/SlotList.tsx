import { useEffect, useMemo, useState } from 'react';
import type { SlotSummary } from '../../electron/ipc/contract';
import { TOTP_PERIOD } from '../../shared/constants';
import { copyCode } from '../actions';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { secondsLeft } from '../validation';

/** Ticks once a second while `isActive`. */
function useNow(isActive: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isActive]);
  return now;
}

export const slotLabel = (s: SlotSummary['slot']) => `${s.kind.toUpperCase()} ${s.index + 1}`;

/** The programmed slots by name, searchable; one click copies a code. */
export function SlotList() {
  const slots = useKeyslotStore((s) => s.slots);
  const query = useKeyslotStore((s) => s.query);
  const setQuery = useKeyslotStore((s) => s.setQuery);
  const openDialog = useKeyslotStore((s) => s.openDialog);
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? slots.filter((x) => x.name.toLowerCase().includes(q)) : slots;
  }, [slots, query]);
  const now = useNow(slots.some((s) => s.slot.kind === 'totp'));
  return (
    <section className="panel" aria-labelledby="slots-heading">
      <div className="toolbar">
        <h2 id="slots-heading" className="sr-only">
          {t('tabCodes')}
        </h2>
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" onClick={() => openDialog({ type: 'slot', edit: null })}>
          {t('addSlot')}
        </button>
        <button type="button" className="primary" onClick={() => openDialog({ type: 'add-account' })}>
          {t('addAccount')}
        </button>
      </div>
      {slots.length === 0 && <p className="empty">{t('noSlots')}</p>}
      {slots.length > 0 && visible.length === 0 && <p className="empty">{t('noMatch', { q: query })}</p>}
      <ul className="slots">
        {visible.map((s) => (
          <SlotRow key={`${s.slot.kind}-${s.slot.index}`} slot={s} now={now} />
        ))}
      </ul>
    </section>
  );
}

function SlotRow({ slot, now }: { slot: SlotSummary; now: number }) {
  const openDialog = useKeyslotStore((s) => s.openDialog);
  const left = slot.period ? secondsLeft(now, slot.period) : 0;
  return (
    <li className="slot" data-testid="slot-row">
      <button
        type="button"
        className="copy"
        aria-label={t('copyNamed', { name: slot.name })}
        onClick={() => void copyCode(slot.slot)}
      >
        <span className="slot-name">{slot.name}</span>
        <span className="slot-meta">
          <span className="badge">{slotLabel(slot.slot)}</span>
          {slot.period ? (
            // The bar's length goes through the CSSOM (a ref), not a style attribute: the CSP refuses
            // inline style attributes, and the host's first HTML (prerender.tsx) would carry one.
            <span
              className="countdown"
              ref={(el) => el?.style.setProperty('--left', `${(100 * left) / (slot.period ?? TOTP_PERIOD.default)}%`)}
            >
              {t('secondsLeft', { s: left })}
            </span>
          ) : (
            <span className="hotp-note">
              {t('counter')} {slot.counter} · {t('hotpNote')}
            </span>
          )}
        </span>
        <span className="copy-label" aria-hidden="true">
          {t('copy')}
        </span>
      </button>
      <button
        type="button"
        onClick={() => openDialog({ type: 'slot', edit: slot })}
        aria-label={`${t('edit')} ${slot.name}`}
      >
        {t('edit')}
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => openDialog({ type: 'erase-slot', slot })}
        aria-label={`${t('erase')} ${slot.name}`}
      >
        {t('erase')}
      </button>
    </li>
  );
}
