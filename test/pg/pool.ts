// Ready-made test databases, so a synchronous `tempDb()` costs a rename instead of a
// CREATE DATABASE (~35 ms on top of a ~20 ms psql start). The vitest main process (global setup)
// keeps a few copies of the template ready, each named by an empty file in `ready/`; a test
// claims one by renaming its file into `claimed/` (atomic: two workers never get the same one)
// and hands it back through `used/`, where the main process drops it in the background so a
// thousand tests do not leave a thousand 7 MB databases behind.

import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';

export interface PoolDirs {
  root: string;
  ready: string;
  claimed: string;
  used: string;
}

export function poolDirs(root: string): PoolDirs {
  return { root, ready: path.join(root, 'ready'), claimed: path.join(root, 'claimed'), used: path.join(root, 'used') };
}

/** Enough for each of the 3 workers to take a few in a row while one is being made. */
const READY = 8;
const IDLE_MS = 15;

export interface Pool {
  dirs: PoolDirs;
  stop(): Promise<void>;
}

/** Keeps READY copies (`CREATE DATABASE name ${copy}`) ready, named in files under `root`, and drops used ones, until `stop`. */
export async function startPool(base: string, copy: string, root: string): Promise<Pool> {
  const dirs = poolDirs(root);
  for (const dir of [dirs.ready, dirs.claimed, dirs.used]) fs.mkdirSync(dir, { recursive: true });
  // pg probes for Cloudflare's runtime through `navigator` unless Node's is there (Node 20 has none).
  (globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'Node.js' };
  const { default: pg } = await import('pg');
  const client: Client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  let made = 0;
  let stopping = false;
  let failure: unknown;

  const step = async (): Promise<boolean> => {
    if (fs.readdirSync(dirs.ready).length < READY) {
      const name = `oncall_p${++made}`;
      await client.query(`CREATE DATABASE ${name} ${copy}`);
      fs.writeFileSync(path.join(dirs.ready, name), '');
      return true;
    }
    const [used] = fs.readdirSync(dirs.used);
    if (used === undefined) return false;
    await client.query(`DROP DATABASE IF EXISTS ${used} WITH (FORCE)`);
    fs.rmSync(path.join(dirs.used, used));
    return true;
  };
  const loop = (async () => {
    while (!stopping) {
      try {
        if (!(await step())) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      } catch (error) {
        // Tests fall back to creating their own database; the reason is reported at stop.
        failure = error;
        return;
      }
    }
  })();

  return {
    dirs,
    async stop() {
      stopping = true;
      await loop;
      await client.end().catch(() => undefined);
      fs.rmSync(dirs.root, { recursive: true, force: true });
      if (failure) console.warn(`the PostgreSQL test database pool stopped early: ${(failure as Error).message}`);
    },
  };
}

/** Takes a ready database's name, or undefined when none is ready (the caller makes one). */
export function claim(dirs: PoolDirs): string | undefined {
  for (const name of fs.readdirSync(dirs.ready)) {
    try {
      fs.renameSync(path.join(dirs.ready, name), path.join(dirs.claimed, name));
      return name;
    } catch {
      // Another worker took it first: try the next.
    }
  }
  return undefined;
}

/** Hands databases back for the main process to drop. */
export function release(dirs: PoolDirs, names: string[]): void {
  for (const name of names) {
    if (fs.existsSync(dirs.root)) fs.writeFileSync(path.join(dirs.used, name), '');
    fs.rmSync(path.join(dirs.claimed, name), { force: true });
  }
}
