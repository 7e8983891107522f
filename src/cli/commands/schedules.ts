// oncall schedule … and oncall layer …

import type { Command } from 'commander';
import type { LayerConfig, RestrictionConfig } from '../../core/index.js';
import { formatWallClock, toFloating, findById } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { collect, invocation, type Invocation } from '../globals.js';
import { fitWidth, table } from '../output.js';
import { describeLayer, printLayer, printSchedule } from '../show-definitions.js';
import { printChange } from '../change-output.js';
import { parseRestrictOption } from '../restrict-option.js';
import { withFlags } from '../flag-errors.js';

const manage = () => import('../../app/manage-schedules.js');

async function currentConfig(run: Invocation) {
  return (await import('../../app/current-config.js')).currentConfig(run.ctx);
}

/** `--effective` when given: when a change takes effect (default now). */
export async function effectiveOf(run: Invocation, text: string | undefined) {
  return text === undefined ? undefined : run.time(text, '--effective');
}

/** A wall-clock time in the schedule's zone: "2026-12-07 09:00" means 09:00 there. */
async function wallClockIn(run: Invocation, scheduleId: string, text: string, option: string): Promise<string> {
  const config = await currentConfig(run);
  const zone = findById(config.schedules, scheduleId, 'schedule').timezone;
  const { parseTimeOption } = await import('../time-option.js');
  return formatWallClock(toFloating(await parseTimeOption(text, option, run.ctx.now, zone), zone));
}

export function registerSchedules(program: Command): void {
  const schedule = program.command('schedule').description('add, list, show, edit and remove schedules');
  schedule
    .command('add <id>')
    .description('add a schedule (then add layers with "oncall layer add")')
    .requiredOption('--team <id>')
    .option('--tz <zone>', 'IANA zone of its rotations, like Europe/Berlin (required)')
    .option('--name <name>')
    .action(async (id: string, o, command: Command) => {
      const run = await invocation(command);
      const tz = zoneOption(command);
      if (!tz) throw new UserError('schedule add needs --tz ZONE, the IANA zone of its rotations (like Europe/Berlin)');
      const { plan } = await (await manage()).addSchedule(run.ctx, id, { team: o.team, timezone: tz, name: o.name });
      printChange(run, plan, `Added schedule ${id}.`);
    });
  schedule
    .command('edit <id>')
    .description("change a schedule's name, team or zone")
    .option('--team <id>')
    .option('--tz <zone>')
    .option('--name <name>')
    .option('--effective <time>', 'when the change takes effect (default: now)')
    .action(withFlags({ effective: '--effective' }, async (id: string, o, command: Command) => {
      const run = await invocation(command);
      const effective = await effectiveOf(run, o.effective);
      const fields = { team: o.team, timezone: zoneOption(command), name: o.name };
      const { plan } = await (await manage()).editSchedule(run.ctx, id, fields, { effective });
      printChange(run, plan, `Changed schedule ${id}.`, effective);
    }));
  schedule
    .command('rm <id>')
    .description('remove a schedule from now on (its past stays in the history)')
    .option('--effective <time>', 'when (default: now)')
    .action(withFlags({ effective: '--effective' }, async (id: string, o, command: Command) => {
      const run = await invocation(command);
      const { plan } = await (await manage()).removeSchedule(run.ctx, id, { effective: await effectiveOf(run, o.effective) });
      printChange(run, plan, `Removed schedule ${id}.`);
    }));
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    schedule
      .command(`${name} <id>`)
      .description(disabled ? 'keep the schedule but make its layers cover nothing, from --effective on' : 'make a disabled schedule cover again')
      .option('--effective <time>', 'when (default: now)')
      .action(withFlags({ effective: '--effective' }, async (id: string, o, command: Command) => {
        const run = await invocation(command);
        const effective = await effectiveOf(run, o.effective);
        const { plan } = await (await manage()).setScheduleDisabled(run.ctx, id, disabled, { effective });
        printChange(run, plan, `${disabled ? 'Disabled' : 'Enabled'} schedule ${id}.`, effective);
      }));
  }
  schedule
    .command('list')
    .description('every schedule')
    .action(async (_o, command: Command) => {
      const run = await invocation(command);
      const config = await currentConfig(run);
      const list = config.schedules.map((s) => ({ id: s.id, team: s.team, name: s.name, timezone: s.timezone, layers: s.layers.length, overrides: s.overrides.length }));
      if (run.json) return run.printJson(list);
      const rows = list.map((s) => [s.id, s.team, s.timezone, String(s.layers)].map((text) => ({ text })));
      run.print(table([{ header: 'ID', shrink: true }, { header: 'TEAM', shrink: true }, { header: 'ZONE' }, { header: 'LAYERS' }], rows, run.colors, run.width));
    });
  schedule
    .command('show <id>')
    .description('a schedule with its layers now, and any definition planned for later')
    .action(async (id: string, _o, command: Command) => {
      const run = await invocation(command);
      const { scheduleDefinitions } = await import('../../app/definitions.js');
      printSchedule(run, await scheduleDefinitions(run.ctx, id));
    });

  registerLayers(program);
}

/**
 * `--tz` of schedule and person commands. It shares its name with the global option (the
 * viewer's zone), which commander parses wherever it appears, so read it from there.
 */
export function zoneOption(command: Command): string | undefined {
  return command.optsWithGlobals().tz;
}

