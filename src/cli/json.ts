// JSON output helpers: instants are always UTC ISO-8601 with a Z.

export function iso(instant: number): string {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

export function isoOrNull(instant: number | null): string | null {
  return instant === null ? null : iso(instant);
}
