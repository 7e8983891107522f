// Progress for long calendar syncs: one line, redrawn in place, only on a terminal.

import type { Output } from './io.js';

/** A one-line progress bar on a terminal, for syncs with many changes; nothing otherwise. */
export function progressBar(stream: Output) {
  return (done: number, total: number) => {
    if (!stream.isTTY || total < 20) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    stream.write(`\r  [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) stream.write('\n');
  };
}
