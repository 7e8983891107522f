// oncall calendar connect|disconnect|status|add|list|rm|sync

import type { Command } from 'commander';
import type { CalendarTarget } from '../../app/calendar-targets.js';
import { RuntimeFailure, UserError } from '../../errors.js';
import { invocation, positiveInteger, type Invocation } from '../globals.js';
import { MAX_SYNC_DAYS } from '../../core/index.js';
import { dayCount } from '../window-option.js';
import { formatTime } from '../output.js';
import { iso } from '../json.js';
import { progressBar } from '../progress-bar.js';
import { term } from '../terminal-text.js';
import { withFlags } from '../flag-errors.js';
import { plural } from '../../core/index.js';

export function registerCalendar(program: Command): void {
  const calendar = program.command('calendar').description('push shifts to Google Calendar or Outlook');
  registerConnect(calendar);
  registerTargets(calendar);
  calendar
    .command('sync')
    .description("make each target's calendar show exactly its final shifts")
    .option('--target <id>', 'only this target', positiveInteger('--target'))
    .option('--dry-run', 'print what would change; make no changing request')
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const { syncCalendars } = await import('../../app/calendar-sync.js');
      const { calendarProviders } = await import('../../app/calendar-connect.js');
      const log = (line: string) => run.note(line);
      const bar = progressBar(run.io.stderr);
      const results = await syncCalendars(run.ctx, {
        targetId: options.target,
        dryRun: Boolean(options.dryRun),
        providerFor: calendarProviders(run.io.env, log),
        progress: bar,
      });
      const { describeTarget } = await import('../../app/calendar-targets.js');
      if (run.json) {
        run.printJson(results.map((r) => ({
          target: r.target.id,
          created: r.created, updated: r.updated, deleted: r.deleted,
          planned: r.plan ? { create: r.plan.create.length, update: r.plan.update.length, delete: r.plan.delete.length } : null,
          requests: r.requests,
          error: r.error ?? null,
        })));
      } else {
        for (const r of results) {
          const head = `target ${r.target.id} (${describeTarget(r.target)})`;
          if (options.dryRun && r.plan) {
            run.print(`${head}: would create ${r.plan.create.length}, update ${r.plan.update.length}, delete ${r.plan.delete.length}`);
          } else {
            const counts = `${r.created} created, ${r.updated} updated, ${r.deleted} deleted`;
            run.print(`${head}: ${counts}${r.error ? ` — failed: ${r.error}` : ''} (${plural(r.requests.read + r.requests.write, "request")})`);
          }
        }
        if (results.length === 0) run.print('No targets. Add one with: oncall calendar add --provider google --calendar ID --schedule ID');
      }
      const failed = results.filter((r) => r.error);
      if (failed.length > 0) {
        throw new RuntimeFailure(`${failed.length} of ${results.length} targets failed; "oncall calendar status" shows the errors`);
      }
    });
}

function registerConnect(calendar: Command): void {
  const connect = calendar.command('connect').description('sign in to a calendar provider');
  connect
    .command('google')
    .description('sign in with a Google desktop OAuth client (loopback redirect, PKCE)')
    .option('--client-id <id>', 'OAuth client id (default: $ONCALL_GOOGLE_CLIENT_ID)')
    .option('--client-secret <secret>', 'OAuth client secret (default: $ONCALL_GOOGLE_CLIENT_SECRET)')
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const clientId = options.clientId ?? run.io.env.ONCALL_GOOGLE_CLIENT_ID;
      if (!clientId) throw new UserError('give --client-id (or set ONCALL_GOOGLE_CLIENT_ID); the README says how to create one');
      const { connectGoogleCalendar } = await import('../../app/calendar-connect.js');
      const store = await connectGoogleCalendar(run.io.env, {
        clientId,
        clientSecret: options.clientSecret ?? run.io.env.ONCALL_GOOGLE_CLIENT_SECRET,
        show: (url) => run.note(term`Open this URL in a browser to allow oncall to manage calendar events:\n\n  ${url}\n\nWaiting for the browser…`),
      });
      run.print(`Connected to Google. Tokens are in ${store.where}.`);
    });
  connect
    .command('outlook')
    .description('sign in to Microsoft 365 / Outlook (MSAL public client)')
    .option('--client-id <id>', 'Azure app (client) id (default: $ONCALL_MS_CLIENT_ID)')
    .option('--device-code', 'print a code to enter on another device (no browser here)')
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const clientId = options.clientId ?? run.io.env.ONCALL_MS_CLIENT_ID;
      if (!clientId) throw new UserError('give --client-id (or set ONCALL_MS_CLIENT_ID); the README says how to register an app');
      const { connectOutlookCalendar } = await import('../../app/calendar-connect.js');
      const { user, where } = await connectOutlookCalendar(run.io.env, {
        clientId,
        deviceCode: Boolean(options.deviceCode),
        show: (text) => run.note(text),
      });
      run.print(`Connected to Outlook as ${user}. Tokens are in ${where}.`);
    });
  calendar
    .command('disconnect [provider]')
    .description('remove stored sign-ins (google, outlook, or both)')
    .action(async (provider: string | undefined, _options, command: Command) => {
      const run = await invocation(command);
      if (provider !== undefined && provider !== 'google' && provider !== 'outlook') {
        throw new UserError(`provider "${provider}" must be google or outlook`);
      }
      const { disconnectCalendars } = await import('../../app/calendar-connect.js');
      const { where, removed } = await disconnectCalendars(run.io.env, provider);
      const names = removed.map((p) => (p === 'google' ? 'Google' : 'Outlook')).join(' and ');
      run.print(removed.length > 0 ? `Removed the stored ${names} sign-in from ${where}.` : `No stored ${provider === 'google' ? 'Google' : provider === 'outlook' ? 'Outlook' : 'Google or Outlook'} sign-in in ${where}; nothing to remove.`);
    });
}

