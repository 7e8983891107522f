// What a calendar sync must do: compare the events a target should show (its final shifts)
// with the events this tool created earlier, and list only the differences. Events are
// matched by a key (schedule, person, shift start); anything the tool did not create never
// reaches this function.

/** How far ahead a calendar target syncs at most: two years of events, a few API calls each. */
export const MAX_SYNC_DAYS = 730;

export interface DesiredEvent {
  key: string;
  summary: string;
  description: string;
  start: number;
  end: number;
}

export interface RemoteEvent extends DesiredEvent {
  /** The provider's id of the event. */
  remoteId: string;
}

export interface SyncPlan {
  create: DesiredEvent[];
  update: { remoteId: string; event: DesiredEvent }[];
  delete: RemoteEvent[];
}

export function planSync(desired: DesiredEvent[], existing: RemoteEvent[]): SyncPlan {
  const remote = new Map<string, RemoteEvent>();
  const duplicates: RemoteEvent[] = [];
  for (const event of existing) {
    // Two remote events with one key (left by an interrupted run elsewhere): keep one.
    if (remote.has(event.key)) duplicates.push(event);
    else remote.set(event.key, event);
  }
  const plan: SyncPlan = { create: [], update: [], delete: [...duplicates] };
  const wanted = new Set<string>();
  for (const event of desired) {
    wanted.add(event.key);
    const current = remote.get(event.key);
    if (!current) plan.create.push(event);
    else if (!sameContent(current, event)) plan.update.push({ remoteId: current.remoteId, event });
  }
  for (const [key, event] of remote) if (!wanted.has(key)) plan.delete.push(event);
  return plan;
}

function sameContent(a: DesiredEvent, b: DesiredEvent): boolean {
  return a.start === b.start && a.end === b.end && a.summary === b.summary && a.description === b.description;
}

export function planSize(plan: SyncPlan): number {
  return plan.create.length + plan.update.length + plan.delete.length;
}
