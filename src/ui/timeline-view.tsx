// The timeline picture: for each schedule a title, a marker at now, a day ruler, one lane
// per layer, an overrides lane and the final lane, then a legend. Plain data in, Ink out.
// Ink writes text as it is given, so every name, id and label goes through core's `terminalSafe`
// where it is drawn: ids stay the keys, only what is shown changes.

import React from 'react';
import { Box, Text } from 'ink';
import type { Window } from '../core/index.js';
import type { PersonLook, ScheduleTimeline } from '../core/index.js';
import { terminalSafe } from '../core/index.js';
import { personColor, textOn } from './colors.js';
import {
  barText, laneHolders, makeColumns, nowColumn, rulerDays, rulerLine, toRuns,
  type Column, type Holder, type RulerDay,
} from './layout.js';

export interface ScreenProps {
  schedules: ScheduleTimeline[];
  window: Window;
  zone: string;
  now: number;
  width: number;
  people: Map<string, PersonLook>;
  color: boolean;
  /** Layer names to size the label column for (default: those drawn), so it stays put when
   * the interactive view switches between schedules. */
  labels?: string[];
}

const MAX_LABEL = 14;

export function TimelineScreen(props: ScreenProps) {
  const labels = props.labels ?? props.schedules.flatMap((s) => s.layers.map((l) => l.label));
  const labelWidth = Math.min(MAX_LABEL, Math.max(9, ...labels.map((l) => l.length))) + 1;
  const columns = makeColumns(props.window, Math.max(10, props.width - labelWidth));
  const days = rulerDays(columns, props.zone, props.now);
  const at = nowColumn(columns, props.now);
  return (
    <Box flexDirection="column">
      {props.schedules.map((schedule) => (
        <ScheduleBlock key={schedule.id} {...props} schedule={schedule} columns={columns} days={days} at={at} labelWidth={labelWidth} />
      ))}
      {props.schedules.length === 0 && <Text>No schedules to draw.</Text>}
    </Box>
  );
}

interface BlockProps extends ScreenProps {
  schedule: ScheduleTimeline;
  columns: Column[];
  days: RulerDay[];
  at: number;
  labelWidth: number;
}

function ScheduleBlock({ schedule, columns, days, at, labelWidth, people, color, zone }: BlockProps) {
  const pad = (label: string) => {
    const text = terminalSafe(label);
    return text.length >= labelWidth ? `${text.slice(0, labelWidth - 2)}… ` : text.padEnd(labelWidth);
  };
  const lanes = [
    ...schedule.layers.map((l) => ({ label: l.label, holders: laneHolders(l.shifts, columns, undefined), final: false })),
    { label: 'overrides', holders: laneHolders(schedule.overrides.shifts, columns, undefined), final: false },
    { label: 'final', holders: laneHolders(schedule.final, columns, null), final: true },
  ];
  const shown = [...new Set(lanes.flatMap((l) => l.holders).filter((h): h is string => typeof h === 'string'))];
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold={color} wrap="truncate">
        {terminalSafe(schedule.name)} ({terminalSafe(schedule.id)}) · {zone}
      </Text>
      <Text wrap="truncate">
        {' '.repeat(labelWidth)}
        {at >= 0 ? `${' '.repeat(at)}▼ now` : ''}
      </Text>
      <Ruler days={days} labelWidth={labelWidth} color={color} />
      {lanes.map((lane) => (
        <Text key={lane.label} wrap="truncate">
          <Text bold={color && lane.final}>{pad(lane.label)}</Text>
          {toRuns(lane.holders).map((run) => (
            <Bar key={run.from} holder={run.holder} width={run.to - run.from} people={people} color={color} />
          ))}
        </Text>
      ))}
      <Legend ids={shown} people={people} color={color} />
    </Box>
  );
}

function Ruler({ days, labelWidth, color }: { days: RulerDay[]; labelWidth: number; color: boolean }) {
  const line = rulerLine(days);
  const tint = (day: RulerDay, weekday?: string) =>
    color ? (day.today ? 'cyan' : day.weekend ? 'magenta' : weekday) : undefined;
  return (
    <>
      <Text wrap="truncate">
        {' '.repeat(labelWidth)}
        {days.map((day) => (
          <Text key={day.from} color={tint(day)} bold={color && day.today}>
            {line.slice(day.from, day.to)}
          </Text>
        ))}
      </Text>
      <Text wrap="truncate">
        {' '.repeat(labelWidth)}
        {days.map((day) => (
          <Text key={day.from} color={tint(day, 'gray')}>
            {'│' + (day.today ? '━' : day.weekend ? '═' : '─').repeat(Math.max(0, day.to - day.from - 1))}
          </Text>
        ))}
      </Text>
    </>
  );
}

function Bar({ holder, width, people, color }: { holder: Holder; width: number; people: Map<string, PersonLook>; color: boolean }) {
  if (holder === undefined) return <Text dimColor={color}>{'·'.repeat(width)}</Text>;
  if (holder === null) {
    const word = width >= 5 ? 'gap' : '';
    const left = Math.floor((width - word.length) / 2);
    const text = '░'.repeat(left) + word + '░'.repeat(width - left - word.length);
    return <Text color={color ? 'red' : undefined} bold={color}>{text}</Text>;
  }
  const person = people.get(holder);
  const name = terminalSafe(person?.name ?? holder);
  if (!color) return <Text>{`|${barText(name, terminalSafe(holder), width).slice(1)}`}</Text>;
  const background = personColor(holder, person?.color);
  return (
    <Text backgroundColor={background} color={textOn(background)}>
      {barText(name, terminalSafe(holder), width)}
    </Text>
  );
}

function Legend({ ids, people, color }: { ids: string[]; people: Map<string, PersonLook>; color: boolean }) {
  if (ids.length === 0) return null;
  return (
    <Text wrap="wrap">
      {ids.map((id, i) => {
        const person = people.get(id);
        const name = terminalSafe(person?.name ?? id);
        return (
          <Text key={id}>
            {i > 0 ? '  ' : ''}
            {color ? <Text color={personColor(id, person?.color)}>██</Text> : null}
            {color ? ` ${name}` : `${name} (${terminalSafe(id)})`}
          </Text>
        );
      })}
    </Text>
  );
}
