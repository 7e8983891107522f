// Output injection (issue 13, class 6): names, reasons, e-mails, titles, notes, `--as`, calendar
// ids and text quoted by errors reach the terminal with every control character, DEL and bidi
// control shown as a visible symbol (␛ ␇ ␍ ␀ ␡ for C0 and DEL, ↵ for a line break, � for C1
// and bidi controls); `--json` keeps every string exactly (escaped, so that the JSON text itself
// holds nothing a terminal would act on).
//
// The rota (hostile-text.ts): schedule s1 rotates mal, bob weekly from Mon 2 Nov 09:00 (bob's
// week from 23 Nov, under a hostile override until 24 Nov); s2 the other way round (mal's
// week); mal is off 25–27 Nov. Now is Mon 23 Nov 12:00Z, everything in UTC.

import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { parse } from 'yaml';
import { cleanup, ok, onPostgres, pending, session, tempDb, testEnv, writeYaml, type Env, type Result, type Session } from './helpers.js';
import { CLEAR, HOSTILE, HOSTILE_YAML, NUL, TITLE, unsafeIn } from './hostile-text.js';

afterAll(cleanup);

/** Each hostile string as the terminal must show it. */
const SHOWN = {
  personName: 'Mallory \ufffd2J \ufffdevil\ufffd \ufffdiso\ufffd \ufffdmark\ufffd',
  email: 'm␛]0;pwned␇@x.example␛[2J',
  timeOffReason: `sick␍  forged line␛[2J${NUL ? '␀' : ''}`,
  teamName: 'Team ␛]0;pwned␇␡\ufffd',
  scheduleName: 'Sched ␛[2J\ufffd1;1H␍\ufffd',
  overrideReason: 'why↵  + person forged (Forged)␛[2J␇',
  policyName: 'Pol \ufffd1;1H\ufffd\ufffd\ufffd',
  incidentTitle: 'Checkout \ufffd2J \ufffddown\ufffd \ufffd',
  note: 'fixed␛]0;pwned␇␍↵forged: line↵sep↵end',
  actor: 'root␛]0;pwned␇␛[2J',
  calendar: 'cal␛]0;pwned␇␛[1A',
  id: 'nope␛[2J␛]0;pwned␇',
};

const calendarEnv = (dir: string): Env => ({ ONCALL_CREDENTIALS: 'file', XDG_CONFIG_HOME: path.join(dir, 'config') });

let s: Session;
beforeAll(() => {
  s = session({ ONCALL_TZ: 'UTC' });
  ok(s.run(['apply', '-f', writeYaml(HOSTILE_YAML, 'hostile.yaml', s.dir)]));
  ok(s.run(['--as', HOSTILE.actor, 'override', 'add', '--schedule', 's2', '--person', 'bob', '--from', '2026-12-10T00:00:00Z', '--to', '2026-12-11T00:00:00Z', '--reason', HOSTILE.overrideReason]));
  ok(s.run(['--as', HOSTILE.actor, 'incident', 'open', HOSTILE.incidentTitle, '--policy', 'p', '--at', '2026-11-23T11:00:00Z']));
  ok(s.run(['incident', 'resolve', '1', '--by', 'mal', '--note', HOSTILE.note, '--at', '2026-11-23T11:30:00Z']));
  ok(s.run(['calendar', 'add', '--provider', 'google', '--calendar', HOSTILE.calendar, '--schedule', 's1'], calendarEnv(s.dir)));
});

/** A human command: nothing unsafe on stdout or stderr, with the expected exit status. */
function human(args: string[], status = 0, env: Env = {}): Result {
  const r = s.run(args, env);
  expect(r.status, r.stderr).toBe(status);
  expect(unsafeIn(r.stdout), r.stdout).toEqual([]);
  expect(unsafeIn(r.stderr), r.stderr).toEqual([]);
  return r;
}

/** The same command with --json: nothing unsafe in the JSON text either, and parsed. */
function machine(args: string[], status = 0, env: Env = {}): any {
  const r = s.run([...args, '--json'], env);
  expect(r.status, r.stderr).toBe(status);
  expect(unsafeIn(r.stdout), r.stdout).toEqual([]);
  return JSON.parse(r.stdout);
}

