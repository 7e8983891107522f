// oncall import pagerduty|opsgenie|grafana --api-url URL -o FILE.yaml [--from T] [--to T]
// Writes the vendor's setup as a YAML file to review and apply, then says, schedule by
// schedule, whether oncall resolves it exactly as the vendor does (exit 3 when not).

import type { Command } from 'commander';
import { ProblemsFound, UserError } from '../../errors.js';
import { addDays, plural, VENDORS, type CoverageDifference, type Vendor } from '../../core/index.js';
import { invocation } from '../globals.js';
import { statusLine } from '../status-line.js';
import { windowOption } from '../window-option.js';
import { formatInterval, timesIn } from '../output.js';
import { iso } from '../json.js';
import { term } from '../terminal-text.js';

const DEFAULT_DAYS = 28;

const differenceJson = (d: CoverageDifference) => ({ start: iso(d.start), end: iso(d.end), vendor: d.vendor, oncall: d.oncall });

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('write a PagerDuty, Opsgenie or Grafana OnCall setup as a YAML file, and check it against the vendor (exit 3 when it differs)')
    .argument('<vendor>', 'pagerduty, opsgenie or grafana')
    .requiredOption('-o, --output <file>', 'the YAML file to write (review it, then oncall apply -f FILE)')
    .option('--api-url <url>', "the vendor's API (default: PagerDuty's and Opsgenie's public ones; https://api.eu.opsgenie.com for Opsgenie's EU; required for Grafana OnCall)")
    .option('--from <time>', 'start of the window compared with the vendor (default: now)')
    .option('--to <time>', `end of that window (default: ${DEFAULT_DAYS} days after --from)`)
    .addHelpText('after', `\nTokens come from the environment only: ${Object.values(VENDORS).map((v) => `${v.tokenVariable} (${v.label})`).join(', ')}.`)
    .action(async (vendorArg: string, o: { output: string; apiUrl?: string; from?: string; to?: string }, command: Command) => {
      const vendor = vendorArg.toLowerCase() as Vendor;
      if (!(vendor in VENDORS)) throw new UserError(`"${vendorArg}" is not a vendor oncall imports from; use pagerduty, opsgenie or grafana`);
      const run = await invocation(command);
      const { label, tokenVariable } = VENDORS[vendor];
      const token = run.io.env[tokenVariable];
      if (!token) throw new UserError(`set ${tokenVariable} to a ${label} API token (read access is enough); oncall reads it from the environment only`);
      if (o.apiUrl !== undefined && !/^https?:\/\/[^\s/]/.test(o.apiUrl)) throw new UserError(`--api-url "${o.apiUrl}" is not an http(s) URL`);
      const window = await windowOption(run, { from: o.from, to: o.to }, {
        start: (now) => now,
        end: (start, _now, zone) => addDays(start, DEFAULT_DAYS, zone),
      });
      const { importVendor } = await import('../../app/import-vendor.js');
      const status = statusLine(run.io.stderr);
      const report = await importVendor(run.ctx, { vendor, apiUrl: o.apiUrl?.replace(/\/+$/, ''), token, output: o.output, window, onProgress: status.update })
        .finally(status.done);
      const { zone, now } = run.ctx;
      if (run.json) {
        run.printJson({
          vendor,
          file: report.output,
          written: report.counts,
          notes: report.notes,
          from: iso(window.start),
          to: iso(window.end),
          matches: report.matches,
          schedules: report.verdicts.map((v) => ({
            vendorId: v.vendorId,
            vendorName: v.vendorName,
            schedules: v.scheduleIds,
            matches: v.differences.length === 0,
            differences: v.differences.map(differenceJson),
            together: v.together ? { matches: v.together.length === 0, differences: v.together.map(differenceJson) } : null,
          })),
        });
      } else {
        const { people, teams, schedules, policies } = report.counts;
        const what = [plural(people, 'person', 'people'), plural(teams, 'team'), plural(schedules, 'schedule'), plural(policies, 'escalation policy', 'escalation policies')];
        run.print(term`Wrote ${report.output}: ${what.join(', ')} from ${label}.`);
        if (report.notes.length > 0) {
          run.print('Not mapped exactly:');
          for (const note of report.notes) run.print(`  - ${note}`);
        }
        run.print(`Compared with ${label}'s final schedules, ${formatInterval(window.start, window.end, zone, now)}:`);
        const width = Math.max(0, ...report.verdicts.map((v) => v.vendorName.length));
        for (const v of report.verdicts) {
          const verdict = v.differences.length === 0 ? run.colors.green('matches') : run.colors.red(plural(v.differences.length, 'difference'));
          const became = v.scheduleIds.length > 0 ? v.scheduleIds.join(', ') : 'not imported';
          run.print(term`  ${v.vendorName.padEnd(width)}  ${verdict}  (${label} ${v.vendorId} → ${became})`);
          const who = (people: string[]) => (people.length > 0 ? people.join(' + ') : 'nobody');
          const difference = (indent: string, d: CoverageDifference) =>
            run.print(term`${indent}${formatInterval(d.start, d.end, zone, now)}  ${label}: ${who(d.vendor)}  oncall: ${who(d.oncall)}`);
          for (const d of v.differences) difference('    ', d);
          if (v.together) {
            const parts = v.scheduleIds.join(' + ');
            if (v.together.length === 0) run.print(term`    together, ${parts} ${run.colors.green('match')} ${label}`);
            else run.print(term`    together, ${parts} ${run.colors.red(`differ in ${plural(v.together.length, 'interval')}`)}:`);
            for (const d of v.together) difference('      ', d);
          }
        }
        run.print(run.colors.dim(timesIn(zone)));
      }
      if (!report.matches) {
        const differing = report.verdicts.filter((v) => v.differences.length > 0).length;
        throw new ProblemsFound(`${plural(differing, 'schedule')} of ${label} ${differing === 1 ? 'resolves' : 'resolve'} differently in oncall; the file is written, read the differences above before applying it`);
      }
    });
}
