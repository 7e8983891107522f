// `oncall export ics`: final shifts (never gaps) as iCalendar feeds, one calendar or one per
// person or schedule, for CI jobs that publish on-call calendars.

import type { PersonConfig, Window } from '../core/index.js';
import { unknownId } from '../core/index.js';
import { groupBy } from '../core/group-by.js';
import { changeHistories, listPeople, type ScheduleInfo } from '../storage/read.js';
import { feedWriter, prepareFeeds, writeFeed, type FeedEvent, type FeedHeader } from '../calendars/ics-feed.js';
import type { AppContext } from './context.js';
import { feedEvents, type FillEvent } from './feed-events.js';
import { selectSchedules } from './select-schedules.js';
import { EDGE_MARGIN, eventShifts } from './shift-events.js';

export interface IcsQuery {
  scheduleIds?: string[];
  team?: string;
  personIds?: string[];
  window: Window;
  splitBy?: 'person' | 'schedule';
  alarmMinutes?: number;
  /** Told what the export is doing (for a status line on a terminal). */
  onProgress?: (step: string) => void;
}

export interface FeedFile {
  /** File name inside --out-dir (split feeds), or undefined for the single feed. */
  file?: string;
  kind: 'all' | 'person' | 'schedule';
  id?: string;
  name: string;
  events: number;
  /** The feed's text in pieces, made as they are asked for (a feed of 30 000 shifts is 10 MB). */
  chunks(): Iterable<string>;
}

export async function exportIcs(ctx: AppContext, query: IcsQuery): Promise<FeedFile[]> {
  const store = await ctx.store();
  const schedules = await selectSchedules(store, { scheduleIds: query.scheduleIds, team: query.team, aliveAt: query.window.start });
  const people = new Map((await listPeople(store)).map((p) => [p.id, p]));
  for (const id of query.personIds ?? []) {
    if (!people.has(id)) throw unknownId('person', id);
  }
  const progress = query.onProgress ?? (() => undefined);
  progress(`resolving ${schedules.length} schedules`);
  const only = query.personIds ? new Set(query.personIds) : undefined;
  // Both reads are asked for at once: a PostgreSQL server reads the histories while the
  // schedules resolve here, and ics formats its event while the server reads the schedules.
  const [found, histories] = await Promise.all([
    eventShifts(store, schedules, query.window, only),
    changeHistories(store, schedules.map((s) => s.id), {
      start: query.window.start - EDGE_MARGIN,
      end: query.window.end + EDGE_MARGIN,
    }),
    Promise.resolve().then(() => prepareFeeds({ stamp: ctx.now, alarmMinutes: query.alarmMinutes })),
  ]);
  const fill = feedEvents(found, schedules, people, histories);
  const feed = (name: string, timezone: string, shifts: number[]) => ({
    name,
    events: shifts.length,
    chunks: () => feedChunks({ name, timezone, stamp: ctx.now, alarmMinutes: query.alarmMinutes }, shifts, fill),
  });

  if (query.splitBy === 'schedule') {
    const bySchedule = groupBy(found.owners.keys(), (k) => found.owners[k]);
    return schedules.map((s, i) => ({
      file: `${s.id}.ics`,
      kind: 'schedule',
      id: s.id,
      ...feed(`On call: ${s.name}`, s.timezone, bySchedule.get(i) ?? []),
    }));
  }
  if (query.splitBy === 'person') {
    const byPerson = groupBy(found.shifts.keys(), (k) => found.shifts[k].person);
    const ids = query.personIds ?? [...byPerson.keys()].sort();
    return ids.map((id) => {
      const person = people.get(id)!;
      return { file: `${id}.ics`, kind: 'person', id, ...feed(`On call: ${person.name}`, person.timezone ?? ctx.zone, byPerson.get(id) ?? []) };
    });
  }
  const { name, timezone } = singleFeedTitle(schedules, query, people, ctx.zone);
  return [{ kind: 'all', ...feed(name, timezone, found.shifts.map((_, k) => k)) }];
}

/** About this many characters at a time: short-lived strings instead of one of 10 MB. */
const CHUNK_LENGTH = 1 << 18;

function* feedChunks(header: FeedHeader, shifts: number[], fill: FillEvent): Generator<string> {
  if (shifts.length === 0) {
    yield writeFeed({ ...header, events: [] });
    return;
  }
  const writer = feedWriter(header);
  const e: FeedEvent = { uid: '', start: 0, end: 0, summary: '', description: '', sequence: 0 };
  let chunk = writer.head;
  for (const k of shifts) {
    fill(k, e);
    chunk += writer.event(e);
    if (chunk.length >= CHUNK_LENGTH) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + writer.tail;
}

function singleFeedTitle(schedules: ScheduleInfo[], query: IcsQuery, people: Map<string, PersonConfig>, zone: string) {
  if (query.personIds?.length === 1) {
    const person = people.get(query.personIds[0])!;
    return { name: `On call: ${person.name}`, timezone: person.timezone ?? zone };
  }
  if (schedules.length === 1) return { name: `On call: ${schedules[0].name}`, timezone: schedules[0].timezone };
  if (query.team) return { name: `On call: ${query.team}`, timezone: schedules[0]?.timezone ?? zone };
  return { name: 'On call', timezone: zone };
}
