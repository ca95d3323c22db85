import { useEffect, useState } from 'react';
import type { ImportWritten, SlotRef } from '../../../electron/ipc/contract';
import { copyCode } from '../../actions';
import { errorText, t } from '../../i18n';
import { slotLabel } from '../SlotList';

/** Seconds until `untilMs`, ticking; 0 once passed. */
function useSecondsUntil(untilMs: number | null): number {
  const left = () => (untilMs === null ? 0 : Math.max(0, Math.ceil((untilMs - Date.now()) / 1000)));
  const [s, setS] = useState(left);
  useEffect(() => {
    if (untilMs === null) return;
    const timer = setInterval(() => setS(left()), 500);
    return () => clearInterval(timer);
  });
  return s;
}

/** The end of the flow: each account checked, and the current code to type into the site. */
export function DoneStep({
  written,
  onSecondToken,
  onClose,
}: {
  written: ImportWritten;
  onSecondToken?: () => void;
  onClose: () => void;
}) {
  const [first] = written.results;
  const isSingle = written.results.length === 1 && !written.failure;
  const validUntil = isSingle && first.check.ok && first.check.kind === 'totp' ? first.check.validUntilMs : null;
  const left = useSecondsUntil(validUntil);
  const stopped = written.failure;
  return (
    <>
      {isSingle && first.check.ok ? (
        <>
          <p>{t('doneTypeCode')}</p>
          {first.check.kind === 'hotp' || left > 0 ? (
            <output className="new-code" data-testid="new-code" aria-label={t('doneTitle')}>
              {first.check.code}
            </output>
          ) : (
            <ExpiredCode slot={first.slot} />
          )}
          <p className="note" data-testid="code-validity">
            {first.check.kind === 'hotp'
              ? t('doneHotpCode', { counter: first.check.counter })
              : left > 0
                ? t('doneValidFor', { s: left })
                : ''}
          </p>
        </>
      ) : null}
      <ul className="results">
        {written.results.map((r) => (
          <li key={r.index} data-testid="write-result" className={r.check.ok ? 'ok' : 'problem'}>
            <span className="badge">{slotLabel(r.slot)}</span> <strong>{r.name}</strong>{' '}
            {r.check.ok ? (
              <>
                {t('doneCheckOk')} {!isSingle && <code>{r.check.code}</code>}
              </>
            ) : (
              <span role="alert">{t('doneCheckFailed', { why: r.check.differences.join(' ') })}</span>
            )}
          </li>
        ))}
      </ul>
      {stopped && (
        <p className="problem" role="alert">
          {t('doneStopped', { label: String(stopped.index + 1), why: errorText(stopped.error) })}
        </p>
      )}
      <div className="actions">
        {onSecondToken && (
          <button type="button" onClick={onSecondToken}>
            {t('secondToken')}
          </button>
        )}
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          {t('done')}
        </button>
      </div>
    </>
  );
}

function ExpiredCode({ slot }: { slot: SlotRef }) {
  return (
    <p className="row">
      {t('doneExpired')}
      <button type="button" onClick={() => void copyCode(slot)}>
        {t('copy')}
      </button>
    </p>
  );
}
