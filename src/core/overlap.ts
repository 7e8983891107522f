// Where two windows meet.

import type { Window } from './types.js';

/** The part of two windows they share, or undefined when they only touch or are apart. */
export function overlap(a: Window, b: Window): Window | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : undefined;
}
