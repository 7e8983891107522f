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
    .option('--no-browser', 'no browser on this machine: paste the address the browser ends on')
    .option('--port <n>', 'loopback port the browser returns to, e.g. to forward it over SSH (default: a free one)', positiveInteger('--port'))
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const clientId = options.clientId ?? run.io.env.ONCALL_GOOGLE_CLIENT_ID;
      if (!clientId) throw new UserError('give --client-id (or set ONCALL_GOOGLE_CLIENT_ID); the README says how to create one');
      const [{ connectGoogleCalendar, waitText }, { stdinPaste }] = await Promise.all([import('../../app/calendar-connect.js'), import('../paste.js')]);
      const noBrowser = options.browser === false;
      // A pasted answer is read with --no-browser, or from a terminal (whichever answer comes first wins).
      const paste = noBrowser || run.io.stdin.isTTY ? stdinPaste(run.io, noBrowser) : undefined;
      const remote = noBrowser || withoutDisplay(run.io.env);
      const store = await connectGoogleCalendar(run.io.env, {
        clientId,
        clientSecret: options.clientSecret ?? run.io.env.ONCALL_GOOGLE_CLIENT_SECRET,
        port: options.port,
        paste,
        show: (url, redirect, timeoutMs) => {
          const wait = `Waiting up to ${waitText(timeoutMs)}…`;
          const forward = `ssh -L ${new URL(redirect).port}:127.0.0.1:${new URL(redirect).port} <this machine>`;
          const lines = remote
            ? [
                'Open this URL in a browser on any machine to allow oncall to manage calendar events:',
                '',
                `  ${url}`,
                '',
                `After you allow access, the browser goes to ${redirect}/?… and shows an error page: that is expected.`,
                paste
                  ? 'Copy the whole address from its address bar, paste it here and press Enter.'
                  : `Run again with --no-browser to paste that address here, or forward the port first: ${forward}.`,
                ...(paste ? [`(Or forward the port before you allow access: ${forward}.)`] : []),
                wait,
              ]
            : [
                'Open this URL in a browser to allow oncall to manage calendar events:',
                '',
                `  ${url}`,
                '',
                ...(paste ? [`If the browser runs on another machine, paste here the address it ends on (${redirect}/?…).`] : []),
                wait,
              ];
          // One note per line: a plain string is shown on one line, its line breaks as symbols.
          for (const line of lines) run.note(line);
        },
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
      const deviceCode = Boolean(options.deviceCode);
      const { user, where } = await connectOutlookCalendar(run.io.env, {
        clientId,
        deviceCode,
        show: (text) => {
          run.note(text);
          // Microsoft's browser flow waits for the browser as long as it takes; say how to avoid it.
          if (!deviceCode && withoutDisplay(run.io.env)) run.note('No browser on this machine? Stop with Ctrl-C and run again with --device-code.');
        },
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

/** A session without a local browser: over SSH, or Linux without a graphical display. */
function withoutDisplay(env: Record<string, string | undefined>): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return true;
  return process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
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

