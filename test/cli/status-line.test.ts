// The status line of long commands: only on a terminal, only after a second, wiped at the end.
import { expect, test } from 'vitest';
import { statusLine } from '../../src/cli/status-line.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, columns: 40, write: (t: string) => (written.push(t), true) }, written };
}

test('piped or redirected: nothing, ever', () => {
  const { stream, written } = terminal(false);
  let now = 0;
  const status = statusLine(stream, () => now);
  now = 5000;
  status.update('writing feeds 3/10');
  status.done();
  expect(written).toEqual([]);
});

test('on a terminal: silent for the first second, then one line redrawn in place, wiped by done()', () => {
  const { stream, written } = terminal(true);
  let now = 0;
  const status = statusLine(stream, () => now);
  now = 400;
  status.update('reading rota.yaml');
  expect(written).toEqual([]);
  now = 1200;
  status.update('planning');
  expect(written).toEqual(['\r\u001b[Kplanning (1 s)']);
  now = 1250; // redrawn at most every 250 ms
  status.update('writing 21400 changes');
  expect(written).toHaveLength(1);
  now = 2600;
  status.update('writing 21400 changes');
  expect(written[1]).toBe('\r\u001b[Kwriting 21400 changes (2 s)');
  status.done();
  expect(written[2]).toBe('\r\u001b[K');
});

test('a long line is cut to the terminal; control characters are shown, not sent', () => {
  const { stream, written } = terminal(true);
  let now = 0;
  const status = statusLine(stream, () => now);
  now = 1000;
  status.update(`reading \u001b]0;pwned\u0007 ${'x'.repeat(80)}`);
  expect(written[0]).not.toContain('\u0007');
  expect(written[0].length).toBeLessThanOrEqual('\r\u001b[K'.length + 39);
  expect(written[0].endsWith('…')).toBe(true);
  status.done();
});

test('nothing drawn, nothing wiped', () => {
  const { stream, written } = terminal(true);
  const status = statusLine(stream, () => 0);
  status.update('quick');
  status.done();
  expect(written).toEqual([]);
});
