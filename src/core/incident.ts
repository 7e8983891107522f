// An incident: opened against an escalation policy with a snapshot of its resolved chain,
// then acknowledged and resolved. Times are instants; null until it happens.

import type { ChainStep } from './escalation.js';
import type { Instant } from './types.js';

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4', 'sev5'] as const;
export const DEFAULT_SEVERITY = 'sev3';

export interface Incident {
  id: number;
  title: string;
  policyId: string;
  severity: string;
  openedAt: Instant;
  openedBy: string;
  chain: ChainStep[];
  acknowledgedAt: Instant | null;
  acknowledgedBy: string | null;
  resolvedAt: Instant | null;
  resolvedBy: string | null;
  note: string | null;
}

export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';

export function statusOf(incident: Incident): IncidentStatus {
  if (incident.resolvedAt !== null) return 'resolved';
  return incident.acknowledgedAt !== null ? 'acknowledged' : 'open';
}