describe('every human output shows hostile text harmlessly; --json keeps it exactly', () => {
  test('who', () => {
    expect(human(['who']).stdout).toContain(SHOWN.personName);
    expect(machine(['who']).find((e: any) => e.schedule === 's2').name).toBe(HOSTILE.personName);
  });

  test('who --policy', () => {
    expect(human(['who', '--policy', 'p']).stdout).toContain(SHOWN.personName);
    expect(machine(['who', '--policy', 'p']).find((e: any) => e.person === 'mal').name).toBe(HOSTILE.personName);
  });

  test('shifts (with --layers)', () => {
    const out = human(['shifts', '--schedule', 's1', '--from', '2026-11-23', '--days', '14', '--layers']).stdout;
    expect(out).toContain(SHOWN.scheduleName);
    expect(out).toContain(SHOWN.personName);
    expect(machine(['shifts', '--schedule', 's1', '--from', '2026-11-23', '--days', '14']).map((x: any) => x.person)).toContain('mal');
  });

  test('next', () => {
    expect(human(['next', '--person', 'mal']).stdout).toContain(`Upcoming shifts of ${SHOWN.personName} (mal):`);
    expect(machine(['next', '--person', 'mal'])[0]).toMatchObject({ person: 'mal' });
  });

  test('timeline, the static picture', () => {
    const out = human(['timeline', '--from', '2026-11-23', '--days', '14'], 0, { COLUMNS: '200' }).stdout;
    expect(out).toContain(`${SHOWN.scheduleName} (s1)`);
    expect(out).toContain(SHOWN.personName);
    const j = machine(['timeline', '--from', '2026-11-23', '--days', '14']);
    expect(j.schedules.find((x: any) => x.schedule === 's1').name).toBe(HOSTILE.scheduleName);
    expect(j.people.find((p: any) => p.person === 'mal').name).toBe(HOSTILE.personName);
  });

  test('log: the actor (--as) and the values', () => {
    const out = human(['log']).stdout;
    for (const text of [SHOWN.actor, SHOWN.overrideReason, SHOWN.personName, SHOWN.email, SHOWN.teamName, SHOWN.scheduleName, SHOWN.policyName]) {
      expect(out).toContain(text);
    }
    // A newline in a value never starts a line of its own.
    expect(out.split('\n').filter((l) => l.startsWith('  + person forged'))).toEqual([]);
    const entries = machine(['log']);
    expect(entries.find((e: any) => e.entity === 'override:s2').actor).toBe(HOSTILE.actor);
    expect(entries.find((e: any) => e.entity === 'person:mal').new.email).toBe(HOSTILE.email);
  });

  test('override list', () => {
    expect(human(['override', 'list', '--from', '2026-11-01']).stdout).toContain(SHOWN.overrideReason);
    expect(machine(['override', 'list', '--from', '2026-11-01']).map((o: any) => o.reason)).toEqual([HOSTILE.overrideReason, HOSTILE.overrideReason]);
  });

  test('person show and list: name, e-mail, time off', () => {
    const show = human(['person', 'show', 'mal']).stdout;
    expect(show).toContain(`${SHOWN.personName} (mal) <${SHOWN.email}>`);
    expect(show).toContain(SHOWN.timeOffReason);
    const list = human(['person', 'list']).stdout;
    expect(list).toContain(SHOWN.personName);
    expect(list).toContain(SHOWN.email);
    expect(machine(['person', 'show', 'mal'])).toMatchObject({ name: HOSTILE.personName, email: HOSTILE.email });
    expect(machine(['person', 'show', 'mal']).time_off[0].reason).toBe(HOSTILE.timeOffReason);
  });

  test('team show and list', () => {
    expect(human(['team', 'show', 't']).stdout).toContain(`${SHOWN.teamName} (t)`);
    expect(human(['team', 'list']).stdout).toContain(SHOWN.teamName);
    expect(machine(['team', 'show', 't']).name).toBe(HOSTILE.teamName);
  });

  test('schedule show and list, layer show', () => {
    expect(human(['schedule', 'show', 's1']).stdout).toContain(`${SHOWN.scheduleName} (s1), team t`);
    human(['schedule', 'list']);
    human(['layer', 'show', 's1', 'w']);
    expect(machine(['schedule', 'show', 's1']).name).toBe(HOSTILE.scheduleName);
  });

  test('policy show and list', () => {
    expect(human(['policy', 'show', 'p']).stdout).toContain(SHOWN.policyName);
    expect(human(['policy', 'list']).stdout).toContain(SHOWN.policyName);
    expect(machine(['policy', 'show', 'p']).name).toBe(HOSTILE.policyName);
  });

  test('escalate', () => {
    const out = human(['escalate', 'p']).stdout;
    expect(out).toContain(`${SHOWN.policyName} (p) for an incident`);
    expect(out).toContain(SHOWN.personName);
    expect(machine(['escalate', 'p']).name).toBe(HOSTILE.policyName);
  });

  test('timeoff list', () => {
    expect(human(['timeoff', 'list']).stdout).toContain(SHOWN.timeOffReason);
    expect(machine(['timeoff', 'list'])[0].reason).toBe(HOSTILE.timeOffReason);
  });

  test('report', () => {
    expect(human(['report', '--from', '2026-11-01']).stdout).toContain(SHOWN.personName);
    expect(machine(['report', '--from', '2026-11-01']).people.find((p: any) => p.person === 'mal').name).toBe(HOSTILE.personName);
  });

  test('cover: a person not free for two reasons is listed once, the reasons shown harmlessly', () => {
    const args = ['cover', '--schedule', 's1', '--from', '2026-11-25T10:00:00Z', '--to', '2026-11-25T12:00:00Z'];
    const out = human(args).stdout.split('\n');
    expect(out.filter((l) => l.includes(SHOWN.personName))).toEqual([`  ${SHOWN.personName}: time off (${SHOWN.timeOffReason}) 25 Nov 00:00 → 27 Nov 00:00`]);
    expect(out).toContain(`${' '.repeat(`  ${SHOWN.personName}: `.length)}on call in s2 25 Nov 10:00 → 25 Nov 12:00`);
    expect(machine(args).ruledOut.find((x: any) => x.why === 'time-off').reason).toBe(HOSTILE.timeOffReason);
  });

  test('check', () => {
    const out = human(['check'], 3).stdout;
    expect(out).toContain(`${SHOWN.personName} on call while on time off (${SHOWN.timeOffReason})`);
    const problem = machine(['check'], 3).problems.find((p: any) => p.kind === 'time-off');
    expect(problem.reason).toBe(HOSTILE.timeOffReason);
    expect(problem.message).toContain(HOSTILE.personName);
  });

  test('incident list and show: title, --as, note', () => {
    expect(human(['incident', 'list']).stdout).toContain(SHOWN.incidentTitle);
    const show = human(['incident', 'show', '1']).stdout;
    expect(show).toContain(`Incident 1: ${SHOWN.incidentTitle}`);
    expect(show).toContain(`opened by ${SHOWN.actor}`);
    expect(show).toContain(`resolved by ${SHOWN.personName}: ${SHOWN.note}`);
    expect(show.split('\n').filter((l) => l.startsWith('forged'))).toEqual([]);
    expect(machine(['incident', 'show', '1'])).toMatchObject({ title: HOSTILE.incidentTitle, openedBy: HOSTILE.actor, note: HOSTILE.note });
    expect(machine(['incident', 'list'])[0].title).toBe(HOSTILE.incidentTitle);
  });

  test('incident open and resolve print the title, the chain and who', () => {
    const opened = human(['--as', HOSTILE.actor, 'incident', 'open', HOSTILE.incidentTitle, '--policy', 'p']).stdout;
    expect(opened).toContain(`: ${SHOWN.incidentTitle} (sev3, p)`);
    expect(opened).toContain(SHOWN.personName);
    const id = /Opened incident (\d+)/.exec(opened)![1];
    expect(human(['incident', 'ack', id, '--by', 'mal']).stdout).toContain(`as ${SHOWN.personName},`);
  });

  test('the apply plan (and its JSON)', () => {
    const fresh = session({ ONCALL_TZ: 'UTC' });
    const file = writeYaml(HOSTILE_YAML, 'hostile.yaml', fresh.dir);
    const r = fresh.run(['apply', '-f', file, '--dry-run']);
    expect(r.status).toBe(4);
    expect(unsafeIn(r.stdout), r.stdout).toEqual([]);
    expect(r.stdout).toContain(`person mal ${SHOWN.personName}`);
    expect(r.stdout).toContain(`"${SHOWN.overrideReason}"`);
    // The reason's newline would have started a line that looks like a planned change.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('  + person forged'))).toEqual([]);
    const plan = JSON.parse(pending(fresh.run(['apply', '-f', file, '--dry-run', '--json'])).stdout);
    expect(plan.changes.find((c: any) => c.entity === 'override').override.reason).toBe(HOSTILE.overrideReason);
  });

  test('calendar list and status: the calendar id', () => {
    const env = calendarEnv(s.dir);
    expect(human(['calendar', 'list'], 0, env).stdout).toContain(SHOWN.calendar);
    expect(human(['calendar', 'status'], 0, env).stdout).toContain(`"${SHOWN.calendar}"`);
    expect(machine(['calendar', 'list'], 0, env)[0].calendar).toBe(HOSTILE.calendar);
  });

  test('warnings on stderr quote the time off reason', () => {
    const r = human(['override', 'add', '--schedule', 's1', '--person', 'mal', '--from', '2026-11-25T12:00:00Z', '--to', '2026-11-25T13:00:00Z']);
    expect(r.stderr).toContain(`warning: mal is on time off (${SHOWN.timeOffReason})`);
    ok(s.run(['override', 'rm', /Added override (\d+)/.exec(r.stdout)![1]]));
  });
});

