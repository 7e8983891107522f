// Escalation delays: "0m", "15m", "1h", "1h30m". Kept in minutes, written back in the same
// short form, so "90m" and "1h30m" compare equal after normalisation.

import type { Parsed } from './values.js';
import { MINUTE_MS, WEEK_MS } from './wall-clock.js';

export function parseDelay(text: string): Parsed<number> {
  const match = /^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$/i.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return { ok: false, error: `"${text}" is not a delay; write minutes or hours like 0m, 15m, 1h or 1h30m` };
  }
  const minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  if (minutes > WEEK_MS / MINUTE_MS) return { ok: false, error: `"${text}" is longer than a week; escalation delays are minutes or hours` };
  return { ok: true, value: minutes };
}

export function formatDelay(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}

/** A normalised delay ("15m") in milliseconds. */
export function delayMs(text: string): number {
  const parsed = parseDelay(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value * MINUTE_MS;
}