function layerOptions(command: Command): Command {
  return command
    .option('--start <time>', 'first handoff, wall clock in the schedule zone ("2026-12-07 09:00")')
    .option('--end <time>', 'when the layer stops covering')
    .option('--shift <length>', 'shift length: 12h, 1d, 1w, 1mo')
    .option('--handoffs <rrule>', 'handoff rule instead of --shift, e.g. "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9"')
    .option('--members <ids>', 'the rotation, in order, comma-separated', collect)
    .option('--restrict <window>', 'cover only "mon-fri 09:00-17:00" or "fri 18:00-mon 09:00" (repeatable)', (v: string, prev: RestrictionConfig[] | undefined) => parseRestrictOption(v, prev))
    .option('--priority <n>', 'higher wins (default: later layers win)', (v) => Number(v));
}

function registerLayers(program: Command): void {
  const layer = program.command('layer').description('add, list, show, edit, disable and remove layers');
  layerOptions(layer.command('add <schedule> <id>').description('add a layer to a schedule')).action(
    async (scheduleId: string, id: string, o, command: Command) => {
      const run = await invocation(command);
      if (o.start === undefined) throw new UserError('layer add needs --start, the first handoff (e.g. "2026-12-07 09:00")');
      const l: LayerConfig = {
        id,
        start: await wallClockIn(run, scheduleId, o.start, '--start'),
        ...(o.end !== undefined && { end: await wallClockIn(run, scheduleId, o.end, '--end') }),
        ...(o.shift !== undefined && { shift: o.shift }),
        ...(o.handoffs !== undefined && { handoffs: o.handoffs }),
        members: o.members ?? [],
        ...(o.restrict && { restrictions: o.restrict }),
        ...(o.priority !== undefined && { priority: o.priority }),
      };
      const { plan } = await (await manage()).addLayer(run.ctx, scheduleId, l);
      printChange(run, plan, `Added layer ${scheduleId}/${id}.`);
    },
  );
  layerOptions(layer.command('edit <schedule> <id>').description('change a layer from --effective on (default now)'))
    .option('--no-restrict', 'remove all restrictions')
    .option('--no-end', 'remove the end')
    .option('--effective <time>', 'when the change takes effect (default: now; the past never changes)')
    .action(withFlags({ effective: '--effective' }, async (scheduleId: string, id: string, o, command: Command) => {
      const run = await invocation(command);
      const clear: ('end' | 'restrictions')[] = [];
      if (o.restrict === false) clear.push('restrictions');
      if (o.end === false) clear.push('end');
      const effective = await effectiveOf(run, o.effective);
      const edit = {
        ...(o.start !== undefined && { start: await wallClockIn(run, scheduleId, o.start, '--start') }),
        ...(typeof o.end === 'string' && { end: await wallClockIn(run, scheduleId, o.end, '--end') }),
        ...(o.shift !== undefined && { shift: o.shift }),
        ...(o.handoffs !== undefined && { handoffs: o.handoffs }),
        ...(o.members !== undefined && { members: o.members }),
        ...(Array.isArray(o.restrict) && { restrictions: o.restrict }),
        ...(o.priority !== undefined && { priority: o.priority }),
        clear,
      };
      const { plan } = await (await manage()).editLayer(run.ctx, scheduleId, id, edit, { effective });
      printChange(run, plan, `Changed layer ${scheduleId}/${id}.`, effective);
    }));
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    layer
      .command(`${name} <schedule> <id>`)
      .description(disabled ? 'keep the layer but make it cover nothing, from --effective on' : 'make a disabled layer cover again')
      .option('--effective <time>', 'when (default: now)')
      .action(withFlags({ effective: '--effective' }, async (scheduleId: string, id: string, o, command: Command) => {
        const run = await invocation(command);
        const effective = await effectiveOf(run, o.effective);
        const { plan } = await (await manage()).editLayer(run.ctx, scheduleId, id, { disabled }, { effective });
        printChange(run, plan, `${disabled ? 'Disabled' : 'Enabled'} layer ${scheduleId}/${id}.`, effective);
      }));
  }
  layer
    .command('rm <schedule> <id>')
    .description('remove a layer from --effective on (its past stays)')
    .option('--effective <time>', 'when (default: now)')
    .action(withFlags({ effective: '--effective' }, async (scheduleId: string, id: string, o, command: Command) => {
      const run = await invocation(command);
      const { plan } = await (await manage()).removeLayer(run.ctx, scheduleId, id, { effective: await effectiveOf(run, o.effective) });
      printChange(run, plan, `Removed layer ${scheduleId}/${id}.`);
    }));
  layer
    .command('list <schedule>')
    .description("a schedule's layers")
    .action(async (scheduleId: string, _o, command: Command) => {
      const run = await invocation(command);
      const s = findById((await currentConfig(run)).schedules, scheduleId, 'schedule');
      if (run.json) return run.printJson(s.layers);
      for (const l of s.layers) for (const line of describeLayer(l)) run.print(fitWidth(line, run.width));
    });
  layer
    .command('show <schedule> <id>')
    .description('one layer now, and any version planned for later')
    .action(async (scheduleId: string, id: string, _o, command: Command) => {
      const run = await invocation(command);
      const { layerDefinitions } = await import('../../app/definitions.js');
      printLayer(run, id, await layerDefinitions(run.ctx, scheduleId, id));
    });
}
