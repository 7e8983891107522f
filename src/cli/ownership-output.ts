// The part of `apply`'s plan about ownership: the command-line overrides and time off that
// it keeps (the files do not list them) and the ones it adopts (the files list them).

import type { OwnedItem } from '../core/index.js';
import { plural } from '../core/index.js';
import type { Invocation } from './globals.js';
import { iso } from './json.js';
import { term } from './terminal-text.js';

interface Owned {
  kept: OwnedItem[];
  adopted: OwnedItem[];
}

/** One line per schedule (overrides) or person (time off), in the order the plan met them. */
export function printOwnership(run: Invocation, { kept, adopted }: Owned): void {
  const dim = run.colors.dim;
  for (const group of grouped(kept)) {
    const them = group.count === 1 ? 'it' : 'them';
    run.print(dim(term`Keeping ${count(group)} ${group.where} (--prune removes ${them}).`));
  }
  for (const group of grouped(adopted)) {
    const [them, it] = group.count === 1 ? ['it', 'it'] : ['them', 'they'];
    run.print(dim(term`Adopting ${count(group)} ${group.where}: the files list ${them}, so from now on ${it} follow${it === 'it' ? 's' : ''} the files.`));
  }
}

export function ownershipJson({ kept, adopted }: Owned) {
  return { kept: kept.map(itemJson), adopted: adopted.map(itemJson) };
}

function itemJson(item: OwnedItem) {
  if (item.entity === 'override') {
    const o = item.override;
    return { kind: 'override', schedule: item.scheduleId, person: o.person, from: iso(o.from), to: iso(o.to), replaces: o.replaces ?? null, reason: o.reason ?? null };
  }
  const t = item.timeOff;
  return { kind: 'time-off', person: item.personId, from: iso(t.from), to: iso(t.to), reason: t.reason ?? null };
}

interface Group {
  entity: OwnedItem['entity'];
  where: string;
  count: number;
}

function grouped(items: OwnedItem[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const where = item.entity === 'override' ? `on ${item.scheduleId}` : `of ${item.personId}`;
    const key = `${item.entity} ${where}`;
    const group = groups.get(key) ?? { entity: item.entity, where, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()];
}

function count({ entity, count }: Group): string {
  return entity === 'override' ? plural(count, 'command-line override') : plural(count, 'command-line time off entry', 'command-line time off entries');
}
