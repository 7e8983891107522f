// "What is it doing?" for work that takes more than a second (a large apply, export
// --split-by, import): one line on stderr, redrawn in place, that appears only after a second
// and only on a terminal, and is wiped before the command prints its result. Piped or
// redirected, nothing is written.

import { terminalSafe } from '../core/index.js';
import type { Output } from './io.js';

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 250;

export interface StatusLine {
  /** What the command is doing now ("writing feeds 120/500"). */
  update(text: string): void;
  /** Wipes the line and stops; call before printing the result (and on failure). */
  done(): void;
}

export function statusLine(stream: Output, clock: () => number = Date.now): StatusLine {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = clock();
  let text = '';
  let drawn = false;
  let lastDraw = 0;
  const draw = () => {
    const now = clock();
    if (!text || now - started < SHOW_AFTER_MS) return;
    const line = `${terminalSafe(text)} (${Math.floor((now - started) / 1000)} s)`;
    const width = (stream.columns || 80) - 1; // a pseudo-terminal may say 0
    stream.write(`\r\u001b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    drawn = true;
    lastDraw = now;
  };
  // Redraws the seconds while a long step awaits; never keeps the process alive.
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  return {
    update(next) {
      text = next;
      if (clock() - lastDraw >= REDRAW_MS) draw();
    },
    done() {
      clearInterval(timer);
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
      text = '';
    },
  };
}
