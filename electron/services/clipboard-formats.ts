/**
 * The markers that tell clipboard managers to skip a value (issue 13), per platform, written in
 * the same clipboard write as the text so no manager sees the text without them:
 *
 * - Linux: `x-kde-passwordManagerHint` = "secret" (KDE's Klipper; CopyQ and GNOME clipboard
 *   extensions read it too). A MIME target on the X selection or Wayland offer.
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org): the type's presence is the
 *   marker; its data is not read, so it carries nothing.
 * - Windows (learn.microsoft.com "Cloud Clipboard and Clipboard History Formats"):
 *   `ExcludeClipboardContentFromMonitorProcessing` (any data), `CanIncludeInClipboardHistory` and
 *   `CanUploadToCloudClipboard`, each a serialized DWORD 0: four bytes, little-endian, not the text "0".
 *
 * Electron 45 takes raw OS formats in `clipboard.write([new ClipboardItem(...)])` under the key
 * `electron application/osclipboard;format="NAME"` (docs/api/clipboard.md): a string value is
 * written UTF-8 encoded, a Blob as its raw bytes. Plain data here; electron/private-clipboard.ts
 * makes the Electron call.
 */

/** One raw OS clipboard format: its name and its bytes, or a string written as UTF-8. */
export interface OsClipboardFormat {
  name: string;
  data: string | Uint8Array;
}

/** A serialized Windows DWORD (little-endian). */
export function dword(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
  return bytes;
}

/** The markers for `platform` (Node's process.platform); none where no convention is known. */
export function privateClipboardFormats(platform: string): OsClipboardFormat[] {
  switch (platform) {
    case 'darwin':
      return [{ name: 'org.nspasteboard.ConcealedType', data: '' }];
    case 'win32':
      return [
        { name: 'ExcludeClipboardContentFromMonitorProcessing', data: dword(0) },
        { name: 'CanIncludeInClipboardHistory', data: dword(0) },
        { name: 'CanUploadToCloudClipboard', data: dword(0) },
      ];
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return [{ name: 'x-kde-passwordManagerHint', data: 'secret' }];
    default:
      return [];
  }
}

/** Electron's ClipboardItem key for a raw OS format. */
export function osClipboardKey(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

/**
 * The entries of one ClipboardItem: the text as text/plain plus the platform's markers. Byte
 * values stay Uint8Array here; the Electron side wraps them in a Blob.
 */
export function privateClipboardEntries(text: string, platform: string): Record<string, string | Uint8Array> {
  const entries: Record<string, string | Uint8Array> = { 'text/plain': text };
  for (const f of privateClipboardFormats(platform)) entries[osClipboardKey(f.name)] = f.data;
  return entries;
}
