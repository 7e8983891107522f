import { describe, expect, test } from 'vitest';
import { plural } from '../../src/core/index.js';

describe('plural', () => {
  test.each([
    [0, 'shift', undefined, '0 shifts'],
    [1, 'shift', undefined, '1 shift'],
    [2, 'busy event', undefined, '2 busy events'],
    [1, 'person', 'people', '1 person'],
    [3, 'person', 'people', '3 people'],
  ])('%i %s', (n, word, pluralWord, expected) => {
    expect(plural(n, word, pluralWord)).toBe(expected);
  });
});
