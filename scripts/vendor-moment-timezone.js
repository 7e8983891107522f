// moment-timezone as date-holidays' parser and its caldate use it, on oncall's own zone
// arithmetic (src/core/wall-clock.ts, which reads the platform's time-zone database). The
// real one costs a report about 60 ms: loading moment and 700 KB of zones, and parsing two
// date strings per holiday. The build puts this in its place in dist/vendor/date-holidays.cjs
// only; test/smoke/vendor-holidays.test.ts holds the answers to the real package's.
//
// What they call, and all this provides:
// - caldate: moment.tz("2026-12-25 00:00:00", zone).format(), read back with new Date();
//   moment.tz(date, zone) and its year(), month(), date(), hours(), minutes(), seconds();
// - the parser's equinoxes: moment(isoText).tz(zone) or .utcOffset("+09:00"), then month()
//   and date().
// A local time the clock skips moves on by the gap and one it repeats is the first, as in
// moment-timezone (and RFC 5545, which wall-clock.ts follows).

import { MINUTE_MS, fromFloating, parseWallClock, toFloating } from '../src/core/wall-clock.js';

/** An instant and the local clock at it. */
class Zoned {
  constructor(instant, offset) {
    this.instant = instant;
    this.local = new Date(instant + offset);
  }

  year() { return this.local.getUTCFullYear(); }
  month() { return this.local.getUTCMonth(); }
  date() { return this.local.getUTCDate(); }
  hours() { return this.local.getUTCHours(); }
  minutes() { return this.local.getUTCMinutes(); }
  seconds() { return this.local.getUTCSeconds(); }

  /** The instant as ISO text: its callers only read it back with new Date(). */
  format() { return new Date(this.instant).toISOString(); }

  tz(zone) { return new Zoned(this.instant, toFloating(this.instant, zone) - this.instant); }

  utcOffset(text) {
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
    if (!m) throw new Error(`unsupported UTC offset ${text}`);
    return new Zoned(this.instant, (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * MINUTE_MS);
  }
}

/** moment(isoText): an instant given with its offset ("2026-03-20T14:46:00.000Z"). */
export default function moment(text) {
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) throw new Error(`unsupported date ${text}`);
  return new Zoned(instant, 0);
}

/** moment.tz(localText or Date, zone). */
moment.tz = (input, zone) => {
  if (input instanceof Date) return new Zoned(input.getTime(), 0).tz(zone);
  const floating = parseWallClock(input);
  if (floating === undefined) throw new Error(`unsupported local time ${input}`);
  return new Zoned(fromFloating(floating, zone), 0).tz(zone);
};
