// The interactive timeline: arrows move by a day (shift+arrows or [ ] by a week), + and -
// zoom between 1 day and 8 weeks, t returns to now, s cycles schedules, q or Esc quits,
// Ctrl-C interrupts (the command then exits 130, like any interrupted program).
// Resizing the terminal redraws to the new width.

import React, { useEffect, useMemo, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { PersonLook, ScheduleTimeline, TimelineLoader } from '../core/index.js';
import { TimelineScreen } from './timeline-view.js';
import { zoom } from './layout.js';
import { defaultStart, windowOf } from './window.js';
import { addDays, plural, toFloating, type Window } from '../core/index.js';

export interface InteractiveProps {
  load: TimelineLoader;
  /** What `load` gave for the first window, so the first picture needs no wait. */
  initial?: ScheduleTimeline[];
  zone: string;
  now: number;
  start: number;
  days: number;
  people: Map<string, PersonLook>;
  color: boolean;
  /** Called on Ctrl-C, just before the picture closes. */
  onInterrupt?: () => void;
  /** For tests: a fixed width instead of the terminal's. */
  width?: number;
}

/** The last window loaded, and what for: the picture shows it until the next one is in. */
interface Loaded {
  load: TimelineLoader;
  window: Window;
  days: number;
  schedules: ScheduleTimeline[];
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

  // Load again whenever the window, the zone or the loader changes (and only then: loading
  // reads the database, and a keypress redraws). The picture keeps the last window loaded
  // until the next one is in, so times and shifts always match.
  const { load, zone } = props;
  const wanted = useMemo(() => windowOf(start, days, zone), [start, days, zone]);
  const [loaded, setLoaded] = useState<Loaded | undefined>(props.initial && { load, window: wanted, days, schedules: props.initial });
  useEffect(() => {
    if (loaded?.window === wanted && loaded.load === load) return;
    let current = true;
    load(wanted).then(
      (schedules) => current && setLoaded({ load, window: wanted, days, schedules }),
      (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      current = false;
    };
    // `loaded` is left out on purpose: a new load starts only when the window or the loader changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, wanted, days, exit]);
  const window = loaded?.window ?? wanted;
  const shownDays = loaded?.days ?? days;
  const schedules = loaded?.schedules ?? [];
  const count = schedules.length;

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      props.onInterrupt?.();
      exit();
    } else if (input === 'q' || key.escape) exit();
    else if (key.leftArrow) setStart((s) => addDays(s, key.shift ? -7 : -1, props.zone));
    else if (key.rightArrow) setStart((s) => addDays(s, key.shift ? 7 : 1, props.zone));
    else if (input === '[') setStart((s) => addDays(s, -7, props.zone));
    else if (input === ']') setStart((s) => addDays(s, 7, props.zone));
    else if (input === '+' || input === '=') setDays((d) => zoom(d, -1));
    else if (input === '-' || input === '_') setDays((d) => zoom(d, 1));
    else if (input === 't') setStart(defaultStart(props.now, days, props.zone));
    else if (input === 's' && count > 0) setIndex((i) => (i + 1) % count);
  });

  const shown = count > 0 ? [schedules[index % count]] : [];
  const width = Math.max(40, columns - 1);
  const status = statusLine(window, shownDays, props.zone, count ? (index % count) + 1 : 0, count, width);
  return (
    <Box flexDirection="column">
      <TimelineScreen
        schedules={shown}
        labels={schedules.flatMap((s) => s.layers.map((l) => l.label))}
        window={window}
        zone={props.zone}
        now={props.now}
        width={width}
        people={props.people}
        color={props.color}
      />
      <Text inverse={props.color} wrap="truncate">
        {status.slice(0, width)}
      </Text>
    </Box>
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "14 days · schedule 1/3 · 23 Nov – 6 Dec" and the keys, shortened to fit the width. */
export function statusLine(window: Window, days: number, zone: string, shown: number, count: number, width: number): string {
  const day = (t: number) => {
    const d = new Date(toFloating(t, zone));
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  };
  const last = addDays(window.end, -1, zone);
  const dates = days === 1 ? day(window.start) : `${day(window.start)} – ${day(last)}`;
  const where = `${plural(days, 'day')} · schedule ${shown}/${count} · ${dates}`;
  const keys = [
    '←/→ day  [ ] week  +/- zoom  t now  s schedule  q quit',
    '←→ day [] week +- zoom t now s next q quit',
    '←→ [] +- zoom  t now  s next  q quit',
    '←→ [] +- t s  q quit',
  ];
  const fit = keys.find((k) => where.length + 3 + k.length <= width) ?? keys[keys.length - 1];
  return `${where}   ${fit}`;
}
