// oncall incident open|ack|resolve|list|show

import type { Command } from 'commander';
import type { Incident, IncidentEvent } from '../../app/incidents.js';
import { invocation, type Invocation } from '../globals.js';
import { fitWidth, formatDuration, formatTime, table, timesIn, type Cell } from '../output.js';
import { nameLookup, type Names } from '../people-names.js';
import { iso, isoOrNull } from '../json.js';
import { chainJson, chainTable, gapSummary } from '../chain-output.js';
import { warn } from '../change-output.js';
import { withFlags } from '../flag-errors.js';
import type { Shown } from '../terminal-text.js';

const app = () => import('../../app/incidents.js');

export function registerIncidents(program: Command): void {
  const incident = program.command('incident').description('open, acknowledge and resolve incidents');
  incident
    .command('open <title>')
    .description('open an incident: records who the policy pages, as of now (or --at TIME)')
    .requiredOption('--policy <id>', 'the escalation policy to page')
    .option('--severity <sev>', 'sev1 (worst) … sev5 (default: sev3)')
    .option('--at <time>', 'when it started, if earlier than now')
    .action(withFlags({ at: '--at' }, async (title: string, o, command: Command) => {
      const run = await invocation(command);
      const at = o.at === undefined ? undefined : await run.pastTime(o.at, '--at');
      const opened = await (await app()).openIncident(run.ctx, { title, policy: o.policy, severity: o.severity, at });
      const gap = gapSummary(opened.chain, opened.openedAt);
      if (gap) warn(run, `${gap}; that level pages no one`);
      if (run.json) return run.printJson(await detailJson(opened, run));
      const name = await nameLookup(run.ctx);
      run.print(`Opened incident ${opened.id}: ${opened.title} (${opened.severity}, ${opened.policyId}) at ${formatTime(opened.openedAt, run.ctx.zone, run.ctx.now)}.`);
      run.print(chainTable(run, opened.chain, opened.openedAt, name));
      run.print(run.colors.dim(`${timesIn(run.ctx.zone)} Acknowledge with: oncall incident ack ${opened.id}`));
    }));
  for (const [verb, past] of [['ack', 'Acknowledged'], ['resolve', 'Resolved']] as const) {
    const sub = incident
      .command(`${verb} <id>`)
      .description(verb === 'ack' ? 'acknowledge an incident: escalation stops' : 'resolve an incident')
      .option('--by <person>', 'who (default: $ONCALL_USER or $USER matched to a person)')
      .option('--at <time>', 'when, if earlier than now');
    if (verb === 'resolve') sub.option('--note <text>', 'what fixed it');
    sub.action(withFlags({ at: '--at', by: '--by' }, async (idText: string, o, command: Command) => {
      const run = await invocation(command);
      const incidents = await app();
      const id = incidents.parseIncidentId(idText);
      const at = o.at === undefined ? undefined : await run.pastTime(o.at, '--at');
      const request = { by: o.by, at, note: o.note };
      const done = verb === 'ack'
        ? await incidents.acknowledgeIncident(run.ctx, id, request, run.io.env)
        : await incidents.resolveIncident(run.ctx, id, request, run.io.env);
      if (run.json) return run.printJson(await detailJson(done, run));
      const name = await nameLookup(run.ctx);
      const took = verb === 'ack' ? done.acknowledgedAt! - done.openedAt : done.resolvedAt! - done.openedAt;
      run.print(`${past} incident ${id} as ${name(verb === 'ack' ? done.acknowledgedBy : done.resolvedBy)}, ${formatDuration(took)} after it opened.`);
    }));
  }
  incident
    .command('list')
    .description('incidents, newest first')
    .option('--open', 'only those not resolved yet')
    .option('--since <time>', 'only those opened since, e.g. 7d (7 days ago) or "last monday"')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const since = o.since === undefined ? undefined : await run.since(o.since, '--since');
      const list = await (await app()).findIncidents(run.ctx, { openOnly: Boolean(o.open), since });
      if (run.json) return run.printJson(await Promise.all(list.map((i) => summaryJson(i))));
      if (list.length === 0) return run.print(o.open ? 'No open incidents.' : 'No incidents.');
      const { statusOf } = await app();
      const c = run.colors;
      const paint = { open: c.red, acknowledged: c.yellow, resolved: c.green };
      const rows: Cell[][] = list.map((i) => [
        { text: String(i.id) },
        { text: i.severity },
        { text: statusOf(i), paint: paint[statusOf(i)] },
        { text: formatTime(i.openedAt, run.ctx.zone, run.ctx.now) },
        { text: formatDuration(i.acknowledgedAt === null ? null : i.acknowledgedAt - i.openedAt) },
        { text: formatDuration(i.resolvedAt === null ? null : i.resolvedAt - i.openedAt) },
        { text: i.title },
      ]);
      const columns = [{ header: 'ID' }, { header: 'SEV' }, { header: 'STATUS' }, { header: 'OPENED' }, { header: 'TO ACK' }, { header: 'TO RESOLVE' }, { header: 'TITLE', shrink: true }];
      run.print(table(columns, rows, c, run.width));
      run.print(c.dim(timesIn(run.ctx.zone)));
    });
  incident
    .command('show <id>')
    .description('an incident: its timeline and who was paged')
    .action(async (idText: string, _o, command: Command) => {
      const run = await invocation(command);
      const incidents = await app();
      const found = await incidents.getIncident(run.ctx, incidents.parseIncidentId(idText));
      if (run.json) return run.printJson(await detailJson(found, run));
      printIncident(run, found, incidents.statusOf(found), incidents.incidentEvents(found, run.ctx.now), await nameLookup(run.ctx));
    });
}

