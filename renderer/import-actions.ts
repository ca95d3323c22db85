/**
 * The add-account flow's requests. Secrets stay in main; a revealed secret and the backup password
 * live only in a dialog's own state, never in the store.
 */
import type { ImportReview, ImportWritten, Result, SlotSummary } from '../electron/ipc/contract';
import { MAX_IMAGE_BYTES } from '../shared/constants';
import { withPin } from './actions';
import { invoke } from './api';
import { toWriteChoices, type Choice } from './components/import/review-form';
import { useKeyslotStore } from './store';

/** A picked or dropped file's bytes; null when it is too large to send. */
export async function imageBytes(file: Blob): Promise<Uint8Array | null> {
  if (file.size > MAX_IMAGE_BYTES) return null;
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * Writes the chosen accounts and checks them. Asks for the user PIN first when codes need it (the
 * check needs a code), then the admin PIN unless held. Null when the person cancelled a prompt.
 */
export async function writeChoices(
  review: ImportReview,
  choices: readonly Choice[],
  slots: readonly SlotSummary[],
): Promise<Result<ImportWritten> | null> {
  const store = useKeyslotStore.getState();
  if (store.token?.isUserPinRequiredForCodes && !store.token.isAuthenticated.user) {
    const u = await withPin('user', (pin) => invoke('pin/verify', { kind: 'user', pin: pin ?? '' }), 'always');
    if (!u) return null;
    if (!u.ok) return u;
    store.setToken(u.value.info);
  }
  const req = { id: review.id, ...toWriteChoices(choices, slots) };
  return withPin('admin', (adminPin) => invoke('import/write', adminPin ? { ...req, adminPin } : req));
}

/** Lets main forget an import's secrets (the dialog closed). */
export function discardImport(id: string): void {
  void invoke('import/discard', { id });
}
