// oncall report [--from T] [--to T] [--team ID] [--night 22:00-07:00] [--json | --csv]

import type { Command } from 'commander';
import type { Report } from '../../app/report.js';
import { addDays, HOUR_MS, parseClock } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { invocation, type Invocation } from '../globals.js';
import { formatInterval, formatShortTime, table, timesIn, type Cell } from '../output.js';
import { iso } from '../json.js';
import { requireWindow } from '../window-option.js';
import type { Names } from '../people-names.js';
import { csvRecord, csvText } from '../csv.js';

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 10) / 10;

function nightOption(text: string): { from: number; to: number } {
  const [from, to] = text.split('-').map((t) => parseClock(t.trim()));
  if (!from?.ok || !to?.ok || from.value === to.value) {
    throw new UserError(`--night "${text}" must be two different times like 22:00-07:00`);
  }
  return { from: from.value, to: to.value };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('on-call hours per person (nights, weekends, holidays in their zone), shifts, incidents, and balance per schedule')
    .option('--from <time>', 'start (default: 90 days before --to)')
    .option('--to <time>', 'end (default: now)')
    .option('--team <id>', "only this team's schedules and members")
    .option('--night <from-to>', 'what counts as night, in each person\'s zone', nightOption)
    .option('--csv', 'one line per person, comma-separated')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      if (o.csv && run.json) throw new UserError('give --csv or --json, not both');
      const to = o.to !== undefined ? await run.time(o.to, '--to') : run.ctx.now;
      const from = o.from !== undefined ? await run.time(o.from, '--from') : addDays(to, -90, run.ctx.zone);
      requireWindow(from, to, run.ctx.zone, { order: '--to must be after --from' });
      const { rotaReport, DEFAULT_NIGHT } = await import('../../app/report.js');
      const report = await rotaReport(run.ctx, { window: { start: from, end: to }, team: o.team, night: o.night ?? DEFAULT_NIGHT });
      const { nameLookup } = await import('../people-names.js');
      const name = await nameLookup(run.ctx);
      if (run.json) return run.printJson(reportJson(report, name));
      if (o.csv) return run.printData(reportCsv(report, name));
      printReport(run, report, name);
    });
}

function reportJson(r: Report, name: Names) {
  return {
    from: iso(r.window.start),
    to: iso(r.window.end),
    people: r.people.map((p) => ({
      person: p.person,
      name: name(p.person),
      hours: hours(p.hours.total),
      night: hours(p.hours.night),
      weekend: hours(p.hours.weekend),
      holiday: hours(p.hours.holiday),
      shifts: p.shifts,
      incidents: p.incidents,
    })),
    schedules: r.schedules.map((s) => ({
      schedule: s.schedule,
      team: s.team,
      balance: s.balance,
      average: hours(s.average),
      people: s.people.map((p) => ({ person: p.person, hours: hours(p.hours), diff: hours(p.diff), percent: Math.round(p.percent) })),
    })),
  };
}

function reportCsv(r: Report, name: Names): string {
  const head = ['person', 'name', 'hours', 'night_hours', 'weekend_hours', 'holiday_hours', 'shifts', 'incidents'];
  const lines = r.people.map((p) =>
    [csvText(p.person), csvText(name(p.person) ?? p.person), ...[hours(p.hours.total), hours(p.hours.night), hours(p.hours.weekend), hours(p.hours.holiday), p.shifts, p.incidents].map(String)],
  );
  return [head, ...lines].map(csvRecord).join('');
}

function printReport(run: Invocation, r: Report, name: Names): void {
  const c = run.colors;
  run.print(c.bold(`On call ${formatInterval(r.window.start, r.window.end, run.ctx.zone, run.ctx.now, formatShortTime)}`));
  if (r.people.length === 0) return run.print('Nobody was on call in that window.');
  const rows: Cell[][] = r.people.map((p) => [
    { text: name(p.person) ?? p.person },
    ...[p.hours.total, p.hours.night, p.hours.weekend, p.hours.holiday].map((ms) => ({ text: hours(ms).toFixed(1) })),
    { text: String(p.shifts) },
    { text: String(p.incidents) },
  ]);
  const columns = [{ header: 'PERSON', shrink: true, min: 10 }, { header: 'HOURS' }, { header: 'NIGHT' }, { header: 'WEEKEND' }, { header: 'HOLIDAY' }, { header: 'SHIFTS' }, { header: 'INCIDENTS' }];
  run.print(table(columns, rows, c, run.width));
  run.print('');
  run.print(c.bold('Balance per schedule (100 = everyone carries the same share)'));
  for (const s of r.schedules) {
    const score = s.balance >= 80 ? c.green : s.balance >= 60 ? c.yellow : c.red;
    run.print(`${s.schedule}  ${score(String(s.balance))}  average ${hours(s.average).toFixed(1)} h`);
    for (const p of s.people) {
      const sign = p.diff >= 0 ? '+' : '−';
      run.print(c.dim(`  ${(name(p.person) ?? p.person).padEnd(20)} ${hours(p.hours).toFixed(1).padStart(7)} h  ${sign}${Math.abs(hours(p.diff)).toFixed(1)} h (${sign}${Math.abs(Math.round(p.percent))}%)`));
    }
  }
  run.print(c.dim(`${timesIn(run.ctx.zone)} Night, weekend and holiday hours are counted in each person's own zone.`));
}
