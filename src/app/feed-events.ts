// The FeedEvent of each shift of an export: its UID, texts and SEQUENCE. Texts repeat (one
// summary per schedule and person, one description per schedule and source), so each is
// made once: 30 000 summaries built anew and then looked up by content in a Map took 160 of
// the 2 500 ms an export took under the profiler.

import type { ChangeHistory, PersonConfig, Shift } from '../core/index.js';
import { sequenceOf } from '../core/index.js';
import type { ScheduleInfo } from '../storage/read.js';
import { utcStamp, type FeedEvent } from '../calendars/ics-feed.js';
import { eventDescription, eventSummary, type EventShifts } from './shift-events.js';

/** Fills `e` with the values of shift k (one object reused for every event). */
export type FillEvent = (k: number, e: FeedEvent) => void;

export function feedEvents(
  found: EventShifts,
  schedules: ScheduleInfo[],
  people: Map<string, PersonConfig>,
  histories: Map<string, ChangeHistory>,
): FillEvent {
  const texts = schedules.map((schedule) => ({
    schedule,
    history: histories.get(schedule.id)!,
    summaries: new Map<string, string>(),
    describe: descriptions(schedule),
  }));
  // Events come by start time: the last start's stamp is the next one's, most of the time.
  let lastStart = NaN;
  let lastStamp = '';
  return (k, e) => {
    const shift = found.shifts[k];
    const of = texts[found.owners[k]];
    if (shift.start !== lastStart) {
      lastStart = shift.start;
      lastStamp = utcStamp(shift.start);
    }
    let summary = of.summaries.get(shift.person);
    if (summary === undefined) {
      summary = eventSummary(of.schedule, people.get(shift.person)?.name ?? shift.person);
      of.summaries.set(shift.person, summary);
    }
    const description = of.describe(shift);
    e.uid = `${lastStamp}-${shift.person}-${of.schedule.id}@oncall`;
    e.start = shift.start;
    e.end = shift.end;
    e.summary = summary;
    e.description = description;
    e.sequence = sequenceOf(shift, of.history);
  };
}

/** A schedule's event descriptions, made once per source (and per reason of an override). */
function descriptions(schedule: ScheduleInfo): (shift: Shift) => string {
  const bySource = new Map<string | null, string>();
  const byReason = new Map<string, string>();
  return (shift) => {
    const reason = shift.source === 'override' ? shift.reason : undefined;
    let text = reason === undefined ? bySource.get(shift.source) : byReason.get(reason);
    if (text === undefined) {
      text = eventDescription(schedule, shift);
      if (reason === undefined) bySource.set(shift.source, text);
      else byReason.set(reason, text);
    }
    return text;
  };
}
