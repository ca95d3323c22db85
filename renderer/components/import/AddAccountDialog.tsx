import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportReview, ImportWritten } from '../../../electron/ipc/contract';
import { showError } from '../../actions';
import { t } from '../../i18n';
import { discardImport, writeChoices } from '../../import-actions';
import { useKeyslotStore } from '../../store';
import { Modal } from '../Modal';
import { BackupStep } from './BackupStep';
import { DoneStep } from './DoneStep';
import { initialChoices, type Choice } from './review-form';
import { ReviewStep } from './ReviewStep';
import { SecondTokenStep } from './SecondTokenStep';
import { SourceStep } from './SourceStep';
import { TypedForm } from './TypedForm';

type Step = 'source' | 'typed' | 'review' | 'backup' | 'writing' | 'done' | 'second-token';

/**
 * Adding accounts in one flow: find them (screen, image, clipboard, URI, typing) → review (slots,
 * names, refusals) → keep a copy (backup, recovery sheet) → write and check → the code to type.
 * Main holds the secrets under the review's id; closing the dialog lets main forget them.
 */
export function AddAccountDialog() {
  const close = useKeyslotStore((s) => s.closeDialog);
  const slots = useKeyslotStore((s) => s.slots);
  const [step, setStep] = useState<Step>('source');
  const [review, setReview] = useState<ImportReview | null>(null);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [written, setWritten] = useState<ImportWritten | null>(null);
  const reviewId = useRef<string | null>(null);
  useEffect(() => () => void (reviewId.current && discardImport(reviewId.current)), []);

  const onReview = useCallback((r: ImportReview) => {
    if (reviewId.current && reviewId.current !== r.id) discardImport(reviewId.current);
    reviewId.current = r.id;
    setReview(r);
    setChoices(initialChoices(r));
    setStep('review');
  }, []);

  async function write() {
    if (!review) return;
    setStep('writing');
    const r = await writeChoices(review, choices, slots);
    if (!r) return setStep('backup');
    if (!r.ok) {
      showError(r.error);
      return setStep('backup');
    }
    setWritten(r.value);
    setStep('done');
  }

  const n = review?.items.length ?? 0;
  const titles: Record<Step, string> = {
    source: t('addAccountTitle'),
    typed: t('typedTitle'),
    review: n === 1 ? t('reviewTitleOne') : t('reviewTitleMany', { n }),
    backup: t('backupTitle'),
    writing: t('writing'),
    done:
      written && (written.failure || written.results.some((r) => !r.check.ok))
        ? t('doneTitleFailed')
        : written?.results.length === 1
          ? t('doneTitle')
          : t('doneTitleMany'),
    'second-token': t('secondTokenTitle'),
  };
  return (
    <Modal title={titles[step]} onClose={close} isWide={step === 'review' && n > 1}>
      {step === 'source' && <SourceStep onReview={onReview} onTyped={() => setStep('typed')} onCancel={close} />}
      {step === 'typed' && <TypedForm onReview={onReview} onBack={() => setStep('source')} />}
      {step === 'review' && review && (
        <ReviewStep
          review={review}
          choices={choices}
          onChoices={setChoices}
          onBack={() => setStep('source')}
          onNext={() => setStep('backup')}
          nextLabel={t('next')}
        />
      )}
      {step === 'backup' && review && (
        <BackupStep review={review} choices={choices} onBack={() => setStep('review')} onWrite={() => void write()} />
      )}
      {step === 'writing' && (
        <p role="status" aria-busy="true">
          {t('writing')}
        </p>
      )}
      {step === 'done' && written && (
        <DoneStep written={written} onSecondToken={() => setStep('second-token')} onClose={close} />
      )}
      {step === 'second-token' && review && written && (
        <SecondTokenStep id={review.id} writtenSerial={written.tokenSerial} onReview={onReview} onCancel={close} />
      )}
    </Modal>
  );
}
