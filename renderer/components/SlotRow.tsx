/**
 * One programmed slot: its issuer's initials in a coloured badge, its name, its code in large
 * digits (TOTP codes in view, or on request), the countdown, and its actions. Clicking the code
 * copies it (issue 13).
 */
import type { KeyboardEvent } from 'react';
import type { ShownCode, SlotSummary } from '../../electron/ipc/contract';
import { TOTP_PERIOD } from '../../shared/constants';
import { copySlot, revealCode } from '../codes';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { secondsLeft } from '../validation';
import { IssuerBadge } from './IssuerBadge';
import { isCopyKey } from './search-keys';

export const slotLabel = (s: SlotSummary['slot']) => `${s.kind.toUpperCase()} ${s.index + 1}`;

/** The code in two halves ("123 456"); the gap is drawn, so the text stays the digits alone. */
function Digits({ code }: { code: string }) {
  const half = Math.ceil(code.length / 2);
  return (
    <>
      {code.slice(0, half)}
      <span className="code-gap" />
      {code.slice(half)}
    </>
  );
}

export interface SlotRowProps {
  slot: SlotSummary;
  now: number;
  isSelected: boolean;
  shown: ShownCode | undefined;
  /** TOTP codes come by themselves (no PIN needed); else every code is shown on request. */
  isAutoShown: boolean;
  /** Null where there is no tray to pin to. */
  isPinned: boolean | null;
  onTogglePin: () => void;
}

export function SlotRow({ slot, now, isSelected, shown, isAutoShown, isPinned, onTogglePin }: SlotRowProps) {
  const openDialog = useKeyslotStore((s) => s.openDialog);
  const period = slot.period ?? TOTP_PERIOD.default;
  const left = slot.period ? secondsLeft(now, period) : 0;
  const isHotp = slot.slot.kind === 'hotp';
  const needsReveal = isHotp || !isAutoShown;
  const isStale = shown?.validUntilMs !== undefined && shown.validUntilMs <= now;
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    // Ctrl/Cmd+C on a focused row copies its code, unless the person selected text to copy.
    if (!isCopyKey(e) || (window.getSelection()?.toString() ?? '') !== '') return;
    e.preventDefault();
    void copySlot(slot.slot);
  };
  return (
    <li
      className={isSelected ? 'slot selected' : 'slot'}
      data-testid="slot-row"
      aria-current={isSelected ? 'true' : undefined}
      onKeyDown={onKeyDown}
    >
      <IssuerBadge name={slot.name} />
      <div className="slot-main">
        {/* The button's words are the name alone, so its accessible name holds what it shows. */}
        <button
          type="button"
          className="copy"
          aria-label={t('copyNamed', { name: slot.name })}
          onClick={() => void copySlot(slot.slot)}
        >
          <span className="slot-name">{slot.name}</span>
        </button>
        <span className="slot-meta">
          <span className="badge">{slotLabel(slot.slot)}</span>
          {slot.period ? (
            // The bar's length goes through the CSSOM (a ref), not a style attribute: the CSP refuses
            // inline style attributes, and the host's first HTML (prerender.tsx) would carry one.
            // Its seconds may have moved on between the host's first HTML and the hydration that
            // takes it over: React keeps the drawn text then (no mismatch); the next tick redraws it.
            <span
              className="countdown"
              ref={(el) => el?.style.setProperty('--left', `${(100 * left) / period}%`)}
              suppressHydrationWarning
            >
              {t('secondsLeft', { s: left })}
            </span>
          ) : (
            <span className="hotp-note">
              {t('counter')} {slot.counter} · {t('hotpNote')}
            </span>
          )}
        </span>
      </div>
      {shown ? (
        <button
          type="button"
          className={isStale ? 'code stale' : 'code'}
          data-testid="code"
          data-slot={`${slot.slot.kind}/${slot.slot.index}`}
          aria-label={t('copyShown', { code: shown.code })}
          onClick={() => void copySlot(slot.slot)}
        >
          <Digits code={shown.code} />
        </button>
      ) : (
        <span className="code hidden" data-testid="code" data-slot={`${slot.slot.kind}/${slot.slot.index}`}>
          <span className="sr-only">{t('codeHidden')}</span>
        </span>
      )}
      {needsReveal && (
        <button
          type="button"
          aria-label={t('showCodeNamed', { name: slot.name })}
          title={isHotp ? t('hotpRevealNote') : undefined}
          onClick={() => void revealCode(slot.slot)}
        >
          {t('showCode')}
        </button>
      )}
      {isPinned !== null && (
        <button
          type="button"
          aria-pressed={isPinned}
          aria-label={t('pinSlotNamed', { name: slot.name })}
          onClick={onTogglePin}
        >
          {t('pinSlot')}
        </button>
      )}
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
