// oncall person … and oncall team …

import type { Command } from 'commander';
import type { PersonConfig } from '../../core/index.js';
import { collect, invocation, type Invocation } from '../globals.js';
import { formatInterval, formatShortTime, table } from '../output.js';
import { overrideJson } from '../json.js';
import { printChange } from '../change-output.js';
import { zoneOption } from './schedules.js';
import { namingFlag, withFlags } from '../flag-errors.js';
import { findById } from '../../core/index.js';

/** Checked here, not in the shared validation, so that only this command loads the holiday data. */
async function holidayRegion(code: string | undefined): Promise<void> {
  const { requireHolidayRegion } = await import('../../app/holiday-check.js');
  await requireHolidayRegion(code).catch((error: unknown) => {
    throw namingFlag(error, { holidays: '--holidays' });
  });
}

async function directory() {
  return import('../../app/manage-directory.js');
}

async function currentConfig(run: Invocation) {
  return (await import('../../app/current-config.js')).currentConfig(run.ctx);
}

export function registerPeople(program: Command): void {
  const person = program.command('person').description('add, list, show, edit and remove people');
  person
    .command('add <id>')
    .description('add a person')
    .option('--name <name>', 'display name (default: the id)')
    .option('--email <email>')
    .option('--tz <zone>', 'their IANA time zone')
    .option('--color <hex>', 'timeline colour, like #e06c75')
    .action(async (id: string, options, command: Command) => {
      const run = await invocation(command);
      const p: PersonConfig = {
        id,
        name: options.name ?? id,
        ...(options.email && { email: options.email }),
        ...(zoneOption(command) && { timezone: zoneOption(command) }),
        ...(options.color && { color: options.color }),
      };
      const { plan } = await (await directory()).addPerson(run.ctx, p);
      printChange(run, plan, `Added person ${id}.`);
    });
  person
    .command('edit <id>')
    .description("change a person's name, e-mail, zone or colour")
    .option('--name <name>')
    .option('--email <email>')
    .option('--tz <zone>')
    .option('--color <hex>')
    .action(async (id: string, options, command: Command) => {
      const run = await invocation(command);
      const fields = { name: options.name, email: options.email, timezone: zoneOption(command), color: options.color };
      const { plan } = await (await directory()).editPerson(run.ctx, id, fields);
      printChange(run, plan, `Changed person ${id}.`);
    });
  person
    .command('rm <id>')
    .description('remove a person (refused while they are in teams, layers or future overrides, unless --force)')
    .option('--force', 'also take them out of every team, layer and future override, from now on')
    .action(withFlags({ force: '--force' }, async (id: string, options, command: Command) => {
      const run = await invocation(command);
      const { plan, value: refs } = await (await directory()).removePerson(run.ctx, id, Boolean(options.force));
      printChange(run, plan, `Removed person ${id}${refs.length ? ` (and from ${refs.join(', ')})` : ''}.`);
    }));
  person
    .command('list')
    .description('everyone')
    .action(async (_options, command: Command) => {
      const run = await invocation(command);
      const config = await currentConfig(run);
      if (run.json) return run.printJson(config.people.map(personJson));
      const rows = config.people.map((p) => [p.id, p.name, p.email ?? '', p.timezone ?? ''].map((text) => ({ text })));
      run.print(table([{ header: 'ID' }, { header: 'NAME', shrink: true }, { header: 'EMAIL', shrink: true }, { header: 'ZONE', shrink: true }], rows, run.colors, run.width));
    });
  person
    .command('show <id>')
    .description('a person, their teams and the layers they rotate in')
    .action(async (id: string, _options, command: Command) => {
      const run = await invocation(command);
      const { personProfile } = await import('../../app/person-profile.js');
      const { person: p, teams, layers, comingTimeOff } = await personProfile(run.ctx, id);
      if (run.json) return run.printJson({ ...personJson(p), teams, layers });
      run.print(`${p.name} (${p.id})${p.email ? ` <${p.email}>` : ''}${p.timezone ? `, ${p.timezone}` : ''}`);
      run.print(`teams:    ${teams.join(', ') || '—'}`);
      run.print(`layers:   ${layers.join(', ') || '—'}`);
      const off = comingTimeOff.map((t) => `${formatInterval(t.from, t.to, run.ctx.zone, run.ctx.now, formatShortTime)}${t.reason ? ` (${t.reason})` : ''}`);
      run.print(`time off: ${off.join('; ') || '—'}`);
    });

  const team = program.command('team').description('add, list, show, edit and remove teams');
  team
    .command('add <id>')
    .description('add a team')
    .option('--name <name>', 'display name (default: the id)')
    .option('--members <ids>', 'people, comma-separated', collect)
    .option('--holidays <region>', 'public holidays counted in reports: a country (DE) or country-state (US-CA)')
    .action(async (id: string, options, command: Command) => {
      const run = await invocation(command);
      await holidayRegion(options.holidays);
      const team = { id, name: options.name ?? id, members: options.members ?? [], ...(options.holidays && { holidays: options.holidays.toUpperCase() }) };
      const { plan } = await (await directory()).addTeam(run.ctx, team);
      printChange(run, plan, `Added team ${id}.`);
    });
  team
    .command('edit <id>')
    .description("change a team's name or members")
    .option('--name <name>')
    .option('--members <ids>', 'the whole member list, comma-separated', collect)
    .option('--add <ids>', 'add members', collect)
    .option('--remove <ids>', 'remove members', collect)
    .option('--holidays <region>', 'public holidays counted in reports ("none" to stop counting them)')
    .action(async (id: string, options, command: Command) => {
      const run = await invocation(command);
      if (options.holidays !== 'none') await holidayRegion(options.holidays);
      const holidays = options.holidays === undefined ? undefined : options.holidays === 'none' ? null : options.holidays.toUpperCase();
      const edit = { name: options.name, members: options.members, add: options.add, remove: options.remove, holidays };
      const { plan } = await (await directory()).editTeam(run.ctx, id, edit);
      printChange(run, plan, `Changed team ${id}.`);
    });
  team
    .command('rm <id>')
    .description('remove a team (refused while it has schedules)')
    .action(async (id: string, _options, command: Command) => {
      const run = await invocation(command);
      const { plan } = await (await directory()).removeTeam(run.ctx, id);
      printChange(run, plan, `Removed team ${id}.`);
    });
  team
    .command('list')
    .description('every team')
    .action(async (_options, command: Command) => {
      const run = await invocation(command);
      const config = await currentConfig(run);
      if (run.json) return run.printJson(config.teams);
      const rows = config.teams.map((t) => [t.id, t.name, t.members.join(', '), t.holidays ?? '—'].map((text) => ({ text })));
      run.print(table([{ header: 'ID' }, { header: 'NAME', shrink: true }, { header: 'MEMBERS', shrink: true }, { header: 'HOLIDAYS' }], rows, run.colors, run.width));
    });
  team
    .command('show <id>')
    .description('a team, its members and schedules')
    .action(async (id: string, _options, command: Command) => {
      const run = await invocation(command);
      const config = await currentConfig(run);
      const t = findById(config.teams, id, 'team');
      const schedules = config.schedules.filter((s) => s.team === id).map((s) => s.id);
      if (run.json) return run.printJson({ ...t, schedules });
      run.print(`${t.name} (${t.id})`);
      run.print(`members:   ${t.members.join(', ') || '—'}`);
      run.print(`schedules: ${schedules.join(', ') || '—'}`);
      run.print(`holidays:  ${t.holidays ?? '—'}`);
    });
}

/** A person as JSON: time off as `time_off` with UTC instants, like every time in JSON. */
function personJson({ timeOff, ...person }: PersonConfig) {
  return { ...person, ...(timeOff && { time_off: timeOff.map(overrideJson) }) };
}
