/**
 * Which accounts a launcher's QUERY names, for `keyslot code` on either token family: the exact name,
 * else the same name in any case, else every name holding QUERY (ignoring case), in the given order.
 */
export function namesForQuery<T extends { name: string }>(items: T[], query: string): T[] {
  const exact = items.filter((s) => s.name === query);
  if (exact.length > 0) return exact;
  const q = query.toLowerCase();
  const sameName = items.filter((s) => s.name.toLowerCase() === q);
  if (sameName.length > 0) return sameName;
  return items.filter((s) => s.name.toLowerCase().includes(q));
}
