// `oncall timeline` end to end against examples/acme.yaml at the pinned now, Mon 23 Nov 2026
// 12:00Z (13:00 Berlin). Default window: Mon 23 Nov to Sun 6 Dec. From the YAML (see
// who.test.ts): payments-secondary has carol this week and alice from Mon 30 Nov 09:00;
// platform-primary has frank until Tue 24 Nov, then grace, then heidi from Tue 1 Dec.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acmeSession, cleanup, lines, ok, rulerOf, session, writeYaml, type Session } from './helpers.js';

let s: Session;
beforeAll(() => {
  s = acmeSession();
});
afterAll(cleanup);

/** The line of lane `label` in the block of schedule `id`. */
function laneOf(text: string, id: string, label: string): string {
  const all = lines(text);
  const from = all.findIndex((l) => l.includes(`(${id})`));
  const found = all.slice(from).find((l) => l.startsWith(`${label} `));
  if (from < 0 || !found) throw new Error(`no lane ${label} of ${id} in:\n${text}`);
  return found;
}

describe('static picture (stdout not a terminal)', () => {
  // Waiting for keys on a pipe would hang: the in-process runner's own time limit fails that.
  test('exits 0 with titles, ruler, lanes and legend, without touching raw mode', () => {
    const r = ok(s.run(['timeline']));
    expect(r.stderr).toBe('');
    for (const title of ['Payments primary (payments-primary)', 'Payments secondary (payments-secondary)', 'Platform primary (platform-primary)']) {
      expect(r.stdout).toContain(`${title} · Europe/Berlin`);
    }
    expect(lines(r.stdout).filter((l) => l.startsWith('final '))).toHaveLength(3);
    expect(lines(r.stdout).filter((l) => l.startsWith('overrides '))).toHaveLength(3);
    expect(laneOf(r.stdout, 'payments-primary', 'business-hours')).toContain('·'); // nights and weekends
    expect(r.stdout).toContain('▼ now');
    const ruler = rulerOf(r.stdout);
    expect(ruler.trim().split(/\s+/)).toHaveLength(14);
    expect(ruler.trim()).toMatch(/^Mo23 .* Su6$/);
    expect(r.stdout).toContain('Carol Danvers (carol)');
  });

  test('handoffs fall on their day: alice takes payments-secondary on Mon 30 Nov', () => {
    const r = ok(s.run(['timeline']));
    const final = laneOf(r.stdout, 'payments-secondary', 'final');
    expect(final).toMatch(/\|Carol Danvers +\|Alice Liddell/);
    const ruler = rulerOf(r.stdout);
    const at = final.indexOf('|Alice');
    expect(at).toBeGreaterThanOrEqual(ruler.indexOf('Mo30'));
    expect(at).toBeLessThan(ruler.indexOf('Tu1'));
    expect(laneOf(r.stdout, 'platform-primary', 'final')).toMatch(/\|frank +\|Grace Hopper +\|Heidi Klum/);
  });

  test('--static and CI=1 print the same picture', () => {
    const piped = ok(s.run(['timeline'])).stdout;
    expect(ok(s.run(['timeline', '--static'])).stdout).toBe(piped);
    expect(ok(s.run(['timeline'], { CI: '1' })).stdout).toBe(piped);
  });

  test('COLUMNS=60: no line is wider than 60', () => {
    const r = ok(s.run(['timeline'], { COLUMNS: '60' }));
    for (const line of lines(r.stdout)) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(lines(r.stdout).filter((l) => l.startsWith('final '))).toHaveLength(3);
  });

  test('COLUMNS=200: full day labels, no line wider than 200', () => {
    const r = ok(s.run(['timeline'], { COLUMNS: '200' }));
    for (const line of lines(r.stdout)) expect(line.length, line).toBeLessThanOrEqual(200);
    expect(rulerOf(r.stdout)).toMatch(/^ +Mon 23 Nov +Tue 24 Nov .* Sun 6 Dec$/);
  });

  test('--from, --days, --schedule and --team choose what is drawn; overrides show', () => {
    const xmas = ok(s.run(['timeline', '--schedule', 'payments-primary', '--from', '2026-12-21', '--days', '7']));
    expect(xmas.stdout).not.toContain('payments-secondary');
    expect(rulerOf(xmas.stdout).trim()).toMatch(/^Mon 21 Dec .*Sun 27 Dec$/);
    expect(xmas.stdout).not.toContain('▼ now');
    const overrides = laneOf(xmas.stdout, 'payments-primary', 'overrides');
    expect(overrides).toMatch(/^overrides +·+\|Dave Lister +·+$/); // Thu 24 to Sat 26
    const team = ok(s.run(['timeline', '--team', 'platform']));
    expect(team.stdout).toContain('(platform-primary)');
    expect(team.stdout).not.toContain('(payments-');
  });

  test('gaps in the final lane are hatched and named', () => {
    const g = session();
    const file = writeYaml(
      ['version: 1', 'people:', '  - id: ann', '    name: Ann', 'teams:', '  - id: t', '    name: T', '    members: [ann]', 'schedules:',
        '  - id: daytime', '    team: t', '    timezone: Europe/Berlin', '    layers:', '      - id: office', '        start: 2026-01-05T09:00',
        '        shift: 1w', '        members: [ann]', '        restrictions:', '          - days: [mon, tue, wed, thu, fri]', '            from: "09:00"',
        '            to: "17:00"', ''].join('\n'),
      'gaps.yaml',
      g.dir,
    );
    ok(g.run(['apply', '-f', file]));
    const final = laneOf(ok(g.run(['timeline'])).stdout, 'daytime', 'final');
    expect(final).toContain('░');
    expect(final.match(/░+gap░+/g)?.length).toBeGreaterThanOrEqual(2); // both weekends
  });
});

