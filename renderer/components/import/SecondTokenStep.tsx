import { useEffect, useState } from 'react';
import type { ImportReview } from '../../../electron/ipc/contract';
import { invoke } from '../../api';
import { errorText, t } from '../../i18n';
import { useKeyslotStore } from '../../store';

/** Waits for another token (by serial), then plans the same accounts on it. */
export function SecondTokenStep({
  id,
  writtenSerial,
  onReview,
  onCancel,
}: {
  id: string;
  writtenSerial: string;
  onReview: (r: ImportReview) => void;
  onCancel: () => void;
}) {
  const serial = useKeyslotStore((s) => s.token?.serial ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!serial || serial === writtenSerial) return;
    let isCurrent = true;
    void invoke('import/replan', { id }).then((r) => {
      if (!isCurrent) return;
      if (r.ok) onReview(r.value);
      else setError(errorText(r.error));
    });
    return () => {
      isCurrent = false;
    };
  }, [serial, writtenSerial, id, onReview]);
  return (
    <>
      <p>{t('secondTokenBody')}</p>
      <p className="note" role="status">
        {t('secondTokenWaiting')}
      </p>
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  );
}
