// The viewer's zone, in which times are shown and read: --tz, else ONCALL_TZ, else TZ, else
// the system zone. All of them accept the same names, any the platform knows (links such as
// CET and US/Pacific too, in any case), and each becomes the platform's own name for it, so
// `--tz CET` and `TZ=CET` mean the same thing. Zones stored in schedules and people are
// stricter (an Area/City name); see core's isValidTimeZone.

import { canonicalTimeZone } from '../core/index.js';
import { UserError } from '../errors.js';

const HINT = 'use an IANA name like Europe/Berlin or America/New_York';

export function viewerZone(option: string | undefined, env: Record<string, string | undefined>): string {
  if (option !== undefined) return named(option, '--tz');
  // Empty variables count as unset, as shells treat them.
  if (env.ONCALL_TZ) return named(env.ONCALL_TZ, 'ONCALL_TZ');
  // TZ may start with ":" (POSIX: an implementation-defined name).
  const tz = env.TZ?.replace(/^:/, '');
  const fromTz = tz ? canonicalTimeZone(tz) : undefined;
  if (fromTz) return fromTz;
  const system = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  const fromSystem = system ? canonicalTimeZone(system) : undefined;
  if (fromSystem) return fromSystem;
  // A TZ that neither oncall nor the platform understands would silently mean UTC.
  if (tz) throw new UserError(`time zone "${tz}" (from TZ) is not one I know; set ONCALL_TZ or --tz, or ${HINT}`);
  return 'UTC';
}

function named(text: string, source: string): string {
  const zone = canonicalTimeZone(text.trim());
  if (!zone) throw new UserError(`time zone "${text}" (${source}) is not one I know; ${HINT}`);
  return zone;
}
