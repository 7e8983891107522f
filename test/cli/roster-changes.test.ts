// Issue 14, item 1: the examples of position-keeping roster changes, exactly as the issue
// states them. UTC, a weekly layer [ann, ben, cyd] from Mon 2026-11-02 09:00; the lead applies
// a change on Tue 2026-11-17 12:00, while cyd is on call.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, session, writeYaml, type Session, type Shift } from './helpers.js';
import { log } from './manage-helpers.js';

afterAll(cleanup);

const SET_UP = { ONCALL_NOW: '2026-11-01T00:00:00Z', ONCALL_TZ: 'UTC' };
const TUESDAY = { ONCALL_NOW: '2026-11-17T12:00:00Z', ONCALL_TZ: 'UTC' };

function team(members: string, extra = ''): string {
  return `version: 1
people: [{id: ann, name: Ann}, {id: ben, name: Ben}, {id: cyd, name: Cyd}, {id: dot, name: Dot}]
teams: [{id: ops, name: Ops, members: [ann, ben, cyd, dot]}]
schedules:
  - id: primary
    team: ops
    name: Primary
    timezone: UTC
    layers:
      - id: weekly
        start: 2026-11-02T09:00
        shift: 1w
        members: [${members}]${extra}
`;
}

function weekly(): Session {
  const s = session(SET_UP);
  ok(s.run(['apply', '-f', writeYaml(team('ann, ben, cyd'))], SET_UP));
  return s;
}

function turns(s: Session, from = '2026-11-09T09:00:00Z', to = '2026-12-21T09:00:00Z'): string[] {
  const list = json<Shift[]>(ok(s.run(['shifts', '--schedule', 'primary', '--from', from, '--to', to, '--json'], TUESDAY)));
  return list.map((x) => `${x.start.slice(5, 16)} ${x.person}`);
}

describe('the issue\'s examples', () => {
  test('[dot, ann, ben, cyd]: cyd until Mon 23 Nov 09:00, then dot, ann (30 Nov), ben (7 Dec), cyd (14 Dec)', () => {
    const s = weekly();
    const plan = ok(s.run(['apply', '-f', writeYaml(team('dot, ann, ben, cyd'))], TUESDAY));
    expect(plan.stdout).toContain('~ layer primary/weekly: every 1w, dot, ann, ben, cyd (members); takes effect Mon 23 Nov 09:00');
    expect(turns(s)).toEqual([
      '11-09T09:00 ben', '11-16T09:00 cyd', '11-23T09:00 dot', '11-30T09:00 ann', '12-07T09:00 ben', '12-14T09:00 cyd',
    ]);
    expect(log(s, [], TUESDAY)[0]).toMatchObject({ entity: 'layer:primary/weekly', at: '2026-11-17T12:00:00Z', effective: '2026-11-23T09:00:00Z' });
  });

  test('[ann, ben]: cyd until 23 Nov, then ann, ben (30 Nov), ann (7 Dec)', () => {
    const s = weekly();
    ok(s.run(['apply', '-f', writeYaml(team('ann, ben'))], TUESDAY));
    expect(turns(s)).toEqual(['11-09T09:00 ben', '11-16T09:00 cyd', '11-23T09:00 ann', '11-30T09:00 ben', '12-07T09:00 ann', '12-14T09:00 ben']);
  });

  test('[ann, ben] with --effective now: ann from Tue 17 Nov 12:00, ben from 23 Nov, ann from 30 Nov', () => {
    const s = weekly();
    const plan = ok(s.run(['apply', '-f', writeYaml(team('ann, ben')), '--effective', 'now'], TUESDAY));
    expect(plan.stdout).toContain('Plan (takes effect Tue 17 Nov 12:00)');
    expect(plan.stdout).not.toContain('takes effect Mon 23 Nov');
    expect(turns(s)).toEqual([
      '11-09T09:00 ben', '11-16T09:00 cyd', '11-17T12:00 ann', '11-23T09:00 ben', '11-30T09:00 ann', '12-07T09:00 ben', '12-14T09:00 ann',
    ]);
  });

  test('the same from the command line: layer edit waits for the handoff and says so; --effective now does not', () => {
    const s = weekly();
    const r = ok(s.run(['layer', 'edit', 'primary', 'weekly', '--members', 'dot,ann,ben,cyd'], TUESDAY));
    expect(r.stdout).toContain("It takes effect Mon 23 Nov 09:00, at the layer's next handoff");
    expect(turns(s)).toEqual([
      '11-09T09:00 ben', '11-16T09:00 cyd', '11-23T09:00 dot', '11-30T09:00 ann', '12-07T09:00 ben', '12-14T09:00 cyd',
    ]);
    const now = weekly();
    ok(now.run(['layer', 'edit', 'primary', 'weekly', '--members', 'ann,ben', '--effective', 'now'], TUESDAY));
    expect(turns(now).slice(1, 4)).toEqual(['11-16T09:00 cyd', '11-17T12:00 ann', '11-23T09:00 ben']);
  });

  test('re-applying the same file changes nothing, before and after the change takes effect', () => {
    const s = weekly();
    const file = writeYaml(team('dot, ann, ben, cyd'));
    ok(s.run(['apply', '-f', file], TUESDAY));
    expect(ok(s.run(['apply', '-f', file], TUESDAY)).stdout.trim()).toBe('No changes.');
    expect(ok(s.run(['apply', '-f', file], { ...TUESDAY, ONCALL_NOW: '2026-12-01T00:00:00Z' })).stdout.trim()).toBe('No changes.');
  });
});

