import { describe, expect, test } from 'vitest';
import { progressBar } from '../../src/cli/progress-bar.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => (written.push(text), true) };
}

describe('calendar sync progress bar', () => {
  test('on a terminal, a long sync redraws one line and ends it when done', () => {
    const s = stream(true);
    const bar = progressBar(s);
    for (let done = 1; done <= 40; done++) bar(done, 40);
    expect(s.written[0]).toBe(`\r  [${'#'.repeat(1)}${' '.repeat(29)}] 1/40`);
    expect(s.written).toContain(`\r  [${'#'.repeat(15)}${' '.repeat(15)}] 20/40`);
    expect(s.written.at(-2)).toBe(`\r  [${'#'.repeat(30)}] 40/40`);
    expect(s.written.at(-1)).toBe('\n');
    expect(s.written.filter((w) => w.includes('\n'))).toHaveLength(1);
  });

  test('nothing when not a terminal (CI logs stay clean), or for a short sync', () => {
    const piped = stream(false);
    for (let done = 1; done <= 40; done++) progressBar(piped)(done, 40);
    expect(piped.written).toEqual([]);
    const short = stream(true);
    for (let done = 1; done <= 5; done++) progressBar(short)(done, 5);
    expect(short.written).toEqual([]);
  });
});
