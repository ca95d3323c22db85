/** Loads test/fixtures/vectors/nk3-secrets.json (Nitrokey 3 golden APDUs, responses, CTAPHID packets). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Raw {
  name: string;
  source: string;
  hex?: string;
  packets?: string[];
}

const file = fileURLToPath(new URL('../fixtures/vectors/nk3-secrets.json', import.meta.url));
const json = JSON.parse(readFileSync(file, 'utf8')) as { apdus: Raw[]; responses: Raw[]; ctaphid: Raw[] };

/** Bytes of a hex string with optional spaces. */
export function fromHex(h: string): Uint8Array {
  return Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
}

function find(list: Raw[], name: string): Raw {
  const r = list.find((x) => x.name === name);
  if (!r) throw new Error(`no Nitrokey 3 vector named ${name}`);
  return r;
}

/** A golden command APDU. */
export const nk3Apdu = (name: string): Uint8Array => fromHex(find(json.apdus, name).hex!);
/** Golden response data (ISO order, without SW). */
export const nk3Response = (name: string): Uint8Array => fromHex(find(json.responses, name).hex!);
/** Golden CTAPHID packets, each zero-padded to 64 bytes. */
export function nk3Packets(name: string): Uint8Array[] {
  return find(json.ctaphid, name).packets!.map((h) => {
    const p = new Uint8Array(64);
    p.set(fromHex(h));
    return p;
  });
}