describe('error messages quote what was typed harmlessly', () => {
  test('an unknown id (exit 2, one line)', () => {
    const r = human(['schedule', 'show', HOSTILE.id], 2);
    expect(r.stderr).toBe(`oncall: unknown schedule "${SHOWN.id}"; "oncall schedule list" shows them\n`);
  });

  test("commander's own errors: an unknown option, a value for an unknown command", () => {
    expect(human([`--x${CLEAR}`], 2).stderr).toMatch(/^oncall: unknown option '--x␛\[2J'/);
    expect(human([`wh${TITLE}`], 2).stderr).toContain(`wh␛]0;pwned␇`);
  });

  test('a bad time zone, a bad time, --for someone not on call', () => {
    expect(human(['who', '--tz', HOSTILE.id], 2).stderr).toContain(`time zone "${SHOWN.id}"`);
    expect(human(['who', '--at', HOSTILE.id], 2).stderr).toContain('nope␛[2J');
    human(['cover', '--schedule', 's1', '--from', '2026-11-25T10:00:00Z', '--to', '2026-11-25T12:00:00Z', '--for', HOSTILE.id], 2);
  });

  test('YAML errors quote the file: file:line:col and the value', () => {
    const bad = HOSTILE_YAML.replace('  - id: bob\n', `  - id: "bob${'\\e'}]0;pwned${'\\a'}"\n`);
    const r = human(['apply', '-f', writeYaml(bad, 'bad.yaml', s.dir)], 2);
    expect(r.stderr).toContain('person id "bob␛]0;pwned␇" must be');
  });

  test('an incident id and a policy id that do not exist', () => {
    human(['incident', 'show', HOSTILE.id], 2);
    human(['incident', 'open', 'x', '--policy', HOSTILE.id], 2);
  });
});

