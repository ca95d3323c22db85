/**
 * Reading a file whose size nobody vouches for: the size limit is checked before any reading, and a
 * stream or device that reports no size (a FIFO, /dev/zero) is read only up to the limit plus one
 * byte, so no input costs more memory than the limit.
 */
import { open } from 'node:fs/promises';

/** Largest backup file keyslot reads, in bytes (a full token's backup is about 10 KiB). */
export const MAX_BACKUP_FILE_BYTES = 1024 * 1024;
/** Largest image file keyslot reads for QR codes, in bytes (a screenshot of several 4K displays). */
export const MAX_IMAGE_FILE_BYTES = 32 * 1024 * 1024;

/** A capped read: the bytes, or why not (too large, or the file system's error code such as ENOENT). */
export type CappedRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | string };

/**
 * Reads at most `maxBytes` from `path`. A regular file over the limit is refused from its size
 * alone; anything else is read up to `maxBytes + 1` bytes and refused when that last byte comes.
 * Never rejects: an open or read error is `{ ok: false, reason: code }`.
 */
export async function readFileCapped(path: string, maxBytes: number): Promise<CappedRead> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) return { ok: false, reason: 'EISDIR' };
    if (st.isFile() && st.size > maxBytes) return { ok: false, reason: 'too-large' };
    const buf = new Uint8Array(st.isFile() ? Math.min(st.size + 1, maxBytes + 1) : maxBytes + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        // Past the limit (a stream), or a regular file that grew while we read it.
        return { ok: false, reason: buf.length > maxBytes ? 'too-large' : 'EBUSY' };
      }
      const { bytesRead } = await fh.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return { ok: true, bytes: buf.subarray(0, n) };
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  } finally {
    await fh.close();
  }
}