function registerTargets(calendar: Command): void {
  calendar
    .command('add')
    .description('define a sync target: a calendar that shows a schedule or a person')
    .requiredOption('--provider <name>', 'google or outlook')
    .requiredOption('--calendar <id>', 'calendar id ("primary" for the main calendar)')
    .option('--schedule <id>', "the schedule's final shifts")
    .option('--person <id>', "the person's shifts in every schedule")
    .option('--days <n>', `how far ahead to sync, 1 to ${MAX_SYNC_DAYS} (default: 90)`, dayCount('--days', MAX_SYNC_DAYS, '2 years'), 90)
    .action(withFlags({ target: '--schedule ID and --person ID', days: '--days' }, async (options, command: Command) => {
      const run = await invocation(command);
      if (options.provider !== 'google' && options.provider !== 'outlook') {
        throw new UserError(`--provider "${options.provider}" must be google or outlook`);
      }
      const { addCalendarTarget } = await import('../../app/calendar-targets.js');
      const target = await addCalendarTarget(run.ctx, {
        provider: options.provider,
        calendarId: options.calendar,
        scheduleId: options.schedule ?? null,
        personId: options.person ?? null,
        days: options.days,
      });
      if (run.json) run.printJson(targetJson(target), 0);
      else run.print(String(target.id));
    }));
  calendar
    .command('list')
    .description('the sync targets')
    .action(async (_options, command: Command) => {
      const run = await invocation(command);
      const { calendarTargets, describeTarget } = await import('../../app/calendar-targets.js');
      const targets = await calendarTargets(run.ctx);
      if (run.json) run.printJson(targets.map(targetJson));
      else if (targets.length === 0) run.print('No targets.');
      else for (const t of targets) run.print(`${t.id}  ${describeTarget(t)}`);
    });
  calendar
    .command('rm <id>')
    .description('remove a sync target (events already in the calendar stay)')
    .action(async (id: string, _options, command: Command) => {
      const run = await invocation(command);
      const { removeCalendarTarget } = await import('../../app/calendar-targets.js');
      await removeCalendarTarget(run.ctx, positiveInteger('target id')(id));
      run.print(`Removed target ${id}.`);
    });
  calendar
    .command('status')
    .description('where tokens are stored, and each target: last sync, synced until, counts, last error')
    .action(async (_options, command: Command) => {
      const run = await invocation(command);
      const { calendarStatus } = await import('../../app/calendar-status.js');
      const { signIn, targets } = await calendarStatus(run.ctx, run.io.env);
      if (run.json) {
        run.printJson({ signIn, targets: targets.map(targetJson) });
        return;
      }
      run.print(`Tokens: ${signIn.store === 'keychain' ? 'OS keychain' : `file ${signIn.where}`}`);
      run.print(`Google: ${signIn.google}   Outlook: ${signIn.outlook}`);
      for (const t of targets) printTargetStatus(run, t);
    });
}

function printTargetStatus(run: Invocation, t: CalendarTarget): void {
  const time = (v: number | null) => (v === null ? 'never' : formatTime(v, run.ctx.zone, run.ctx.now));
  run.print('');
  run.print(`target ${t.id}: ${t.provider} "${t.calendarId}" ← ${t.scheduleId ? `schedule ${t.scheduleId}` : `person ${t.personId}`}`);
  run.print(`  last sync ${time(t.lastSyncAt)}, synced until ${time(t.syncedUntil)}`);
  run.print(`  last run: ${t.created} created, ${t.updated} updated, ${t.deleted} deleted`);
  if (t.lastError) run.print(run.colors.red(`  last error (${time(t.lastErrorAt)}): ${t.lastError}`));
}

function targetJson(t: CalendarTarget) {
  const at = (v: number | null) => (v === null ? null : iso(v));
  return {
    id: t.id,
    provider: t.provider,
    calendar: t.calendarId,
    schedule: t.scheduleId,
    person: t.personId,
    days: t.days,
    lastSync: at(t.lastSyncAt),
    syncedUntil: at(t.syncedUntil),
    created: t.created,
    updated: t.updated,
    deleted: t.deleted,
    lastError: t.lastError,
    lastErrorAt: at(t.lastErrorAt),
  };
}

