// Incidents: opened against an escalation policy with a snapshot of its resolved chain,
// acknowledged, resolved. The snapshot keeps naming who was responsible when the incident
// opened, whatever happens to the schedules afterwards.

import type { ChainStep } from '../core/index.js';
import { isoUtc } from '../core/index.js';
import { UserError } from '../errors.js';
import { incidentById, insertIncident, listIncidents, updateIncident, type Incident, type IncidentUpdate } from '../storage/incidents.js';
import type { AppContext } from './context.js';
import { resolveEscalation } from './escalate.js';
import { resolvePerson } from './next.js';

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4', 'sev5'] as const;
export const DEFAULT_SEVERITY = 'sev3';

export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';

export function statusOf(incident: Incident): IncidentStatus {
  if (incident.resolvedAt !== null) return 'resolved';
  return incident.acknowledgedAt !== null ? 'acknowledged' : 'open';
}

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
  if (at > ctx.now) throw new UserError('an incident cannot open in the future; leave out --at or give a past time');
  const chain = await resolveEscalation(ctx, request.policy, at);
  const db = await (await ctx.db()).orm();
  return insertIncident(db, { title, policyId: chain.policy.id, severity, openedAt: at, chain: chain.steps }, writeContext(ctx));
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
  const incident = incidentById(await (await ctx.db()).orm(), id);
  if (!incident) throw unknownIncident(id);
  return incident;
}

export async function findIncidents(ctx: AppContext, filter: { openOnly?: boolean; since?: number; until?: number }): Promise<Incident[]> {
  return listIncidents(await (await ctx.db()).orm(), filter);
}

/** "12" or "#12". */
export function parseIncidentId(text: string): number {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) throw new UserError(`"${text}" is not an incident number; "oncall incident list" shows them`);
  return id;
}

export interface IncidentEvent {
  at: number;
  kind: 'opened' | 'notified' | 'unanswered' | 'pending' | 'acknowledged' | 'resolved';
  step?: ChainStep;
  by?: string;
  note?: string;
}

/**
 * What happened, in order: the levels notified until someone acknowledged, and, while
 * nobody has, the levels still to come.
 */
export function incidentEvents(incident: Incident, now: number): IncidentEvent[] {
  const stop = incident.acknowledgedAt ?? now;
  const events: IncidentEvent[] = [{ at: incident.openedAt, kind: 'opened', by: incident.openedBy }];
  for (const step of incident.chain) {
    if (step.at <= stop) events.push({ at: step.at, kind: step.gap ? 'unanswered' : 'notified', step });
    else if (incident.acknowledgedAt === null) events.push({ at: step.at, kind: 'pending', step });
  }
  // Resolving an unacknowledged incident acknowledges it too; that is not an event of its own.
  const implicitAck = incident.acknowledgedAt === incident.resolvedAt && incident.acknowledgedBy === incident.resolvedBy;
  if (incident.acknowledgedAt !== null && !implicitAck) {
    events.push({ at: incident.acknowledgedAt, kind: 'acknowledged', by: incident.acknowledgedBy ?? undefined });
  }
  if (incident.resolvedAt !== null) {
    events.push({ at: incident.resolvedAt, kind: 'resolved', by: incident.resolvedBy ?? undefined, note: incident.note ?? undefined });
  }
  return events.sort((a, b) => a.at - b.at);
}

async function actorAndTime(ctx: AppContext, request: CloseRequest, env: NodeJS.ProcessEnv) {
  const at = request.at ?? ctx.now;
  if (at > ctx.now) throw new UserError('that time is in the future; leave out --at or give a past time');
  try {
    return { by: (await resolvePerson(ctx, request.by, env)).id, at };
  } catch (error) {
    if (request.by === undefined && error instanceof UserError) {
      throw new UserError(`${error.message.replace(/; pass --person ID$/, '')}; say who with --by PERSON`);
    }
    throw error;
  }
}

function notBefore(at: number, earliest: number, id: number, what: string): void {
  if (at < earliest) {
    throw new UserError(`incident ${id} was ${what} after that time; give an --at after ${isoUtc(earliest)}`);
  }
}

async function change(ctx: AppContext, id: number, action: string, check: (incident: Incident) => IncidentUpdate): Promise<Incident> {
  const db = await (await ctx.db()).orm();
  return updateIncident(db, id, action, (incident) => {
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
