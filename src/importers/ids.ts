// oncall ids for what an import brings in. People are matched by e-mail, so a person's id
// comes from the e-mail's local part ("Ann.Lee+oncall@example.com" → "ann-lee-oncall");
// teams, schedules and layers from their names. Ids must match ID_PATTERN and be unique, so
// a second "ann" becomes "ann-2", in the order the vendor lists them (stable across runs).

import { ID_PATTERN } from '../core/values.js';

const MAX_LENGTH = 64;

/** A readable id for `text`, unique within `taken` (which it is added to). */
export function uniqueId(text: string, taken: Set<string>, fallback: string): string {
  const base = slug(text) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, MAX_LENGTH - String(n).length - 1)}-${n}`;
  if (!ID_PATTERN.test(id)) throw new Error(`derived id "${id}" is not an id`);
  taken.add(id);
  return id;
}

/** The id of the person with `email`: its local part, made an id. */
export function personIdFromEmail(email: string, taken: Set<string>): string {
  return uniqueId(email.split('@')[0] ?? '', taken, 'person');
}

/** Lower case, runs of anything but letters and digits as one "-", at most MAX_LENGTH characters. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
}
