// `oncall apply` and `oncall export yaml` end to end: plan, idempotence, --dry-run, --json,
// --prune and the YAML round trip.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { cleanup, EXAMPLES, json, ok, pending, session, tempDir, writeYaml } from './helpers.js';

afterAll(cleanup);

describe('apply examples/acme.yaml', () => {
  test('prints a plan of everything it adds and exits 0', () => {
    const s = session();
    const r = ok(s.run(['apply', '-f', EXAMPLES.acme]));
    expect(r.stderr).toBe('');
    for (const id of ['alice', 'heidi', 'payments', 'platform', 'payments-primary', 'payments-secondary', 'platform-primary']) {
      expect(r.stdout).toContain(id);
    }
    expect(r.stdout).toMatch(/payments-primary\/weekly/);
    expect(r.stdout).toMatch(/payments-primary\/business-hours/);
    expect(r.stdout).toMatch(/19 to add, 0 to change, 0 to remove/);
    expect(r.stdout).not.toMatch(/No changes/);
  });

  test('applying the same file again says "No changes." and changes nothing', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    const exported = ok(s.run(['export', 'yaml'])).stdout;
    const again = ok(s.run(['apply', '-f', EXAMPLES.acme]));
    expect(again.stdout.trim()).toBe('No changes.');
    expect(ok(s.run(['export', 'yaml'])).stdout).toBe(exported);
  });

  test('--dry-run prints the plan but changes nothing', () => {
    const s = session();
    const dry = pending(s.run(['apply', '-f', EXAMPLES.acme, '--dry-run']));
    expect(dry.stdout).toMatch(/19 to add/);
    expect(dry.stdout).toMatch(/nothing was changed/i);
    expect(json(ok(s.run(['who', '--json'])))).toEqual([]);
    const real = ok(s.run(['apply', '-f', EXAMPLES.acme]));
    expect(real.stdout).toMatch(/19 to add/);
    expect(real.stdout).not.toMatch(/No changes/);
    expect(json(ok(s.run(['who', '--json'])))).toHaveLength(3);
  });

  test('--dry-run of a change leaves the current state in place', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    const before = ok(s.run(['export', 'yaml'])).stdout;
    const changed = fs.readFileSync(EXAMPLES.acme, 'utf8').replace('members: [alice, bob, carol]', 'members: [carol, bob]');
    const dry = pending(s.run(['apply', '-f', writeYaml(changed), '--dry-run']));
    expect(dry.stdout).toMatch(/payments-primary\/weekly.*carol, bob/);
    expect(dry.stdout).toMatch(/1 to change/);
    expect(ok(s.run(['export', 'yaml'])).stdout).toBe(before);
  });

  test('--json prints the plan as JSON: effective, applied, changes, untouched, noEffect, kept, adopted', () => {
    const s = session();
    const first = json(ok(s.run(['apply', '-f', EXAMPLES.acme, '--json'])));
    expect(first).toMatchObject({ effective: '2026-11-23T12:00:00Z', applied: true, untouched: [], noEffect: [] });
    expect(first.changes).toHaveLength(19);
    const count = (entity: string) => first.changes.filter((c: any) => c.entity === entity).length;
    expect([count('person'), count('team'), count('schedule'), count('layer'), count('override')]).toEqual([8, 2, 3, 4, 2]);
    for (const c of first.changes) expect(c.action).toBe('add');
    expect(first.changes).toContainEqual(expect.objectContaining({ entity: 'layer', id: 'business-hours', schedule: 'payments-primary' }));
    const second = json(ok(s.run(['apply', '-f', EXAMPLES.acme, '--json'])));
    expect(second).toEqual({
      effective: '2026-11-23T12:00:00Z', applied: false, changes: [], untouched: [], noEffect: [], kept: [], adopted: [],
      window: { start: '2026-11-23T12:00:00Z', end: '2026-12-21T12:00:00Z' }, consequences: [],
    });
  });

  test('--json --dry-run reports applied: false and stdout holds only JSON', () => {
    const s = session();
    const r = pending(s.run(['apply', '-f', EXAMPLES.acme, '--json', '--dry-run']));
    const plan = json(r);
    expect(plan.applied).toBe(false);
    expect(plan.changes).toHaveLength(19);
    expect(json(ok(s.run(['who', '--json'])))).toEqual([]);
  });
});

