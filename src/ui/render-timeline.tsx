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

export async function interactiveTimeline(props: InteractiveProps): Promise<void> {
  const app = render(<InteractiveTimeline {...props} />, { exitOnCtrlC: true });
  await app.waitUntilExit();
}
