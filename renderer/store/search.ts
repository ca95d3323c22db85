/**
 * The search of the slot list and the quick picker (issue 13). A slot name often holds an issuer
 * and an account ("ACME:alice", as imports shorten them); every word of the query must occur in
 * the name, in any part and any order, ignoring case. A name equal to the whole query comes first,
 * so Enter after typing a full name copies that slot even when longer names contain it.
 */
import type { SlotSummary } from '../../electron/ipc/contract';

/** The words of a query: lower case, split at spaces and at the issuer:account colon. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s:]+/)
    .filter((w) => w !== '');
}

/** True if every word of `query` occurs in `name` (an empty query matches everything). */
export function nameMatches(name: string, query: string): boolean {
  const haystack = name.toLowerCase();
  return queryWords(query).every((w) => haystack.includes(w));
}

/** The slots (or any named rows) whose names match, in their order, with exact name matches first. */
export function matchSlots<T extends Pick<SlotSummary, 'name'>>(slots: T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return slots;
  const hits = slots.filter((s) => nameMatches(s.name, q));
  const exact = hits.filter((s) => s.name.toLowerCase() === q);
  return exact.length === 0 ? hits : [...exact, ...hits.filter((s) => s.name.toLowerCase() !== q)];
}

/**
 * Up to two initials for a slot's badge, from the issuer part: two words give their first letters
 * ("Git Hub" → "GH"), one word its first letter and its next capital ("GitLab:ann" → "GL"), else
 * its first two letters ("ACME:alice" → "AC").
 */
export function initials(name: string): string {
  const issuer = (name.split(':')[0] || name).trim();
  const words = issuer.split(/[\s._-]+/).filter((w) => w !== '');
  if (words.length > 1) return (words[0][0] + words[1][0]).toUpperCase();
  const capital = /[a-z]([A-Z])/.exec(issuer);
  return (capital ? issuer[0] + capital[1] : issuer.slice(0, 2)).toUpperCase();
}

/** A hue (0..359) for the badge, the same for every account of one issuer (FNV-1a of the issuer). */
export function issuerHue(name: string): number {
  const issuer = (name.split(':')[0] || name).trim().toLowerCase();
  let h = 0x811c9dc5;
  for (let i = 0; i < issuer.length; i++) h = Math.imul(h ^ issuer.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 360;
}
