// The interactive timeline: arrows move by a day (shift+arrows or [ ] by a week), + and -
// zoom between 1 day and 8 weeks, t returns to now, s cycles schedules, q or Esc quits.
// Resizing the terminal redraws to the new width.

import React, { useEffect, useMemo, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { PersonLook, TimelineLoader } from '../app/timeline.js';
import { TimelineScreen } from './timeline-view.js';
import { zoom } from './layout.js';
import { defaultStart, shiftDays, windowOf } from './window.js';

export interface InteractiveProps {
  load: TimelineLoader;
  zone: string;
  now: number;
  start: number;
  days: number;
  people: Map<string, PersonLook>;
  color: boolean;
  /** For tests: a fixed width instead of the terminal's. */
  width?: number;
}

export function InteractiveTimeline(props: InteractiveProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [start, setStart] = useState(props.start);
  const [days, setDays] = useState(props.days);
  const [index, setIndex] = useState(0);
  const [columns, setColumns] = useState(props.width ?? stdout.columns ?? 80);

  useEffect(() => {
    if (props.width !== undefined) return;
    const onResize = () => setColumns(stdout.columns ?? 80);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, props.width]);

  const window = windowOf(start, days, props.zone);
  const schedules = useMemo(() => props.load(window), [start, days]);
  const count = schedules.length;

  useInput((input, key) => {
    if (input === 'q' || key.escape) exit();
    else if (key.leftArrow) setStart((s) => shiftDays(s, key.shift ? -7 : -1, props.zone));
    else if (key.rightArrow) setStart((s) => shiftDays(s, key.shift ? 7 : 1, props.zone));
    else if (input === '[') setStart((s) => shiftDays(s, -7, props.zone));
    else if (input === ']') setStart((s) => shiftDays(s, 7, props.zone));
    else if (input === '+' || input === '=') setDays((d) => zoom(d, -1));
    else if (input === '-' || input === '_') setDays((d) => zoom(d, 1));
    else if (input === 't') setStart(defaultStart(props.now, days, props.zone));
    else if (input === 's' && count > 0) setIndex((i) => (i + 1) % count);
  });

  const shown = count > 0 ? [schedules[index % count]] : [];
  const width = Math.max(40, columns - 1);
  const status =
    `${days} day${days === 1 ? '' : 's'} · schedule ${count ? (index % count) + 1 : 0}/${count}` +
    '   ←/→ day  ⇧←/→ or [ ] week  +/- zoom  t now  s schedule  q quit';
  return (
    <Box flexDirection="column">
      <TimelineScreen schedules={shown} window={window} zone={props.zone} now={props.now} width={width} people={props.people} color={props.color} />
      <Text inverse={props.color} wrap="truncate">
        {status.slice(0, width)}
      </Text>
    </Box>
  );
}
