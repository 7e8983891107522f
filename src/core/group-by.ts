// Items grouped by a key in one pass: filtering the whole list once per key grew with the
// product of the two (20 000 overrides for each of 200 schedules).

/** The items by key, each group in the items' order, keys in order of first appearance. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
