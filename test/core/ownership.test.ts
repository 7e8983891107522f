// sortOwnership: apply keeps the command-line overrides and time off its files do not list
// (unless --prune), adopts the ones they list, and leaves what the files own to the files.

import { describe, expect, test } from 'vitest';
import {
  overrideKey, sortOwnership, timeOffKey,
  type CommandLineRows, type Config, type OverrideConfig, type PersonConfig, type ScheduleConfig, type TimeOffConfig,
} from '../../src/core/index.js';

const T = (iso: string) => Date.parse(iso);
const EFFECTIVE = T('2026-11-23T12:00:00Z');
const fileOwned: OverrideConfig = { person: 'ann', from: T('2026-12-01T08:00:00Z'), to: T('2026-12-02T08:00:00Z') };
const cliComing: OverrideConfig = { person: 'ben', from: T('2026-12-03T08:00:00Z'), to: T('2026-12-04T08:00:00Z'), reason: 'cover' };
const cliRunning: OverrideConfig = { person: 'cat', from: T('2026-11-23T08:00:00Z'), to: T('2026-11-24T08:00:00Z'), replaces: 'ann' };
const cliEnded: OverrideConfig = { person: 'cat', from: T('2026-11-16T08:00:00Z'), to: EFFECTIVE };
const fileTimeOff: TimeOffConfig = { from: T('2027-02-01T00:00:00Z'), to: T('2027-02-05T00:00:00Z') };
const cliTimeOff: TimeOffConfig = { from: T('2026-12-21T00:00:00Z'), to: T('2026-12-24T00:00:00Z'), reason: 'Christmas' };
const cliPast: TimeOffConfig = { from: T('2026-10-01T00:00:00Z'), to: T('2026-10-02T00:00:00Z') };

const schedule = (overrides: OverrideConfig[]): ScheduleConfig => ({ id: 's', team: 't', name: 's', timezone: 'UTC', layers: [], overrides });
const person = (timeOff?: TimeOffConfig[]): PersonConfig => ({ id: 'ann', name: 'Ann', ...(timeOff && { timeOff }) });
const config = (overrides: OverrideConfig[], timeOff?: TimeOffConfig[]): Config => ({
  people: [person(timeOff)], teams: [], schedules: [schedule(overrides)], policies: [],
});
const current = config([cliEnded, fileOwned, cliRunning, cliComing], [cliPast, cliTimeOff, fileTimeOff]);
const cli: CommandLineRows = {
  overrides: new Map([['s', new Set([cliEnded, cliRunning, cliComing].map(overrideKey))]]),
  timeOff: new Map([['ann', new Set([cliPast, cliTimeOff].map(timeOffKey))]]),
};

describe('sortOwnership', () => {
  test('command-line rows the files do not list are kept, older first; ended overrides are left to history', () => {
    const { config: desired, kept, adopted } = sortOwnership(current, config([fileOwned]), cli, EFFECTIVE, false);
    expect(desired.schedules[0].overrides).toEqual([cliRunning, cliComing, fileOwned]);
    expect(desired.people[0].timeOff).toEqual([cliPast, cliTimeOff]);
    expect(kept.map((k) => (k.entity === 'override' ? k.override : k.timeOff))).toEqual([cliRunning, cliComing, cliPast, cliTimeOff]);
    expect(adopted).toEqual([]);
  });

  test('with --prune nothing is kept: the files alone are the desired config', () => {
    const listed = config([fileOwned], [fileTimeOff]);
    const result = sortOwnership(current, listed, cli, EFFECTIVE, true);
    expect(result).toEqual({ config: listed, kept: [], adopted: [] });
  });

  test('command-line rows the files list are adopted, not kept twice; a file-owned one is neither', () => {
    const listed = config([fileOwned, { ...cliComing, reason: 'other words' }], [cliTimeOff, fileTimeOff]);
    const { config: desired, kept, adopted } = sortOwnership(current, listed, cli, EFFECTIVE, false);
    expect(adopted).toEqual([
      { entity: 'override', scheduleId: 's', override: cliComing },
      { entity: 'time off', personId: 'ann', timeOff: cliTimeOff },
    ]);
    expect(desired.schedules[0].overrides).toEqual([cliRunning, ...listed.schedules[0].overrides]);
    // Sorted by start, as stored, so an unchanged person compares equal.
    expect(desired.people[0].timeOff).toEqual([cliPast, cliTimeOff, fileTimeOff]);
    expect(kept).toHaveLength(2);
  });

  test('schedules and people the database does not have yet are as the files give them', () => {
    const empty: Config = { people: [], teams: [], schedules: [], policies: [] };
    const listed = config([fileOwned], [fileTimeOff]);
    expect(sortOwnership(empty, listed, cli, EFFECTIVE, false)).toEqual({ config: listed, kept: [], adopted: [] });
  });
});
