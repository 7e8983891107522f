// The advisory locks oncall takes on a shared PostgreSQL database, one key each. Any bigint
// would do; these are "oncall" in ASCII and a digit, unlikely to clash with another program's.

/** The single write lock every change holds (pg-store.ts). */
export const WRITE_LOCK = 0x6f6e63616c6c * 16 + 1;
/** Held by `db migrate` and `db roles`, which change the schema and the grants. */
export const MIGRATE_LOCK = 0x6f6e63616c6c * 16 + 2;
