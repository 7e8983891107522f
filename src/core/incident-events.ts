// An incident's timeline: opened, each level notified (or unanswered, when it reaches nobody)
// until someone acknowledged, the levels still pending while nobody has, and the end.

import type { ChainStep } from './escalation.js';
import type { Incident } from './incident.js';
import type { Instant } from './types.js';

export interface IncidentEvent {
  at: Instant;
  kind: 'opened' | 'notified' | 'unanswered' | 'pending' | 'acknowledged' | 'resolved';
  step?: ChainStep;
  by?: string;
  note?: string;
}

/** What happened up to `now`, and what is still to come, in order of time. */
export function incidentEvents(incident: Incident, now: Instant): IncidentEvent[] {
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
