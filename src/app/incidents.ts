// Incidents: opened against an escalation policy with a snapshot of its resolved chain,
// acknowledged, resolved. The snapshot keeps naming who was responsible when the incident
// opened, whatever happens to the schedules afterwards.

import type { Incident } from '../core/index.js';
import { DEFAULT_SEVERITY, SEVERITIES, isoUtc } from '../core/index.js';
import { InputError, UserError } from '../errors.js';
import { incidentById, insertIncident, listIncidents, updateIncident, type IncidentUpdate } from '../storage/incidents.js';
import type { AppContext } from './context.js';
import { resolveEscalation } from './escalate.js';
import { resolvePerson } from './next.js';

export { DEFAULT_SEVERITY, SEVERITIES, incidentEvents, statusOf, type Incident, type IncidentEvent, type IncidentStatus } from '../core/index.js';

export interface OpenRequest {
  title: string;
  policy: string;
  severity?: string;
  at?: number;
}

export async function openIncident(ctx: AppContext, request: OpenRequest): Promise<Incident> {
  const title = request.title.trim();
  if (!title || /[\u0000-\u001f]/.test(title)) throw new UserError('give the incident a one-line title, e.g. "Checkout latency"');
  const severity = (request.severity ?? DEFAULT_SEVERITY).toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    throw new UserError(`severity "${request.severity}" is not one of ${SEVERITIES.join(', ')}`);
  }
  const at = request.at ?? ctx.now;
  if (at > ctx.now) throw new InputError('at', (flag) => `an incident cannot open in the future; leave out ${flag ?? 'the time'} or give a past time`);
  const chain = await resolveEscalation(ctx, request.policy, at);
  return insertIncident(await ctx.store(), { title, policyId: chain.policy.id, severity, openedAt: at, chain: chain.steps }, writeContext(ctx));
}

export interface CloseRequest {
  by?: string;
  at?: number;
  note?: string;
}

export async function acknowledgeIncident(ctx: AppContext, id: number, request: CloseRequest, env: NodeJS.ProcessEnv): Promise<Incident> {
  const { by, at } = await actorAndTime(ctx, request, env);
  return change(ctx, id, 'acknowledge', (incident) => {
    if (incident.resolvedAt !== null) throw new UserError(`incident ${id} is already resolved`);
    if (incident.acknowledgedAt !== null) {
      throw new UserError(`incident ${id} was already acknowledged by ${incident.acknowledgedBy}; "oncall incident show ${id}" has the details`);
    }
    notBefore(at, incident.openedAt, id, 'opened');
    return { acknowledgedAt: at, acknowledgedBy: by };
  });
}

/** Resolving an incident nobody acknowledged also acknowledges it, by the resolver, then. */
export async function resolveIncident(ctx: AppContext, id: number, request: CloseRequest, env: NodeJS.ProcessEnv): Promise<Incident> {
  const { by, at } = await actorAndTime(ctx, request, env);
  const note = request.note?.trim();
  return change(ctx, id, 'resolve', (incident) => {
    if (incident.resolvedAt !== null) throw new UserError(`incident ${id} is already resolved`);
    notBefore(at, incident.acknowledgedAt ?? incident.openedAt, id, incident.acknowledgedAt !== null ? 'acknowledged' : 'opened');
    return {
      ...(incident.acknowledgedAt === null && { acknowledgedAt: at, acknowledgedBy: by }),
      resolvedAt: at,
      resolvedBy: by,
      ...(note && { note }),
    };
  });
}

export async function getIncident(ctx: AppContext, id: number): Promise<Incident> {
  const incident = await incidentById(await ctx.store(), id);
  if (!incident) throw unknownIncident(id);
  return incident;
}

export async function findIncidents(ctx: AppContext, filter: { openOnly?: boolean; since?: number; until?: number }): Promise<Incident[]> {
  return await listIncidents(await ctx.store(), filter);
}

/** "12" or "#12". */
export function parseIncidentId(text: string): number {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) throw new UserError(`"${text}" is not an incident number; "oncall incident list" shows them`);
  return id;
}

async function actorAndTime(ctx: AppContext, request: CloseRequest, env: NodeJS.ProcessEnv) {
  const at = request.at ?? ctx.now;
  if (at > ctx.now) throw new InputError('at', (flag) => `that time is in the future; leave out ${flag ?? 'the time'} or give a past time`);
  // The person acting is the "by" input: an error finding them says so.
  return { by: (await resolvePerson(ctx, request.by, env, 'by')).id, at };
}

function notBefore(at: number, earliest: number, id: number, what: string): void {
  if (at < earliest) {
    throw new InputError('at', (flag) => `incident ${id} was ${what} after that time; give ${flag ? `an ${flag}` : 'a time'} after ${isoUtc(earliest)}`);
  }
}

async function change(ctx: AppContext, id: number, action: string, check: (incident: Incident) => IncidentUpdate): Promise<Incident> {
  return updateIncident(await ctx.store(), id, action, (incident) => {
    if (!incident) throw unknownIncident(id);
    return check(incident);
  }, writeContext(ctx));
}

function unknownIncident(id: number): UserError {
  return new UserError(`there is no incident ${id}; "oncall incident list" shows them`);
}

function writeContext(ctx: AppContext) {
  return { effective: ctx.now, now: ctx.now, actor: ctx.actor };
}
