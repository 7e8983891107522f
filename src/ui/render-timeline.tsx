// Entry points of the timeline UI, imported lazily by `oncall timeline` only (Ink and React
// take about 300 ms to load; no other command pays for them).

import React from 'react';
import { render, renderToString } from 'ink';
import { TimelineScreen, type ScreenProps } from './timeline-view.js';
import { InteractiveTimeline, type InteractiveProps } from './interactive-timeline.js';
import { windowOf } from './window.js';

/** The picture once, as text: for pipes, CI logs and --static. Never touches raw mode. */
export function staticTimeline(props: ScreenProps): string {
  return renderToString(<TimelineScreen {...props} />, { columns: props.width });
}

/** The terminal the timeline takes over: a real TTY on both ends. */
export interface Terminal {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/** Draws until the user quits (q, Esc) or interrupts (Ctrl-C), and says which. */
export async function interactiveTimeline(props: InteractiveProps, terminal: Terminal): Promise<'quit' | 'interrupted'> {
  const { stdout, stderr, stdin } = terminal;
  let ending: 'quit' | 'interrupted' = 'quit';
  const onInterrupt = () => {
    ending = 'interrupted';
  };
  const initial = props.initial ?? (await props.load(windowOf(props.start, props.days, props.zone)));
  // Ink enables raw mode in an effect, after the first picture is on the screen; a key pressed
  // in between would be echoed by the terminal onto the picture. Raw from before the first draw,
  // the key waits unechoed until Ink reads it.
  stdin.setRawMode(true);
  try {
    const app = render(<InteractiveTimeline {...props} initial={initial} onInterrupt={onInterrupt} />, { stdout, stderr, stdin, exitOnCtrlC: false });
    await app.waitUntilExit();
  } finally {
    if (stdin.isRaw) stdin.setRawMode(false);
  }
  return ending;
}