describe('export yaml for other YAML readers', () => {
  test('clock times are quoted: a YAML 1.1 reader gets "17:00", not the base-60 number 1020', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    const text = ok(s.run(['export', 'yaml'])).stdout;
    expect(text).toContain('from: "09:00"');
    expect(text).toContain('to: "17:00"');
    const old = YAML.parse(text, { version: '1.1' });
    const layer = old.schedules.flatMap((x: { layers: { restrictions?: unknown[] }[] }) => x.layers).find((l: { restrictions?: unknown[] }) => l.restrictions);
    expect(layer.restrictions[0]).toMatchObject({ from: '09:00', to: '17:00' });
    // And oncall reads its own export back as the same definition.
    expect(ok(s.run(['apply', '-f', writeYaml(text)])).stdout.trim()).toBe('No changes.');
  });
});

describe('--prune', () => {
  function twoSetups() {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme, '-f', EXAMPLES.weekend]));
    return s;
  }

  test('without it, objects the file does not mention are kept and listed as kept', () => {
    const s = twoSetups();
    const r = ok(s.run(['apply', '-f', EXAMPLES.weekend, '--json']));
    const plan = json(r);
    expect(plan.changes).toEqual([]);
    expect(plan.untouched).toEqual(expect.arrayContaining(['schedule payments-primary', 'team payments', 'person alice']));
    expect(plan.untouched).toHaveLength(8 + 2 + 3);
    const ids = json(ok(s.run(['who', '--json']))).map((e: any) => e.schedule);
    expect(ids).toEqual(expect.arrayContaining(['payments-primary', 'payments-secondary', 'platform-primary', 'storefront']));
  });

  test('the human plan says what is kept and how to remove it', () => {
    const s = twoSetups();
    const r = ok(s.run(['apply', '-f', EXAMPLES.weekend]));
    expect(r.stdout).toMatch(/No changes\./);
    expect(r.stdout).toMatch(/--prune/);
    // The kept schedules are what matters most; they must be named, not hidden behind "…".
    for (const id of ['payments-primary', 'payments-secondary', 'platform-primary']) expect(r.stdout).toContain(id);
  });

  test('with it, they are removed and the plan lists each removal', () => {
    const s = twoSetups();
    const dry = pending(s.run(['apply', '-f', EXAMPLES.weekend, '--prune', '--dry-run']));
    expect(dry.stdout).toMatch(/- schedule payments-primary/);
    expect(dry.stdout).toMatch(/- team platform/);
    expect(dry.stdout).toMatch(/- person alice/);
    expect(json(ok(s.run(['who', '--json'])))).toHaveLength(4);

    const plan = json(ok(s.run(['apply', '-f', EXAMPLES.weekend, '--prune', '--json'])));
    expect(plan.applied).toBe(true);
    expect(plan.changes.every((c: any) => c.action === 'remove')).toBe(true);
    expect(plan.changes).toHaveLength(13);
    expect(json(ok(s.run(['who', '--json']))).map((e: any) => e.schedule)).toEqual(['storefront']);
    const exported = ok(s.run(['export', 'yaml'])).stdout;
    expect(exported).not.toMatch(/alice|payments/);
    expect(exported).toMatch(/storefront/);
    expect(ok(s.run(['apply', '-f', EXAMPLES.weekend, '--prune'])).stdout.trim()).toBe('No changes.');
  });
});