function printIncident(run: Invocation, i: Incident, status: string, events: IncidentEvent[], name: Names): void {
  const c = run.colors;
  const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
  run.print(c.bold(`Incident ${i.id}: ${i.title}`));
  run.print(`${i.severity} · ${status} · policy ${i.policyId}`);
  const tta = i.acknowledgedAt === null ? 'not yet' : formatDuration(i.acknowledgedAt - i.openedAt);
  const ttr = i.resolvedAt === null ? 'not yet' : formatDuration(i.resolvedAt - i.openedAt);
  run.print(`Time to acknowledge: ${tta} · time to resolve: ${ttr}`);
  run.print('');
  for (const e of events) run.print(paintEvent(e, c)(fitWidth(`  ${time(e.at)}  ${describeEvent(e, name)}`, run.width)));
  run.print('');
  run.print(c.dim('Paged as the chain stood when the incident opened:'));
  run.print(chainTable(run, i.chain, i.openedAt, name));
  run.print(c.dim(timesIn(run.ctx.zone)));
}

function describeEvent(e: IncidentEvent, name: Names): string {
  const level = e.step ? `level ${e.step.level}${e.step.run > 0 ? ` (repeat ${e.step.run})` : ''}` : '';
  const people = e.step ? e.step.people.map(name).join(', ') : '';
  switch (e.kind) {
    case 'opened':
      return `opened by ${e.by}`;
    case 'notified':
      return people ? `${level} notified: ${people}` : `${level}: everyone already notified`;
    case 'unanswered':
      return `${level} reached nobody (gap)`;
    case 'pending':
      return people ? `${level} will notify: ${people}` : `${level}: everyone it reaches is already notified`;
    case 'acknowledged':
      return `acknowledged by ${name(e.by ?? null)}`;
    case 'resolved':
      return `resolved by ${name(e.by ?? null)}${e.note ? `: ${e.note}` : ''}`;
  }
}

/** Colour after cutting to width, so escape codes are never cut. */
function paintEvent(e: IncidentEvent, c: Invocation['colors']): (text: string) => Shown {
  const paint = { unanswered: c.red, pending: c.dim, acknowledged: c.yellow, resolved: c.green };
  return e.kind in paint ? paint[e.kind as keyof typeof paint] : (text) => text;
}

async function summaryJson(i: Incident) {
  const { statusOf } = await app();
  return {
    id: i.id,
    title: i.title,
    policy: i.policyId,
    severity: i.severity,
    status: statusOf(i),
    openedAt: iso(i.openedAt),
    openedBy: i.openedBy,
    acknowledgedAt: isoOrNull(i.acknowledgedAt),
    acknowledgedBy: i.acknowledgedBy,
    resolvedAt: isoOrNull(i.resolvedAt),
    resolvedBy: i.resolvedBy,
    note: i.note,
    /** Seconds. */
    timeToAcknowledge: i.acknowledgedAt === null ? null : (i.acknowledgedAt - i.openedAt) / 1000,
    timeToResolve: i.resolvedAt === null ? null : (i.resolvedAt - i.openedAt) / 1000,
  };
}

async function detailJson(i: Incident, run: Invocation) {
  const { incidentEvents } = await app();
  const events = incidentEvents(i, run.ctx.now).map((e) => ({
    at: iso(e.at),
    event: e.kind,
    ...(e.step && { level: e.step.level, run: e.step.run, people: e.step.people }),
    ...(e.by !== undefined && { by: e.by }),
    ...(e.note !== undefined && { note: e.note }),
  }));
  return { ...(await summaryJson(i)), chain: chainJson(i.chain), events };
}
