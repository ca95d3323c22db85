/**
 * The clipboard-manager markers per platform (issue 13). Names and values as their owners document
 * them: KDE's x-kde-passwordManagerHint = "secret" (Klipper); nspasteboard.org's
 * org.nspasteboard.ConcealedType; Microsoft's "Cloud Clipboard and Clipboard History Formats"
 * (learn.microsoft.com, dataxchg/clipboard-formats): a serialized DWORD 0 for the two Can* formats.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dword,
  osClipboardKey,
  privateClipboardEntries,
  privateClipboardFormats,
} from '../../../electron/services/clipboard-formats';

const asBytes = (data: string | Uint8Array) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);
const table = (platform: string) =>
  privateClipboardFormats(platform).map((f) => [f.name, typeof f.data, [...asBytes(f.data)]]);

describe('private clipboard formats', () => {
  it('marks a Linux value for KDE, CopyQ and GNOME clipboard managers with the text "secret"', () => {
    assert.deepEqual(table('linux'), [['x-kde-passwordManagerHint', 'string', [0x73, 0x65, 0x63, 0x72, 0x65, 0x74]]]);
  });

  it('marks a macOS value as concealed, the type alone carrying the mark', () => {
    assert.deepEqual(table('darwin'), [['org.nspasteboard.ConcealedType', 'string', []]]);
  });

  it('keeps a Windows value out of the history and the cloud clipboard with DWORD bytes, not text', () => {
    assert.deepEqual(table('win32'), [
      ['ExcludeClipboardContentFromMonitorProcessing', 'object', [0, 0, 0, 0]],
      ['CanIncludeInClipboardHistory', 'object', [0, 0, 0, 0]],
      ['CanUploadToCloudClipboard', 'object', [0, 0, 0, 0]],
    ]);
    // "0" as text would be one byte 0x30: the history would read it as a different DWORD.
    assert.notDeepEqual([...dword(0)], [...new TextEncoder().encode('0')]);
  });

  it('writes DWORDs little-endian', () => {
    assert.deepEqual([...dword(1)], [1, 0, 0, 0]);
    assert.deepEqual([...dword(0x01020304)], [4, 3, 2, 1]);
  });

  it('names raw formats as Electron 45 reads them, and puts them in one item with the text', () => {
    assert.equal(
      osClipboardKey('CanIncludeInClipboardHistory'),
      'electron application/osclipboard;format="CanIncludeInClipboardHistory"',
    );
    assert.deepEqual(privateClipboardEntries('123456', 'linux'), {
      'text/plain': '123456',
      'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret',
    });
    assert.deepEqual(Object.keys(privateClipboardEntries('123456', 'win32')).length, 4);
  });

  it('adds nothing where no convention is known', () => {
    assert.deepEqual(privateClipboardEntries('123456', 'aix'), { 'text/plain': '123456' });
  });
});
