/** Loads the golden frames of test/fixtures/vectors/reference-frames.json as 64-byte reports. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface RawFrame {
  name: string;
  section: string;
  segments: [number, string][];
  crc: string | null;
}

export interface GoldenFrame {
  name: string;
  section: string;
  /** R[0..63] with the CRC field as given, or zero if the reference printed none. */
  bytes: Uint8Array;
  hasCrc: boolean;
}

function segmentBytes(text: string): Uint8Array {
  if (text.startsWith('ascii:')) return new TextEncoder().encode(text.slice(6));
  return Uint8Array.from(text.trim().split(/\s+/), (h) => parseInt(h, 16));
}

function build(raw: RawFrame): GoldenFrame {
  const bytes = new Uint8Array(64);
  for (const [offset, text] of raw.segments) bytes.set(segmentBytes(text), offset);
  if (raw.crc) bytes.set(segmentBytes(raw.crc), 60);
  return { name: raw.name, section: raw.section, bytes, hasCrc: raw.crc !== null };
}

const file = fileURLToPath(new URL('../fixtures/vectors/reference-frames.json', import.meta.url));
const json = JSON.parse(readFileSync(file, 'utf8')) as { frames: RawFrame[]; responses: RawFrame[] };

/** Request frames by name. */
export const REQUESTS: Map<string, GoldenFrame> = new Map(json.frames.map((f) => [f.name, build(f)]));
/** Response frames by name. */
export const RESPONSES: Map<string, GoldenFrame> = new Map(json.responses.map((f) => [f.name, build(f)]));

/** The golden frame called `name`; throws if the fixture lacks it. */
export function golden(name: string): GoldenFrame {
  const f = REQUESTS.get(name) ?? RESPONSES.get(name);
  if (!f) throw new Error(`no golden frame named ${name}`);
  return f;
}
