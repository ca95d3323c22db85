/** The one request builder of the Pro/Storage protocol (§3): a 64-byte report with its id, fields and CRC. */
import { CRC_OFFSET, REPORT_SIZE, writeCrc } from './frame';

/** Builds a request: `fill` writes fields at R offsets, then the CRC is computed. */
export function request(id: number, fill?: (r: Uint8Array) => void): Uint8Array {
  const r = new Uint8Array(REPORT_SIZE);
  r[0] = id;
  fill?.(r);
  r.fill(0, CRC_OFFSET);
  writeCrc(r);
  return r;
}
