/**
 * Sets `key` in `map` as its most recent entry (a Map keeps insertion order). Past `limit` entries, drops the least
 * recent one and answers it.
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, limit: number): [K, V] | undefined {
  map.delete(key);
  map.set(key, value);
  if (map.size <= limit) return undefined;
  const oldest = map.entries().next().value as [K, V];
  map.delete(oldest[0]);
  return oldest;
}
