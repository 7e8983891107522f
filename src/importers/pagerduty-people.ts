// PagerDuty users as oncall people. People are matched by e-mail and their ids derived from it;
// a user without an e-mail, or a layer member PagerDuty's user list does not hold (a deleted
// user, or one the token may not read), keeps their place in the rotation as a person without
// an e-mail, with an id from their name, and a note asks the lead to settle who that is.

import type { RawPerson } from '../core/config-schema.js';
import { personIdFromEmail, uniqueId } from './ids.js';
import type { PdReference, PdUser } from './pagerduty-api.js';
import { ianaZone } from './pagerduty-zones.js';

export class PeopleMap {
  readonly people: RawPerson[] = [];
  private readonly byPagerDutyId = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(
    users: PdUser[],
    private readonly notes: string[],
  ) {
    for (const user of users) {
      if (this.byPagerDutyId.has(user.id)) continue;
      const name = user.name?.trim() || undefined;
      const email = user.email?.trim() || undefined;
      const timezone = user.time_zone ? ianaZone(user.time_zone) : undefined;
      if (user.time_zone && !timezone) notes.push(`user ${name ?? user.id}: time zone "${user.time_zone}" is not one oncall knows; written without a time zone`);
      let id: string;
      if (email) id = personIdFromEmail(email, this.taken);
      else {
        id = uniqueId(name ?? user.id, this.taken, 'person');
        notes.push(`user ${name ?? user.id} (${user.id}) has no e-mail in PagerDuty; written as person "${id}" without one: add their e-mail before applying`);
      }
      this.byPagerDutyId.set(user.id, id);
      this.people.push({ id, ...(name && { name }), ...(email && { email }), ...(timezone && { timezone }) });
    }
  }

  /** The person id for a user reference; a user not in the list becomes a person without e-mail. */
  person(ref: PdReference): string {
    const known = this.byPagerDutyId.get(ref.id);
    if (known) return known;
    const name = ref.summary?.trim() || undefined;
    const id = uniqueId(name ?? ref.id, this.taken, 'person');
    this.notes.push(`user ${name ?? ref.id} (${ref.id}) is on a schedule or policy but not in PagerDuty's user list (deleted, or hidden from this token); written as person "${id}" without an e-mail: replace them before applying`);
    this.byPagerDutyId.set(ref.id, id);
    this.people.push({ id, ...(name && { name }) });
    return id;
  }

  /** The id of a user PagerDuty listed, without creating one. */
  known(pagerDutyId: string): string | undefined {
    return this.byPagerDutyId.get(pagerDutyId);
  }
}
