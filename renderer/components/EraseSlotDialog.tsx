import type { SlotSummary } from '../../electron/ipc/contract';
import { eraseSlot } from '../actions';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { Modal } from './Modal';
import { slotLabel } from './SlotList';

/** Asks before erasing, saying what is lost. */
export function EraseSlotDialog({ slot }: { slot: SlotSummary }) {
  const close = useKeyslotStore((s) => s.closeDialog);
  const vars = { name: slot.name, slot: slotLabel(slot.slot) };
  return (
    <Modal title={t('eraseTitle', vars)} onClose={close} role="alertdialog">
      <p>{t('eraseBody', vars)}</p>
      <div className="actions">
        <button type="button" data-autofocus onClick={close}>
          {t('cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void eraseSlot(slot.slot).then((ok) => ok && close())}>
          {t('erase')}
        </button>
      </div>
    </Modal>
  );
}
