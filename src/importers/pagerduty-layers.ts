// PagerDuty schedule layers as oncall layers.
//
// Precedence: PagerDuty gives the last layer ("Layer 2" over "Layer 1") precedence, and its GET
// answers list the layers in the reverse of the order they were created, the highest first
// (PagerDuty's public-support-scripts "schedule_layer_reorganizer"; the Terraform provider
// reverses them on read). oncall lets later layers win, so the API's list is written reversed.
//
// Rotation: turn k of a layer runs from rotation_virtual_start + k × rotation_turn_length_seconds
// and belongs to users[k mod n], for every k (the virtual start anchors the rotation and may lie
// before the layer's `start`). The layer covers nothing before `start` nor from `end`. Handoffs
// keep their wall-clock time in the schedule's zone across DST, as oncall's do. oncall's layer
// `start` is its first handoff and gives members[0] that turn, so the layer is written from the
// first handoff at or after PagerDuty's `start`, its members rotated to whoever PagerDuty puts
// there; the part of a turn between `start` and that handoff becomes a one-person layer of its
// own ("… first turn") that ends at the handoff (left out when it is over before the window).

import { DAY_MS, HOUR_MS, formatWallClock, fromFloating, toFloating } from '../core/wall-clock.js';
import type { Window } from '../core/index.js';
import { uniqueId } from './ids.js';
import type { PdLayer, PdReference } from './pagerduty-api.js';
import { mapRestrictions } from './pagerduty-restrictions.js';
import type { ImportedLayer } from './types.js';

export interface LayerContext {
  scheduleName: string;
  /** The schedule's IANA zone. */
  zone: string;
  window: Window;
  /** The oncall person id of a PagerDuty user reference (unknown users become placeholders). */
  person: (user: PdReference) => string;
  notes: string[];
}

interface Turn {
  /** `Nh`, `Nd` or `Nw`. */
  shift: string;
  /** Its length in floating (wall-clock) milliseconds. */
  step: number;
}

/** The oncall shift for a turn length in seconds; one that is not whole hours is rounded, with a note. */
function turnOf(seconds: number, where: string, notes: string[]): Turn {
  if (seconds > 0 && seconds % 86_400 === 0 && seconds / 86_400 <= 366) {
    const days = seconds / 86_400;
    return { shift: days % 7 === 0 && days / 7 <= 52 ? `${days / 7}w` : `${days}d`, step: days * DAY_MS };
  }
  if (seconds > 0 && seconds % 3600 === 0 && seconds / 3600 <= 8784) return { shift: `${seconds / 3600}h`, step: seconds * 1000 };
  const hours = Math.min(8784, Math.max(1, Math.round(seconds / 3600)));
  notes.push(`${where}: turns of ${seconds} s are not whole hours, which oncall's rotations need; written as ${hours}h turns, so handoffs differ (verification shows where)`);
  return { shift: `${hours}h`, step: hours * HOUR_MS };
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The schedule's layers in oncall's order (lowest precedence first). */
export function mapLayers(layers: PdLayer[], ctx: LayerContext): ImportedLayer[] {
  const taken = new Set<string>();
  const out: ImportedLayer[] = [];
  // The API lists the layer with the highest precedence first.
  const ordered = [...layers].reverse();
  ordered.forEach((layer, index) => {
    const name = layer.name?.trim() || `Layer ${index + 1}`;
    const where = `schedule "${ctx.scheduleName}", layer "${name}"`;
    const start = Date.parse(layer.start);
    const virtualStart = Date.parse(layer.rotation_virtual_start);
    const end = layer.end ? Date.parse(layer.end) : undefined;
    if (Number.isNaN(start) || Number.isNaN(virtualStart) || (end !== undefined && Number.isNaN(end))) {
      ctx.notes.push(`${where}: its start, end or rotation_virtual_start is not a time; left out`);
      return;
    }
    // A layer that ended before the window is history: PagerDuty keeps ended layers in the list.
    if (end !== undefined && (end <= ctx.window.start || end <= start)) return;
    if (!layer.users?.length) {
      ctx.notes.push(`${where} has no users; left out`);
      return;
    }
    const users = layer.users.map((u) => ctx.person(u.user));
    const turn = turnOf(layer.rotation_turn_length_seconds, where, ctx.notes);
    const mapped = mapRestrictions(layer.restrictions ?? []);
    for (const problem of mapped.problems) ctx.notes.push(`${where}: ${problem}`);
    if ((layer.restrictions?.length ?? 0) > 0 && mapped.restrictions.length === 0) {
      ctx.notes.push(`${where}: none of its restrictions could be written, so it is written unrestricted`);
    }
    const restrictions = mapped.restrictions.length > 0 ? { restrictions: mapped.restrictions } : {};
    const wall = (instant: number) => formatWallClock(toFloating(instant, ctx.zone));

    // The turn containing `start`, counted from the virtual start on the zone's wall clock.
    const anchor = toFloating(virtualStart, ctx.zone);
    const startFloating = toFloating(start, ctx.zone);
    const k = Math.floor((startFloating - anchor) / turn.step);
    const onGrid = anchor + k * turn.step === startFloating;
    const firstHandoffFloating = onGrid ? startFloating : anchor + (k + 1) * turn.step;
    const firstHandoff = fromFloating(firstHandoffFloating, ctx.zone);
    const firstTurn = onGrid ? k : k + 1;
    const id = uniqueId(name, taken, 'layer');

    if (!onGrid && firstHandoff > ctx.window.start) {
      const headEnd = end !== undefined && end < firstHandoff ? end : firstHandoff;
      out.push({
        id: uniqueId(`${name} first turn`, taken, 'layer'),
        start: wall(start),
        end: wall(headEnd),
        shift: turn.shift,
        members: [users[mod(k, users.length)]],
        ...restrictions,
      });
    }
    if (end !== undefined && end <= firstHandoff) return;
    const members = users.map((_, i) => users[mod(firstTurn + i, users.length)]);
    out.push({
      id,
      start: formatWallClock(firstHandoffFloating),
      ...(end !== undefined && { end: wall(end) }),
      shift: turn.shift,
      members,
      ...restrictions,
    });
  });
  return out;
}
