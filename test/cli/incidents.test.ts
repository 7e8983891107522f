// Incidents (issue #7): open against an escalation policy (a snapshot of the resolved chain),
// acknowledge, resolve, list, show (events, time to acknowledge/resolve), the audit log, and
// `oncall who --policy`.
//
// The fixture keeps every schedule in UTC and the viewer in UTC. Now is Monday 2026-11-23 12:00Z.
//   primary: daily handoff at 12:10, members [ann, ben]: ann until 12:10 today, then ben.
//   steady:  only dan.   nights: cat, 20:00–08:00 only.   team leads: [eve, fay].
//   main:  [schedule:primary] 0m, [schedule:primary, person:cat] 15m, [team:leads] 30m.
//   loop:  [schedule:steady] 0m, [person:eve, schedule:steady] 10m, [team:leads] 25m, repeat 2
//          (runs 40 minutes apart).

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, session, writeYaml, type Env, type Result, type Session } from './helpers.js';
import { OPS_POLICIES, OPS_ROTA } from './ops-fixture.js';
import { log, refused } from './manage-helpers.js';

afterAll(cleanup);

const UTC = { ONCALL_TZ: 'UTC', ONCALL_USER: 'ann' };

const BASE = `${OPS_ROTA}escalation_policies:
${OPS_POLICIES}  - id: front
    team: ops
    levels:
      - targets: [schedule:nights, person:dan, team:leads]
      - targets: [schedule:primary]
        after: 5m
`;

function setup(): Session {
  const s = session(UTC);
  ok(s.run(['apply', '-f', writeYaml(BASE, 'team.yaml', s.dir)]));
  return s;
}

const at = (time: string): Env => ({ ONCALL_NOW: time });

interface Event {
  at: string;
  event: string;
  level?: number;
  run?: number;
  people?: string[];
  by?: string;
  note?: string;
}

/** "at event [level/run] [people] by note", compact enough to compare whole timelines. */
function events(detail: { events: Event[] }): string[] {
  return detail.events.map((e) =>
    [e.at, e.event, e.level === undefined ? '' : `${e.level}/${e.run}`, e.people ? `[${e.people.join(',')}]` : '', e.by ? `by ${e.by}` : '', e.note ?? '']
      .filter(Boolean)
      .join(' '),
  );
}

/** The chain as "level/run at [paged] skipped:[…]". */
function chain(steps: { level: number; run: number; at: string; people: string[]; skipped: string[]; gap: boolean }[]): string[] {
  return steps.map((s) => `${s.level}/${s.run} ${s.at} [${s.people.join(',')}]${s.skipped.length ? ` skipped:[${s.skipped.join(',')}]` : ''}${s.gap ? ' GAP' : ''}`);
}

function show(s: Session, id: number, env: Env = {}): any {
  return json(ok(s.run(['incident', 'show', String(id), '--json'], env)));
}

function rows(r: Result): string[] {
  return r.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
}

const MAIN_AT_NOON = ['1/0 2026-11-23T12:00:00Z [ann]', '2/0 2026-11-23T12:15:00Z [ben,cat]', '3/0 2026-11-23T12:30:00Z [eve,fay]'];

