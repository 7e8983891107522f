// Entry points of the timeline UI, imported lazily by `oncall timeline` only (Ink and React
// take about 300 ms to load; no other command pays for them).

import React from 'react';
import { render, renderToString } from 'ink';
import { TimelineScreen, type ScreenProps } from './timeline-view.js';
import { InteractiveTimeline, type InteractiveProps } from './interactive-timeline.js';

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

export async function interactiveTimeline(props: InteractiveProps, terminal: Terminal): Promise<void> {
  const { stdout, stderr, stdin } = terminal;
  const app = render(<InteractiveTimeline {...props} />, { stdout, stderr, stdin, exitOnCtrlC: true });
  await app.waitUntilExit();
}
