// Time off from the command line and from ICS files, through the same path as `apply`.

import type { TimeOffConfig } from '../core/index.js';
import { DAY_MS, timeOffKey, findById } from '../core/index.js';
import { UserError } from '../errors.js';
import { readBounded } from './bounded-file.js';
import { timeOffById } from '../storage/read-time-off.js';
import type { AppContext } from './context.js';
import { changeConfig } from './change-config.js';

export function addTimeOff(ctx: AppContext, personId: string, entries: TimeOffConfig[]) {
  return changeConfig(ctx, {}, (config) => {
    const person = findById(config.people, personId, 'person');
    // The same window twice (already recorded, or twice in one file) is recorded once.
    const known = new Set((person.timeOff ?? []).map(timeOffKey));
    const added: TimeOffConfig[] = [];
    for (const entry of entries) {
      if (known.has(timeOffKey(entry))) continue;
      known.add(timeOffKey(entry));
      added.push(entry);
    }
    person.timeOff = [...(person.timeOff ?? []), ...added];
    return { added: added.length, already: entries.length - added.length };
  });
}

export async function removeTimeOff(ctx: AppContext, id: number) {
  const row = await timeOffById(await ctx.store(), id);
  if (!row) throw new UserError(`no time off ${id}; "oncall timeoff list" shows their ids`);
  const result = await changeConfig(ctx, {}, (config) => {
    const person = findById(config.people, row.person, 'person');
    person.timeOff = (person.timeOff ?? []).filter((t) => timeOffKey(t) !== timeOffKey({ from: row.start, to: row.end }));
  });
  return { ...result, row };
}

/** How far around now the events of an imported calendar (and their repeats) are read. */
const IMPORT_BACK = 365 * DAY_MS;
const IMPORT_AHEAD = 2 * 365 * DAY_MS;
/** The largest calendar file `timeoff import` reads (a calendar exported over years is a few MB). */
export const IMPORT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The busy events of an ICS file become time off; events already recorded (the same window)
 * are skipped, so importing the same file again changes nothing. A file that is not a
 * readable calendar is refused, naming the file and the line at fault, and nothing is stored.
 */
export async function importTimeOff(ctx: AppContext, personId: string, file: string, zone: string) {
  const bytes = readBounded(file, IMPORT_MAX_BYTES, '"timeoff import"');
  const [{ busyEvents }, { decodeIcs, IcsProblem }, { peerText }] = await Promise.all([
    import('../calendars/ics-import.js'),
    import('../calendars/ics-check.js'),
    import('../calendars/scrub.js'),
  ]);
  let events;
  try {
    events = busyEvents(decodeIcs(bytes), { zone, from: ctx.now - IMPORT_BACK, to: ctx.now + IMPORT_AHEAD });
  } catch (error) {
    const at = error instanceof IcsProblem && error.line !== undefined ? `${file}:${error.line}` : file;
    const what = error instanceof IcsProblem ? error.message : `not a readable calendar (${peerText(error) || 'it cannot be parsed'})`;
    throw new UserError(`${at}: ${what}; nothing was imported`);
  }
  const entries = events.map((e) => ({ from: e.start, to: e.end, ...(e.summary && { reason: e.summary.replace(/\s+/g, ' ').trim() }) }));
  const { plan, value } = await addTimeOff(ctx, personId, entries);
  return { plan, value: { ...value, events: events.length } };
}