describe('export yaml round trip', () => {
  test('exporting all three examples and applying the export changes nothing', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme, '-f', EXAMPLES.sun, '-f', EXAMPLES.weekend]));
    const exported = ok(s.run(['export', 'yaml']));
    expect(exported.stderr).toBe('');
    const file = writeYaml(exported.stdout, 'back.yaml');
    const again = ok(s.run(['apply', '-f', file]));
    expect(again.stdout.trim()).toBe('No changes.');
  });

  test('the export rebuilds the same schedules in an empty database', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme, '-f', EXAMPLES.sun, '-f', EXAMPLES.weekend]));
    const file = writeYaml(ok(s.run(['export', 'yaml'])).stdout, 'back.yaml');
    const copy = session();
    ok(copy.run(['apply', '-f', file]));
    expect(ok(copy.run(['export', 'yaml'])).stdout).toBe(ok(s.run(['export', 'yaml'])).stdout);
    for (const at of ['2026-11-23T12:00', '2026-12-24T03:00', '2026-12-28T20:00', '2027-03-28T02:30']) {
      const who = ['who', '--json', '--at', at];
      expect(json(ok(copy.run(who))), at).toEqual(json(ok(s.run(who))));
    }
    for (const schedule of ['payments-primary', 'sre-follow-the-sun', 'storefront']) {
      const shifts = ['shifts', '--schedule', schedule, '--from', '2026-12-20', '--days', '14', '--json'];
      expect(json(ok(copy.run(shifts))), schedule).toEqual(json(ok(s.run(shifts))));
    }
  });

  test('export writes nothing but YAML to stdout and exits 0 on an empty database', () => {
    const s = session();
    const r = ok(s.run(['export', 'yaml']));
    const file = writeYaml(r.stdout, 'empty.yaml');
    expect(ok(s.run(['apply', '-f', file])).stdout.trim()).toBe('No changes.');
  });

  test('files given together are applied together (one plan, one transaction)', () => {
    const s = session();
    const dir = tempDir();
    const people = writeYaml('version: 1\npeople:\n  - id: zoe\n    name: Zoe\n', 'people.yaml', dir);
    const rest = writeYaml(
      [
        'version: 1',
        'teams:',
        '  - id: z',
        '    name: Z',
        '    members: [zoe]',
        'schedules:',
        '  - id: z-primary',
        '    team: z',
        '    timezone: Europe/Berlin',
        '    layers:',
        '      - id: daily',
        '        start: 2026-01-01T09:00',
        '        shift: 1d',
        '        members: [zoe]',
        '',
      ].join('\n'),
      'rest.yaml',
      dir,
    );
    const r = ok(s.run(['apply', '-f', people, '-f', path.join(dir, 'rest.yaml')]));
    expect(r.stdout).toMatch(/4 to add/);
    expect(json(ok(s.run(['who', '--json'])))[0]).toMatchObject({ schedule: 'z-primary', person: 'zoe', name: 'Zoe' });
    void rest;
  });
});

describe('overrides that have ended', () => {
  // History is never rewritten: an override that is over is left alone by apply, even when
  // the file no longer lists it, with or without --prune. Now is Mon 23 Nov 2026 12:00 UTC.
  const swap = '        reason: Christmas swap, carol is travelling\n';
  const withExtra = () => fs.readFileSync(EXAMPLES.acme, 'utf8').replace(swap, `${swap}      - person: erin
        from: 2026-11-16T09:00
        to: 2026-11-17T09:00
        reason: ended last week
      - person: erin
        from: 2026-12-01T09:00
        to: 2026-12-02T09:00
        reason: still to come
`);

  test('are neither planned as removals nor removed; the coming one is', () => {
    const s = session();
    const text = withExtra();
    expect(text).toContain('ended last week');
    ok(s.run(['apply', '-f', writeYaml(text)]));
    const pastShifts = ok(s.run(['shifts', '--schedule', 'payments-primary', '--from', '2026-11-16', '--days', '2', '--json'])).stdout;
    expect(pastShifts).toContain('"person": "erin"');

    const coming = 'erin 2026-12-01T08:00:00Z/2026-12-02T08:00:00Z';
    const changes = (args: string[]) => {
      const r = s.run(['apply', '-f', EXAMPLES.acme, '--json', ...args]);
      return json(args.includes('--dry-run') ? pending(r) : ok(r)).changes.map((c: any) => `${c.action} ${c.entity} ${c.id}`);
    };
    expect(changes(['--prune', '--dry-run'])).toEqual([`remove override ${coming}`]);
    expect(changes([])).toEqual([`remove override ${coming}`]);

    const exported = ok(s.run(['export', 'yaml'])).stdout;
    expect(exported).toContain('ended last week');
    expect(exported).not.toContain('still to come');
    expect(ok(s.run(['shifts', '--schedule', 'payments-primary', '--from', '2026-11-16', '--days', '2', '--json'])).stdout).toBe(pastShifts);
    expect(ok(s.run(['apply', '-f', EXAMPLES.acme, '--prune'])).stdout.trim()).toBe('No changes.');
  });
});
