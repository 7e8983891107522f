// `oncall export ics`: final shifts (never gaps) as iCalendar feeds, one calendar or one per
// person or schedule, for CI jobs that publish on-call calendars.

import type { PersonConfig, Window } from '../core/index.js';
import { sequenceOf, unknownId } from '../core/index.js';
import { changeHistories, listPeople, type ScheduleInfo } from '../storage/read.js';
import { utcStamp, writeFeed, type FeedEvent } from '../calendars/ics-feed.js';
import type { AppContext } from './context.js';
import { selectSchedules } from './select-schedules.js';
import { EDGE_MARGIN, shiftEvents } from './shift-events.js';

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
  text: string;
}

interface FeedShift extends FeedEvent {
  schedule: string;
  person: string;
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
  const events = await feedEvents(store, schedules, people, query);
  const feed = (name: string, timezone: string, list: FeedShift[]) =>
    writeFeed({ name, timezone, stamp: ctx.now, events: list, alarmMinutes: query.alarmMinutes });

  if (query.splitBy === 'schedule') {
    return schedules.map((s, i) => {
      progress(`writing feeds ${i + 1}/${schedules.length}`);
      const list = events.filter((e) => e.schedule === s.id);
      const name = `On call: ${s.name}`;
      return { file: `${s.id}.ics`, kind: 'schedule', id: s.id, name, events: list.length, text: feed(name, s.timezone, list) };
    });
  }
  if (query.splitBy === 'person') {
    const ids = query.personIds ?? [...new Set(events.map((e) => e.person))].sort();
    return ids.map((id, i) => {
      progress(`writing feeds ${i + 1}/${ids.length}`);
      const person = people.get(id)!;
      const list = events.filter((e) => e.person === id);
      const name = `On call: ${person.name}`;
      const zone = person.timezone ?? ctx.zone;
      return { file: `${id}.ics`, kind: 'person', id, name, events: list.length, text: feed(name, zone, list) };
    });
  }
  progress(`writing ${events.length} shifts`);
  const { name, timezone } = singleFeedTitle(schedules, query, people, ctx.zone);
  return [{ kind: 'all', name, events: events.length, text: feed(name, timezone, events) }];
}

async function feedEvents(
  store: Awaited<ReturnType<AppContext['store']>>,
  schedules: ScheduleInfo[],
  people: Map<string, PersonConfig>,
  query: IcsQuery,
): Promise<FeedShift[]> {
  const histories = await changeHistories(store, schedules.map((s) => s.id), {
    start: query.window.start - EDGE_MARGIN,
    end: query.window.end + EDGE_MARGIN,
  });
  const only = query.personIds ? new Set(query.personIds) : undefined;
  return (await shiftEvents(store, schedules, people, query.window, only)).map((e) => ({
    uid: `${utcStamp(e.shift.start)}-${e.shift.person}-${e.schedule.id}@oncall`,
    start: e.shift.start,
    end: e.shift.end,
    summary: e.summary,
    description: e.description,
    sequence: sequenceOf(e.shift, histories.get(e.schedule.id)!),
    schedule: e.schedule.id,
    person: e.shift.person,
  }));
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