describe('bad input exits 2 with a message', () => {
  test.each([
    [['--days', '0'], /--days/],
    [['--days', '57'], /--days/],
    [['--schedule', 'nope'], /nope/],
    [['--team', 'nope'], /nope/],
  ])('timeline %j', (args, message) => {
    const r = s.run(['timeline', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('--json: the data the picture is drawn from', () => {
  const tiles = (shifts: { start: string; end: string }[], start: string, end: string) => {
    expect(shifts[0].start).toBe(start);
    expect(shifts[shifts.length - 1].end).toBe(end);
    shifts.slice(1).forEach((piece, i) => expect(piece.start).toBe(shifts[i].end));
  };

  test('the default window (this week and the next) for every schedule, only JSON on stdout', () => {
    const r = ok(s.run(['timeline', '--json']));
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
    expect(data.window).toEqual({ start: '2026-11-22T23:00:00Z', end: '2026-12-06T23:00:00Z', days: 14, zone: 'Europe/Berlin' });
    expect(data.schedules.map((x: any) => x.schedule)).toEqual(['payments-primary', 'payments-secondary', 'platform-primary']);
    for (const schedule of data.schedules) tiles(schedule.final, data.window.start, data.window.end);
    // alice takes payments-secondary at Mon 30 Nov 09:00 Berlin.
    const secondary = data.schedules[1].final.map((x: any) => `${x.person} ${x.start}`);
    expect(secondary).toContain('alice 2026-11-30T08:00:00Z');
  });

  test('layers, overrides and final lanes with person ids and UTC instants; the people shown', () => {
    const r = ok(s.run(['timeline', '--json', '--schedule', 'payments-primary', '--from', '2026-12-21', '--days', '7']));
    const data = JSON.parse(r.stdout);
    expect(data.window).toMatchObject({ start: '2026-12-20T23:00:00Z', end: '2026-12-27T23:00:00Z', days: 7 });
    const [primary] = data.schedules;
    expect(primary).toMatchObject({ schedule: 'payments-primary', name: 'Payments primary', timezone: 'Europe/Berlin' });
    expect(primary.layers.map((l: any) => l.layer)).toEqual(['weekly', 'business-hours']);
    expect(primary.overrides).toEqual([{
      schedule: 'payments-primary', person: 'dave', start: '2026-12-23T23:00:00Z', end: '2026-12-26T23:00:00Z',
      source: 'override', reason: 'Christmas swap, carol is travelling',
    }]);
    tiles(primary.final, data.window.start, data.window.end);
    expect(primary.final[0]).toMatchObject({ person: 'bob', start: '2026-12-20T23:00:00Z', source: 'layer:weekly' });
    expect(data.people.map((p: any) => p.person)).toEqual(['bob', 'carol', 'dave', 'erin']);
    // The colour given in the YAML, or null where the picture picks a stable one itself.
    expect(data.people[1]).toEqual({ person: 'carol', name: 'Carol Danvers', color: '#98c379' });
    expect(data.people[2]).toEqual({ person: 'dave', name: 'Dave Lister', color: null });
  });
});
