// How evenly on-call load is spread over people.

/**
 * 100 × (1 − Gini coefficient) of non-negative values, rounded: 100 when everyone carries
 * the same (also when all are zero, or there is only one value or none). The Gini coefficient
 * of n values is at most 1 − 1/n, so the score never reaches 0: with 2 people, one carrying
 * everything scores 50; with 4 people, 25.
 */
export function balanceScore(hours: number[]): number {
  const n = hours.length;
  const total = hours.reduce((sum, h) => sum + h, 0);
  if (n < 2 || total === 0) return 100;
  // Gini = mean absolute difference over all ordered pairs / (2 × mean)
  //      = Σi Σj |xi − xj| / (2 n² mean) = Σi Σj |xi − xj| / (2 n total).
  // Teams are small, so the direct pairwise sum is fine and reads like the definition.
  let differences = 0;
  for (const a of hours) for (const b of hours) differences += Math.abs(a - b);
  const gini = differences / (2 * n * total);
  return Math.round(100 * (1 - gini));
}

/** Each person's value minus the mean, and that difference as a percent of the mean (0 when the mean is 0). */
export function deviations(hours: Map<string, number>): Map<string, { diff: number; percent: number }> {
  const values = [...hours.values()];
  const mean = values.length === 0 ? 0 : values.reduce((sum, h) => sum + h, 0) / values.length;
  const result = new Map<string, { diff: number; percent: number }>();
  for (const [person, value] of hours) {
    const diff = value - mean;
    result.set(person, { diff, percent: mean === 0 ? 0 : (diff / mean) * 100 });
  }
  return result;
}
