import type { ImportReview } from '../../../electron/ipc/contract';
import { LIMITS } from '../../../shared/constants';
import { t } from '../../i18n';
import { useKeyslotStore } from '../../store';
import { AccountChoice } from './AccountChoice';
import { canWrite, refusalAdvice, type Choice } from './review-form';

/**
 * The review list: every account found, where it would go and under which name, what cannot be
 * written and why (with what to do instead), before anything is written. A restore is all or nothing.
 */
export function ReviewStep(props: {
  review: ImportReview;
  choices: Choice[];
  onChoices: (c: Choice[]) => void;
  onBack: () => void;
  onNext: () => void;
  nextLabel: string;
}) {
  const { review, choices, onChoices } = props;
  const nameMax = useKeyslotStore((s) => s.token?.limits.slotName ?? LIMITS.slotName);
  const slots = useKeyslotStore((s) => s.slots);
  const refused = review.items.filter((i) => i.refusal);
  const isSingle = review.items.length === 1;
  const isRestore = review.source === 'backup';
  const update = (next: Choice) => onChoices(choices.map((c) => (c.index === next.index ? next : c)));
  return (
    <>
      {review.problem && (
        <div className="banner warn" role="alert" data-testid="import-problem">
          <p>{review.problem}</p>
          {!isRestore && <p>{t('noFreeAdvice')}</p>}
        </div>
      )}
      {choices.length > 0 && (
        <ul className={isSingle ? 'review single' : 'review'} aria-label={t('include')}>
          {choices.map((c) => (
            <AccountChoice
              key={c.index}
              item={review.items[c.index]}
              review={review}
              choice={c}
              onChange={update}
              isSingle={isSingle}
              isFixed={isRestore}
              nameMax={nameMax}
              slots={slots}
            />
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <section aria-labelledby="refused-heading" className="refused">
          <h3 id="refused-heading">{t('cannotWrite', { n: refused.length })}</h3>
          <ul>
            {refused.map((i) => (
              <li key={i.index} data-testid="refused-item">
                <strong>{i.label}</strong>: {i.refusal!.problem} <span className="advice">{refusalAdvice(i)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {review.notes.length > 0 && (
        <section aria-labelledby="notes-heading">
          <h3 id="notes-heading">{t('notesTitle')}</h3>
          <ul className="notes">
            {review.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      {choices.some((c) => c.isIncluded && c.slot.kind === 'hotp') && <p className="note">{t('hotpVerifyNote')}</p>}
      <div className="actions">
        <button type="button" onClick={props.onBack}>
          {t(isRestore ? 'cancel' : 'back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!!review.problem || !canWrite(choices, slots, nameMax)}
          onClick={props.onNext}
        >
          {props.nextLabel}
        </button>
      </div>
    </>
  );
}
