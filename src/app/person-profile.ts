// `oncall person show`: a person, the teams they are in, the layers they rotate in, and
// their time off still to come.

import type { PersonConfig, TimeOffConfig } from '../core/index.js';
import type { AppContext } from './context.js';
import { currentConfig } from './current-config.js';
import { findById } from '../core/index.js';

export interface PersonProfile {
  person: PersonConfig;
  teams: string[];
  /** "schedule/layer" of every layer they are a member of. */
  layers: string[];
  /** Time off that has not ended by now. */
  comingTimeOff: TimeOffConfig[];
}

export async function personProfile(ctx: AppContext, id: string): Promise<PersonProfile> {
  const config = await currentConfig(ctx);
  const person = findById(config.people, id, 'person');
  return {
    person,
    teams: config.teams.filter((t) => t.members.includes(id)).map((t) => t.id),
    layers: config.schedules.flatMap((s) => s.layers.filter((l) => l.members.includes(id)).map((l) => `${s.id}/${l.id}`)),
    comingTimeOff: (person.timeOff ?? []).filter((t) => t.to > ctx.now),
  };
}