describe('incident lifecycle', () => {
  test('open now: the chain is recorded; show has notified and pending levels; ack stops the escalation; resolve', () => {
    const s = setup();
    const opened = ok(s.run(['incident', 'open', 'Checkout down', '--policy', 'main', '--severity', 'sev1']));
    expect(opened.stdout).toContain('Opened incident 1: Checkout down (sev1, main) at Mon 23 Nov 12:00.');
    // The handoff at 12:10: level 2 (12:15) pages ben.
    expect(rows(opened)).toContain('2 +15m 12:15 schedule:primary Ben Bow');
    expect(opened.stdout).toContain('oncall incident ack 1');

    const open = show(s, 1, at('2026-11-23T12:20:00Z'));
    expect(open).toMatchObject({
      id: 1,
      title: 'Checkout down',
      policy: 'main',
      severity: 'sev1',
      status: 'open',
      openedAt: '2026-11-23T12:00:00Z',
      acknowledgedAt: null,
      resolvedAt: null,
      timeToAcknowledge: null,
      timeToResolve: null,
    });
    expect(chain(open.chain)).toEqual(MAIN_AT_NOON);
    expect(events(open)).toEqual([
      '2026-11-23T12:00:00Z opened by ann',
      '2026-11-23T12:00:00Z notified 1/0 [ann]',
      '2026-11-23T12:15:00Z notified 2/0 [ben,cat]',
      '2026-11-23T12:30:00Z pending 3/0 [eve,fay]',
    ]);

    // ONCALL_USER=ann acknowledges at 12:20: the leads are never paged.
    const ack = ok(s.run(['incident', 'ack', '1'], at('2026-11-23T12:20:00Z')));
    expect(ack.stdout.trim()).toBe('Acknowledged incident 1 as Ann Arbor, 20m after it opened.');
    const acked = show(s, 1, at('2026-11-23T12:45:00Z'));
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-11-23T12:20:00Z', acknowledgedBy: 'ann', timeToAcknowledge: 1200, timeToResolve: null });
    expect(events(acked)).toEqual([
      '2026-11-23T12:00:00Z opened by ann',
      '2026-11-23T12:00:00Z notified 1/0 [ann]',
      '2026-11-23T12:15:00Z notified 2/0 [ben,cat]',
      '2026-11-23T12:20:00Z acknowledged by ann',
    ]);

    const resolved = ok(s.run(['incident', 'resolve', '1', '--by', 'ben', '--note', 'Rolled back the deploy'], at('2026-11-23T13:00:00Z')));
    expect(resolved.stdout.trim()).toBe('Resolved incident 1 as Ben Bow, 1h after it opened.');
    const done = show(s, 1, at('2026-11-23T14:00:00Z'));
    expect(done).toMatchObject({
      status: 'resolved',
      acknowledgedBy: 'ann',
      resolvedAt: '2026-11-23T13:00:00Z',
      resolvedBy: 'ben',
      note: 'Rolled back the deploy',
      timeToAcknowledge: 1200,
      timeToResolve: 3600,
    });
    expect(events(done).slice(-2)).toEqual(['2026-11-23T12:20:00Z acknowledged by ann', '2026-11-23T13:00:00Z resolved by ben Rolled back the deploy']);
    expect(chain(done.chain)).toEqual(MAIN_AT_NOON);
  });

  test('back-dated with --at, acknowledged and resolved by others with --at: times in seconds, repeats in the timeline', () => {
    const s = setup();
    const opened = json(ok(s.run(['incident', 'open', 'Queue backlog', '--policy', 'loop', '--at', '2026-11-23T11:50:00Z', '--json'])));
    expect(opened).toMatchObject({ id: 1, severity: 'sev3', status: 'open', openedAt: '2026-11-23T11:50:00Z', openedBy: 'ann' });
    expect(chain(opened.chain)).toEqual([
      '1/0 2026-11-23T11:50:00Z [dan]',
      '2/0 2026-11-23T12:00:00Z [eve] skipped:[dan]',
      '3/0 2026-11-23T12:15:00Z [fay] skipped:[eve]',
      '1/1 2026-11-23T12:30:00Z [dan]',
      '2/1 2026-11-23T12:40:00Z [eve] skipped:[dan]',
      '3/1 2026-11-23T12:55:00Z [fay] skipped:[eve]',
      '1/2 2026-11-23T13:10:00Z [dan]',
      '2/2 2026-11-23T13:20:00Z [eve] skipped:[dan]',
      '3/2 2026-11-23T13:35:00Z [fay] skipped:[eve]',
    ]);

    // At 12:30 eve says she acknowledged at 12:20 (after levels 1–3 of the first run).
    const ack = ok(s.run(['incident', 'ack', '1', '--by', 'eve', '--at', '2026-11-23T12:20:00Z'], at('2026-11-23T12:30:00Z')));
    expect(ack.stdout.trim()).toBe('Acknowledged incident 1 as Eve Ent, 30m after it opened.');
    ok(s.run(['incident', 'resolve', '1', '--by', 'dan', '--at', '2026-11-23T12:45:00Z', '--note', 'Drained the queue'], at('2026-11-23T13:00:00Z')));

    const detail = show(s, 1, at('2026-11-23T13:00:00Z'));
    expect(detail).toMatchObject({
      status: 'resolved',
      acknowledgedAt: '2026-11-23T12:20:00Z',
      acknowledgedBy: 'eve',
      resolvedAt: '2026-11-23T12:45:00Z',
      resolvedBy: 'dan',
      timeToAcknowledge: 1800,
      timeToResolve: 3300,
    });
    expect(events(detail)).toEqual([
      '2026-11-23T11:50:00Z opened by ann',
      '2026-11-23T11:50:00Z notified 1/0 [dan]',
      '2026-11-23T12:00:00Z notified 2/0 [eve]',
      '2026-11-23T12:15:00Z notified 3/0 [fay]',
      '2026-11-23T12:20:00Z acknowledged by eve',
      '2026-11-23T12:45:00Z resolved by dan Drained the queue',
    ]);

    const human = ok(s.run(['incident', 'show', '1'], at('2026-11-23T13:00:00Z')));
    expect(human.stdout).toContain('Time to acknowledge: 30m · time to resolve: 55m');
    expect(rows(human)).toContain('Mon 23 Nov 12:20 acknowledged by Eve Ent');
    expect(rows(human)).toContain('Mon 23 Nov 12:45 resolved by Dan Dee: Drained the queue');
    expect(rows(human)).toContain('1 ↻1 +40m 12:30 schedule:steady Dan Dee');

    const [summary] = json(ok(s.run(['incident', 'list', '--json'], at('2026-11-23T13:00:00Z'))));
    expect(summary).toMatchObject({ id: 1, status: 'resolved', timeToAcknowledge: 1800, timeToResolve: 3300 });
    expect(summary.chain).toBeUndefined();
  });

  test('resolving an incident nobody acknowledged also acknowledges it', () => {
    const s = setup();
    ok(s.run(['incident', 'open', 'Disk full', '--policy', 'main']));
    ok(s.run(['incident', 'resolve', '1', '--by', 'ben', '--at', '2026-11-23T12:40:00Z'], at('2026-11-23T13:00:00Z')));
    const detail = show(s, 1, at('2026-11-23T13:00:00Z'));
    expect(detail).toMatchObject({
      status: 'resolved',
      acknowledgedAt: '2026-11-23T12:40:00Z',
      acknowledgedBy: 'ben',
      resolvedAt: '2026-11-23T12:40:00Z',
      resolvedBy: 'ben',
      timeToAcknowledge: 2400,
      timeToResolve: 2400,
    });
    const timeline = events(detail);
    expect(timeline.slice(0, 4)).toEqual([
      '2026-11-23T12:00:00Z opened by ann',
      '2026-11-23T12:00:00Z notified 1/0 [ann]',
      '2026-11-23T12:15:00Z notified 2/0 [ben,cat]',
      '2026-11-23T12:30:00Z notified 3/0 [eve,fay]',
    ]);
    expect(timeline[timeline.length - 1]).toBe('2026-11-23T12:40:00Z resolved by ben');
    expect(timeline.some((e) => e.includes('pending'))).toBe(false);
    // Already resolved, so it cannot be acknowledged now either.
    refused(s, ['incident', 'ack', '1'], 'incident 1 is already resolved', at('2026-11-23T13:00:00Z'));
  });

  test('a chain with a gap: the incident opens with a warning, and the level is marked in its chain', () => {
    const s = setup();
    const human = s.run(['incident', 'open', 'Night pager test', '--policy', 'gappy']);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/level 2 .*reaches nobody/);
    expect(rows(human)).toContain('2 +10m 12:10 schedule:nights nobody (gap)');
    const r = s.run(['incident', 'open', 'Night pager test', '--policy', 'gappy', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const opened = json(r);
    expect(chain(opened.chain)).toEqual(['1/0 2026-11-23T12:00:00Z [ann]', '2/0 2026-11-23T12:10:00Z [] GAP', '3/0 2026-11-23T12:20:00Z [eve]']);
    const detail = show(s, 2, at('2026-11-23T12:15:00Z'));
    expect(detail.events.find((e: Event) => e.level === 2)).toMatchObject({ at: '2026-11-23T12:10:00Z', people: [] });
    expect(events(detail).pop()).toBe('2026-11-23T12:20:00Z pending 3/0 [eve]');
  });

  test('list: newest first, --open, --since, --json; the human table', () => {
    const s = setup();
    ok(s.run(['incident', 'open', 'Old one', '--policy', 'main', '--severity', 'sev2', '--at', '2026-11-23T09:00:00Z']));
    ok(s.run(['incident', 'open', 'New one', '--policy', 'loop', '--at', '2026-11-23T11:30:00Z']));
    ok(s.run(['incident', 'resolve', '1', '--by', 'ben', '--at', '2026-11-23T10:30:00Z']));

    const all = json(ok(s.run(['incident', 'list', '--json'])));
    expect(all.map((i: any) => `${i.id} ${i.title} ${i.severity} ${i.status} ${i.timeToAcknowledge} ${i.timeToResolve}`)).toEqual([
      '2 New one sev3 open null null',
      '1 Old one sev2 resolved 5400 5400',
    ]);
    expect(json(ok(s.run(['incident', 'list', '--open', '--json']))).map((i: any) => i.id)).toEqual([2]);
    expect(json(ok(s.run(['incident', 'list', '--since', '2026-11-23T10:00:00Z', '--json']))).map((i: any) => i.id)).toEqual([2]);
    expect(json(ok(s.run(['incident', 'list', '--since', '2026-11-23T12:00:00Z', '--json'])))).toEqual([]);

    const table = rows(ok(s.run(['incident', 'list'])));
    expect(table).toContain('2 sev3 open Mon 23 Nov 11:30 — — New one');
    expect(table).toContain('1 sev2 resolved Mon 23 Nov 09:00 1h 30m 1h 30m Old one');
    expect(ok(s.run(['incident', 'list', '--since', '2026-11-23T12:00:00Z'])).stdout.trim()).toBe('No incidents.');
  });

  test('bad input: exit 2, one line, nothing changed', () => {
    const s = setup();
    ok(s.run(['incident', 'open', 'First', '--policy', 'main']));
    ok(s.run(['incident', 'open', 'Second', '--policy', 'main']));
    ok(s.run(['incident', 'ack', '2', '--by', 'ben']));
    ok(s.run(['incident', 'open', 'Third', '--policy', 'main']));
    ok(s.run(['incident', 'resolve', '3', '--by', 'ben']));

    refused(s, ['incident', 'ack', '2'], 'incident 2 was already acknowledged by ben');
    refused(s, ['incident', 'resolve', '3'], 'incident 3 is already resolved');
    refused(s, ['incident', 'ack', '3'], 'incident 3 is already resolved');
    for (const verb of ['ack', 'resolve', 'show']) refused(s, ['incident', verb, '9'], 'there is no incident 9');
    refused(s, ['incident', 'show', 'abc'], '"abc" is not an incident number');
    refused(s, ['incident', 'ack', '1', '--at', '2026-11-23T11:00:00Z'], 'incident 1 was opened after that time');
    refused(s, ['incident', 'resolve', '1', '--at', '2026-11-23T11:00:00Z'], 'incident 1 was opened after that time');
    refused(s, ['incident', 'ack', '1', '--at', '2026-11-23T13:00:00Z'], 'in the future');
    refused(s, ['incident', 'ack', '1', '--by', 'zed'], 'unknown person "zed"');
    refused(s, ['incident', 'open', 'Later', '--policy', 'main', '--at', '2026-11-23T13:00:00Z'], 'cannot open in the future');
    refused(s, ['incident', 'open', 'Bad', '--policy', 'main', '--severity', 'sev9'], 'severity "sev9" is not one of sev1, sev2, sev3, sev4, sev5');
    refused(s, ['incident', 'open', 'Bad', '--policy', 'nope'], 'unknown escalation policy "nope"');
    refused(s, ['incident', 'open', ' ', '--policy', 'main'], 'title');
    expect(json(ok(s.run(['incident', 'list', '--json']))).map((i: any) => `${i.id} ${i.status}`)).toEqual(['3 resolved', '2 acknowledged', '1 open']);
  });

  test('the audit log has an entry for each open, acknowledge and resolve', () => {
    const s = setup();
    ok(s.run(['incident', 'open', 'Checkout down', '--policy', 'main', '--severity', 'sev1', '--at', '2026-11-23T11:30:00Z']));
    ok(s.run(['incident', 'ack', '1', '--by', 'ben', '--at', '2026-11-23T11:40:00Z'], at('2026-11-23T12:10:00Z')));
    ok(s.run(['incident', 'resolve', '1', '--note', 'Fixed'], at('2026-11-23T12:20:00Z')));
    const entries = log(s)
      .filter((e) => e.entity === 'incident:1')
      .map((e) => ({ at: e.at, actor: e.actor, action: e.action, new: e.new }))
      .sort((a, b) => a.at.localeCompare(b.at));
    expect(entries).toEqual([
      { at: '2026-11-23T12:00:00Z', actor: 'ann', action: 'open', new: { title: 'Checkout down', policy: 'main', severity: 'sev1', openedAt: '2026-11-23T11:30:00Z' } },
      { at: '2026-11-23T12:10:00Z', actor: 'ann', action: 'acknowledge', new: { acknowledgedAt: '2026-11-23T11:40:00Z', acknowledgedBy: 'ben' } },
      { at: '2026-11-23T12:20:00Z', actor: 'ann', action: 'resolve', new: { resolvedAt: '2026-11-23T12:20:00Z', resolvedBy: 'ann', note: 'Fixed' } },
    ]);
  });
});

describe('an incident keeps the responders it opened with', () => {
  test('after override add: incident show still names them, escalate at the same time names the override', () => {
    const s = setup();
    ok(s.run(['incident', 'open', 'Checkout down', '--policy', 'main']));
    ok(s.run(['override', 'add', '--schedule', 'primary', '--person', 'dan', '--from', '2026-11-23T11:00:00Z', '--to', '2026-11-23T12:20:00Z']));

    const escalated = json(ok(s.run(['escalate', 'main', '--at', '2026-11-23T12:00:00Z', '--json'])));
    expect(chain(escalated.steps)).toEqual([
      '1/0 2026-11-23T12:00:00Z [dan]',
      '2/0 2026-11-23T12:15:00Z [cat] skipped:[dan]',
      '3/0 2026-11-23T12:30:00Z [eve,fay]',
    ]);
    const detail = show(s, 1);
    expect(chain(detail.chain)).toEqual(MAIN_AT_NOON);
    expect(detail.chain[1].targets).toEqual([
      { target: 'schedule:primary', people: ['ben'] },
      { target: 'person:cat', people: ['cat'] },
    ]);
    expect(events(detail)[1]).toBe('2026-11-23T12:00:00Z notified 1/0 [ann]');
    expect(rows(ok(s.run(['incident', 'show', '1'])))).toContain('1 +0m 12:00 schedule:primary Ann Arbor');
    // who --policy answers for now: the override.
    expect(json(ok(s.run(['who', '--policy', 'main', '--json'])))[0]).toMatchObject({ person: 'dan', source: 'override' });
  });

  test('after apply of a changed layer with --effective: incident show still names them, escalate names the new ones', () => {
    const s = setup();
    ok(s.run(['incident', 'open', 'Checkout down', '--policy', 'main']));
    const changed = BASE.replace('members: [ann, ben]', 'members: [cat, fay]');
    expect(changed).not.toBe(BASE);
    ok(s.run(['apply', '-f', writeYaml(changed, 'team.yaml', s.dir), '--effective', '2026-11-23T12:10:00Z']));

    // From 12:10 ben's turn (he was removed) goes to the new list's first, cat: nobody after
    // him in the old order stayed (docs/scheduling.md, "Changing a rotation").
    expect(chain(json(ok(s.run(['escalate', 'main', '--at', '2026-11-23T12:00:00Z', '--json']))).steps)).toEqual([
      '1/0 2026-11-23T12:00:00Z [ann]',
      '2/0 2026-11-23T12:15:00Z [cat]',
      '3/0 2026-11-23T12:30:00Z [eve,fay]',
    ]);
    const detail = show(s, 1, at('2026-11-23T12:20:00Z'));
    expect(chain(detail.chain)).toEqual(MAIN_AT_NOON);
    expect(events(detail).slice(2)).toEqual(['2026-11-23T12:15:00Z notified 2/0 [ben,cat]', '2026-11-23T12:30:00Z pending 3/0 [eve,fay]']);
  });
});

describe('oncall who --policy', () => {
  test('level 1 of the policy now: one element per person, with the schedule answer for schedule targets', () => {
    const s = setup();
    expect(json(ok(s.run(['who', '--policy', 'main', '--json'])))).toEqual([
      {
        policy: 'main',
        level: 1,
        target: 'schedule:primary',
        schedule: 'primary',
        person: 'ann',
        name: 'Ann Arbor',
        start: '2026-11-22T12:10:00Z',
        end: '2026-11-23T12:10:00Z',
        source: 'layer:daily',
        next: { person: 'ben', name: 'Ben Bow', start: '2026-11-23T12:10:00Z' },
      },
    ]);
    // After the 12:10 handoff.
    expect(json(ok(s.run(['who', '--policy', 'main', '--at', '2026-11-23T12:30:00Z', '--json'])))[0]).toMatchObject({
      person: 'ben', start: '2026-11-23T12:10:00Z', end: '2026-11-24T12:10:00Z', next: { person: 'ann' },
    });
  });

  test('a schedule in its gap, a person and a team', () => {
    const s = setup();
    const front = json(ok(s.run(['who', '--policy', 'front', '--json'])));
    expect(front.map((r: any) => `${r.target} ${r.person}`)).toEqual(['schedule:nights null', 'person:dan dan', 'team:leads eve', 'team:leads fay']);
    expect(front[0]).toMatchObject({ policy: 'front', level: 1, schedule: 'nights', person: null, name: null, start: '2026-11-23T08:00:00Z', end: '2026-11-23T20:00:00Z', next: { person: 'cat' } });
    expect(front[1]).toMatchObject({ policy: 'front', level: 1, person: 'dan', name: 'Dan Dee' });
    expect(front[3]).toMatchObject({ person: 'fay', name: 'Fay Fox' });
    expect(json(ok(s.run(['who', '--policy', 'front', '--at', '2026-11-23T21:00:00Z', '--json'])))[0]).toMatchObject({ person: 'cat', start: '2026-11-23T20:00:00Z' });

    const human = rows(ok(s.run(['who', '--policy', 'front'])));
    expect(human.some((l) => l.startsWith('schedule:nights no one (gap)'))).toBe(true);
    expect(human).toContain('team:leads Fay Fox — — —');
    refused(s, ['who', '--policy', 'nope'], 'unknown escalation policy "nope"');
  });
});