describe('machine formats: exact through a pipe, harmless on a terminal', () => {
  let loaded: ((argv: string[], io: unknown) => Promise<number>) | undefined;
  const main = async () => {
    loaded ??= createRequire(import.meta.url)('../../bin/load-cli.js').loadCli().exports.main as (argv: string[], io: unknown) => Promise<number>;
    return Promise.resolve(loaded);
  };

  /** Runs the built CLI in this thread with stdout as a 120-column terminal, colour allowed. */
  async function onTerminal(args: string[], env: Env = {}): Promise<Result> {
    const chunks: Record<'out' | 'err', string[]> = { out: [], err: [] };
    const sink = (name: 'out' | 'err') => ({ isTTY: true, columns: 120, write: (t: string) => (chunks[name].push(String(t)), true) });
    const stdin = new PassThrough();
    stdin.end();
    const status = await (await main())(['node', 'oncall', ...args], {
      stdout: sink('out'),
      stderr: sink('err'),
      stdin,
      env: testEnv({ ONCALL_DB: s.db, ONCALL_TZ: 'UTC', NO_COLOR: undefined, TERM: 'xterm-256color', CI: '1', ...env }),
    });
    return { status, stdout: chunks.out.join(''), stderr: chunks.err.join('') };
  }

  test('export yaml: piped, the strings read back exactly; on a terminal, nothing unsafe', async () => {
    const piped = ok(s.run(['export', 'yaml']));
    const doc = parse(piped.stdout);
    expect(doc.people.find((p: any) => p.id === 'mal')).toMatchObject({ name: HOSTILE.personName, email: HOSTILE.email });
    expect(doc.schedules.find((x: any) => x.id === 's1').name).toBe(HOSTILE.scheduleName);
    const shown = await onTerminal(['export', 'yaml']);
    expect(shown.status).toBe(0);
    expect(unsafeIn(shown.stdout), shown.stdout).toEqual([]);
  });

  test('report --csv: piped, the name exactly; on a terminal, nothing unsafe but the CRLF record ends', async () => {
    expect(ok(s.run(['report', '--from', '2026-11-01', '--csv'])).stdout).toContain(`mal,${HOSTILE.personName},`);
    const shown = await onTerminal(['report', '--from', '2026-11-01', '--csv']);
    expect(unsafeIn(shown.stdout.replace(/\r\n/g, '\n')), shown.stdout).toEqual([]);
    expect(shown.stdout).toContain(`mal,${SHOWN.personName},`);
  });

  test('export ics to a terminal', async () => {
    const shown = await onTerminal(['export', 'ics']);
    expect(shown.status).toBe(0);
    expect(unsafeIn(shown.stdout.replace(/\r\n/g, '\n')), shown.stdout).toEqual([]);
  });

  test('colour on a terminal: our colour codes, nothing else (who, escalate, check, cover, apply, log)', async () => {
    const window = ['--from', '2026-11-25T10:00:00Z', '--to', '2026-11-25T12:00:00Z'];
    const fresh = tempDb();
    for (const [args, status, db] of [
      [['who'], 0], [['escalate', 'p'], 0], [['check'], 3], [['cover', '--schedule', 's1', ...window], 0], [['log'], 0],
      [['incident', 'show', '1'], 0], [['apply', '-f', writeYaml(HOSTILE_YAML, 'hostile.yaml', s.dir), '--dry-run'], 4, fresh],
      // Ink decides its own colours from the process's stdout (not a terminal here): see the tmux test.
      [['timeline', '--static', '--days', '7'], 0],
    ] as [string[], number, string?][]) {
      const r = await onTerminal(args, db ? { ONCALL_DB: db } : {});
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(status);
      if (args[0] !== 'timeline') expect(r.stdout, args.join(' ')).toMatch(/\u001b\[\d+m/);
      expect(unsafeIn(r.stdout, true), `${args.join(' ')}\n${r.stdout}`).toEqual([]);
      expect(unsafeIn(r.stderr, true), r.stderr).toEqual([]);
    }
  });
});

test.runIf(onPostgres)('PostgreSQL cannot store NUL: such text is refused in one line, exit 2, nothing changed', () => {
  const before = s.run(['log', '--json']).stdout;
  const r = s.run(['timeoff', 'add', 'mal', '--from', '2027-01-04', '--to', '2027-01-05', '--reason', 'flu\u0000']);
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('cannot store text containing a NUL character')]);
  expect(s.run(['log', '--json']).stdout).toBe(before);
});