describe('other changes of a rotation', () => {
  test('a new shift length starts its grid at E: cyd finishes, then two-week turns from 23 Nov', () => {
    const s = weekly();
    ok(s.run(['apply', '-f', writeYaml(team('ann, ben, cyd').replace('shift: 1w', 'shift: 2w'))], TUESDAY));
    expect(turns(s, '2026-11-16T09:00:00Z', '2027-01-04T09:00:00Z')).toEqual([
      '11-16T09:00 cyd', '11-23T09:00 ann', '12-07T09:00 ben', '12-21T09:00 cyd',
    ]);
  });

  test('a new shift length with --effective now in mid-turn: the turn in progress takes the new length', () => {
    const s = weekly();
    ok(s.run(['apply', '-f', writeYaml(team('ann, ben, cyd').replace('shift: 1w', 'shift: 2w')), '--effective', 'now'], TUESDAY));
    expect(turns(s, '2026-11-16T09:00:00Z', '2027-01-11T09:00:00Z')).toEqual([
      '11-16T09:00 cyd', '11-30T09:00 ann', '12-14T09:00 ben', '12-28T09:00 cyd',
    ]);
  });

  test('a new handoff rule keeps the position and uses its own handoffs', () => {
    const s = weekly();
    const rule = team('ann, ben, cyd').replace('shift: 1w', 'handoffs: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"');
    ok(s.run(['apply', '-f', writeYaml(rule)], TUESDAY));
    expect(turns(s, '2026-11-16T09:00:00Z', '2026-12-03T09:00:00Z')).toEqual([
      '11-16T09:00 cyd', '11-23T09:00 ann', '11-26T09:00 ben', '11-30T09:00 cyd',
    ]);
  });

  test('a new start is an explicit re-anchoring and applies literally', () => {
    const s = weekly();
    ok(s.run(['apply', '-f', writeYaml(team('ann, ben, cyd').replace('start: 2026-11-02T09:00', 'start: 2026-11-18T09:00'))], TUESDAY));
    // From now (the change is not a roster change that waits): nobody until the new start, then ann.
    expect(turns(s, '2026-11-16T09:00:00Z', '2026-12-02T09:00:00Z')).toEqual([
      '11-16T09:00 cyd', '11-17T12:00 null', '11-18T09:00 ann', '11-25T09:00 ben',
    ]);
  });
});

describe('export yaml', () => {
  test('applied to an empty database it gives the same shifts from now on', () => {
    for (const [members, effective] of [['dot, ann, ben, cyd', []], ['ann, ben', ['--effective', 'now']]] as const) {
      const s = weekly();
      ok(s.run(['apply', '-f', writeYaml(team(members)), ...effective], TUESDAY));
      const exported = ok(s.run(['export', 'yaml'], TUESDAY)).stdout;
      const fresh = session(TUESDAY);
      ok(fresh.run(['apply', '-f', writeYaml(exported)], TUESDAY));
      const window = ['2026-11-17T12:00:00Z', '2027-06-01T00:00:00Z'] as const;
      expect(turns(fresh, ...window)).toEqual(turns(s, ...window));
      // And applied back to the same database, it is the same definition.
      expect(ok(s.run(['apply', '-f', writeYaml(exported)], TUESDAY)).stdout.trim()).toBe('No changes.');
    }
  });
});

describe('someone who leaves', () => {
  test('apply --prune that removes the person on call and takes them off the layer hands their turn over at once', () => {
    const s = weekly();
    const without = team('ann, ben').replace('{id: cyd, name: Cyd}, ', '').replace('members: [ann, ben, cyd, dot]', 'members: [ann, ben, dot]');
    const plan = ok(s.run(['apply', '-f', writeYaml(without), '--prune'], TUESDAY));
    expect(plan.stdout).toContain('- person cyd');
    expect(plan.stdout).not.toContain('takes effect Mon 23 Nov');
    expect(turns(s)).toEqual(['11-09T09:00 ben', '11-16T09:00 cyd', '11-17T12:00 ann', '11-23T09:00 ben', '11-30T09:00 ann', '12-07T09:00 ben', '12-14T09:00 ann']);
  });

  test('without --prune the person stays in the directory, and the change waits for the handoff', () => {
    const s = weekly();
    ok(s.run(['apply', '-f', writeYaml(team('ann, ben'))], TUESDAY));
    expect(turns(s).slice(0, 3)).toEqual(['11-09T09:00 ben', '11-16T09:00 cyd', '11-23T09:00 ann']);
  });
});
