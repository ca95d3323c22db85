/**
 * The first data the host sent with the page (a JSON data block, see BootState in the contract),
 * so the first render already shows the token and its slots. The web host and Electron's
 * keyslot:// protocol both send it (electron/renderer-files.ts).
 */
import type { BOOT_ELEMENT_ID as ContractId, BootState } from '../electron/ipc/contract';

/** The block's id; typed by the contract's constant, so the two cannot drift apart. */
const BOOT_ELEMENT_ID: typeof ContractId = 'keyslot-boot';

/** Reads and removes the page's boot data block; null if there is none or it is not usable. */
export function takeBootState(doc: Pick<Document, 'getElementById'>): BootState | null {
  const el = doc.getElementById(BOOT_ELEMENT_ID);
  if (!el) return null;
  el.remove();
  try {
    const boot = JSON.parse(el.textContent ?? '') as Partial<BootState> | null;
    if (
      !boot ||
      typeof boot !== 'object' ||
      !boot.appInfo ||
      !boot.settings ||
      !Array.isArray(boot.slots) ||
      boot.token === undefined
    )
      return null;
    return boot as BootState;
  } catch {
    return null;
  }
}
