/**
 * Writes a code or password to the system clipboard together with the markers clipboard managers
 * honour, in one clipboard.write so the text never sits there without them (services/clipboard-formats.ts
 * has the table and its sources). Electron 45's clipboard is the W3C-style one: raw OS formats go
 * in as `electron application/osclipboard;format="NAME"`, bytes as a Blob.
 */
import { clipboard, ClipboardItem } from 'electron';
import type { Logger } from './ipc/serve';
import { privateClipboardEntries } from './services/clipboard-formats';

/** Puts `text` on the clipboard with this platform's "skip me" markers. */
export async function writePrivateText(text: string, log: Logger, platform: string = process.platform): Promise<void> {
  const item: Record<string, string | Blob> = {};
  for (const [type, data] of Object.entries(privateClipboardEntries(text, platform)))
    item[type] = typeof data === 'string' ? data : new Blob([data]);
  try {
    await clipboard.write([new ClipboardItem(item)]);
  } catch (e) {
    // A platform that refuses a raw format still gets the text (the clearing timer still runs).
    log.warn(`clipboard markers refused (${e instanceof Error ? e.message : String(e)}); wrote the text alone`);
    await clipboard.writeText(text);
  }
}
