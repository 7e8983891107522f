// Lines typed or piped into standard input, for `calendar connect google --no-browser`: the
// user pastes the address the browser ended on. A paste is one address, so a line is bounded;
// listening stops for good (the process must be able to exit while the terminal or pipe stays open).

import type { PasteSource } from '../app/calendar-connect.js';
import type { Io } from './io.js';

/** Longer than any sign-in address Google sends back; a longer line is judged by its start. */
const MAX_LINE = 16_384;

export function stdinPaste(io: Io, required: boolean): PasteSource {
  return {
    required,
    listen({ line, end }) {
      const input = io.stdin;
      let buffer = '';
      const onData = (chunk: Buffer | string) => {
        buffer += String(chunk);
        for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
          const text = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          line(text);
        }
        if (buffer.length > MAX_LINE) {
          line(buffer.slice(0, MAX_LINE));
          buffer = '';
        }
      };
      const onEnd = () => {
        if (buffer.trim() !== '') line(buffer);
        buffer = '';
        end();
      };
      input.setEncoding('utf8');
      input.on('data', onData);
      input.once('end', onEnd);
      return () => {
        input.off('data', onData);
        input.off('end', onEnd);
        // An open pipe or terminal would keep the process alive after the command is done.
        input.destroy();
      };
    },
  };
}
