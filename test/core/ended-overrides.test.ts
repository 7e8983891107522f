// keepEndedOverrides: apply never removes an override that is over by the effective instant.

import { describe, expect, test } from 'vitest';
import { keepEndedOverrides, type Config, type OverrideConfig, type ScheduleConfig } from '../../src/core/index.js';

const T = (iso: string) => Date.parse(iso);
const EFFECTIVE = T('2026-11-23T12:00:00Z');
const ended: OverrideConfig = { person: 'erin', from: T('2026-11-16T08:00:00Z'), to: T('2026-11-17T08:00:00Z') };
const endsNow: OverrideConfig = { person: 'bob', from: T('2026-11-23T08:00:00Z'), to: EFFECTIVE };
const running: OverrideConfig = { person: 'dave', from: T('2026-11-23T08:00:00Z'), to: T('2026-11-24T08:00:00Z') };
const coming: OverrideConfig = { person: 'erin', from: T('2026-12-01T08:00:00Z'), to: T('2026-12-02T08:00:00Z') };

const schedule = (id: string, overrides: OverrideConfig[]): ScheduleConfig => ({ id, team: 't', name: id, timezone: 'UTC', layers: [], overrides });
const config = (...schedules: ScheduleConfig[]): Config => ({ people: [], teams: [], schedules, policies: [] });

describe('keepEndedOverrides', () => {
  const cases: { name: string; current: OverrideConfig[]; listed: OverrideConfig[]; kept: OverrideConfig[] }[] = [
    { name: 'an ended override left out of the file is put back', current: [ended, coming], listed: [coming], kept: [ended, coming] },
    { name: 'one that ends exactly at the effective instant counts as ended', current: [endsNow], listed: [], kept: [endsNow] },
    { name: 'a running override left out is not kept (it is removed from the effective instant)', current: [running], listed: [], kept: [] },
    { name: 'a coming override left out is not kept', current: [coming], listed: [], kept: [] },
    { name: 'an ended override the file still lists is not doubled', current: [ended], listed: [ended], kept: [ended] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = keepEndedOverrides(config(schedule('s', c.current)), config(schedule('s', c.listed)), EFFECTIVE);
      expect(result.schedules[0].overrides).toEqual(c.kept);
    });
  }

  test('schedules that are new or left out of the desired config are as given', () => {
    const current = config(schedule('old', [ended]));
    const desired = config(schedule('new', []));
    expect(keepEndedOverrides(current, desired, EFFECTIVE)).toEqual(desired);
  });
});
