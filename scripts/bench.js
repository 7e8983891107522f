#!/usr/bin/env node
// `npm run bench`: does `oncall who` answer instantly on a large, long-lived setup?
//
// 1. Generates 500 people, 50 teams, 200 schedules (3 layers each) and 20 000 overrides.
// 2. Builds two years of history: applies the base file "at" 2024-11-23, then 8 edited
//    versions at dates spread over the two years (each apply pinned with ONCALL_NOW, so the
//    change takes effect then, as if a team lead had applied it that day).
// 3. Times the read commands as fresh processes (that is how users run them) and compares
//    them with a bare `node -e 0`, which is the floor no CLI can beat.
//
// 4. With ONCALL_BENCH_PG=postgres://… (a server you run), copies the same database into
//    PostgreSQL (database `oncall_bench` on that server, dropped and created afresh; with
//    --pg-use-url-database, the URL's own database, which must be empty) and times the same
//    commands there, against the same `node -e 0`, with targets of their own.
//
// Usage: node scripts/bench.js [--runs N] [--keep] [--pg-use-url-database]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/oncall.js', import.meta.url));
const WARMUPS = 2;
const NOW = '2026-11-23T12:00:00Z';
const HISTORY_START = Date.parse('2024-11-23T00:00:00Z');
const HISTORY_END = Date.parse('2026-11-23T00:00:00Z');
const ROTATION_START = '2024-11-25T09:00'; // a Monday
const HOUR = 3600e3;
const DAY = 24 * HOUR;

const PERSON_ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles',
  'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];
const SCHEDULE_ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney',
  'Europe/London', 'America/Los_Angeles'];
const COLORS = ['#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#d19a66'];
const PEOPLE = 500;
const TEAM_SIZE = 10;
const TEAMS = PEOPLE / TEAM_SIZE;
const SCHEDULES_PER_TEAM = 4;
const OVERRIDES_PER_SCHEDULE = 100;
const FUTURE_OVERRIDES = 10; // of the 100: after "today", up to six months ahead
const VERSIONS = 8; // edited versions applied after the base file
const HOLIDAY_REGIONS = ['DE', 'US', 'GB', 'JP', 'AU']; // one per team, in turn
const TIME_OFF_EVERY = 5; // every fifth person has a week off, somewhere in the two years

// ---------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const opts = { runs: 15, keep: false, pgUseUrlDatabase: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') opts.keep = true;
    else if (arg === '--pg-use-url-database') opts.pgUseUrlDatabase = true;
    else if (arg === '--runs') opts.runs = Number(argv[++i]);
    else if (arg.startsWith('--runs=')) opts.runs = Number(arg.slice('--runs='.length));
    else usage(`unknown argument: ${arg}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) usage('--runs needs a positive integer');
  return opts;
}

function usage(message) {
  console.error(`bench: ${message}\nusage: node scripts/bench.js [--runs N] [--keep] [--pg-use-url-database]`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// Data generation (deterministic: the same seed gives the same files on every machine)

// mulberry32: a tiny seeded PRNG, so runs are comparable across machines and commits.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width) => String(n).padStart(width, '0');
const personId = (i) => `p${pad(i + 1, 3)}`; // p001..p500
const teamId = (t) => `t${pad(t + 1, 2)}`; // t01..t50
const scheduleId = (s) => `s${pad(s + 1, 3)}`; // s001..s200
const q = (s) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
const list = (ids) => `[${ids.join(', ')}]`;

// "YYYY-MM-DDTHH:00": the YAML wall-clock form; read in the schedule's zone.
const wallClock = (ms) => new Date(ms).toISOString().slice(0, 13) + ':00';

function teamMembers(t) {
  return Array.from({ length: TEAM_SIZE }, (_, k) => personId(t * TEAM_SIZE + k));
}

// `count` consecutive team members starting at `from`, wrapping around the team.
function slice(members, from, count) {
  return Array.from({ length: count }, (_, k) => members[(from + k) % members.length]);
}

function peopleYaml() {
  const lines = ['people:'];
  for (let i = 0; i < PEOPLE; i++) {
    lines.push(`  - id: ${personId(i)}`,
      `    name: ${q(`Person ${i + 1}`)}`,
      `    email: ${personId(i)}@bench.example`,
      `    timezone: ${PERSON_ZONES[i % PERSON_ZONES.length]}`);
    if (i % 3 === 0) lines.push(`    color: ${q(COLORS[i % COLORS.length])}`); // some people have none
    if (i % TIME_OFF_EVERY === 0) {
      const from = HISTORY_START + Math.floor(prng(5000 + i)() * 700) * DAY;
      lines.push('    time_off:', `      - from: ${wallClock(from).slice(0, 10)}`, `        to: ${wallClock(from + 6 * DAY).slice(0, 10)}`);
    }
  }
  lines.push('teams:');
  for (let t = 0; t < TEAMS; t++) {
    lines.push(`  - id: ${teamId(t)}`, `    name: ${q(`Team ${t + 1}`)}`,
      `    members: ${list(teamMembers(t))}`, `    holidays: ${HOLIDAY_REGIONS[t % HOLIDAY_REGIONS.length]}`);
  }
  return lines;
}

// One policy per team: its first schedule, then its second and the team lead, then everyone.
function policiesYaml() {
  const lines = ['escalation_policies:'];
  for (let t = 0; t < TEAMS; t++) {
    const first = scheduleId(t * SCHEDULES_PER_TEAM);
    const second = scheduleId(t * SCHEDULES_PER_TEAM + 1);
    lines.push(`  - id: ${teamId(t)}-critical`, `    team: ${teamId(t)}`, '    repeat: 2', '    levels:',
      `      - targets: [schedule:${first}]`,
      `      - targets: [schedule:${second}, person:${teamMembers(t)[0]}]`, '        after: 15m',
      `      - targets: [team:${teamId(t)}]`, '        after: 30m');
  }
  return lines;
}

// 100 overrides per schedule; generated once and written identically into every version,
// so later applies diff them as unchanged (as a real file kept in git would be).
function makeOverrides(s, members) {
  const random = prng(1000 + s);
  const overrides = [];
  for (let k = 0; k < OVERRIDES_PER_SCHEDULE; k++) {
    const future = k < FUTURE_OVERRIDES;
    const [lo, hi] = future ? [HISTORY_END, HISTORY_END + 180 * DAY] : [HISTORY_START, HISTORY_END];
    const from = lo + Math.floor((random() * (hi - lo)) / HOUR) * HOUR;
    const hours = 3 + Math.floor(random() * 70); // a few hours to 3 days
    const who = Math.floor(random() * members.length);
    const override = { person: members[who], from: wallClock(from), to: wallClock(from + hours * HOUR) };
    if (random() < 0.3) {
      // A shift swap: anyone else in the team (the offset 1..n-1 never lands on `who`).
      override.replaces = members[(who + 1 + Math.floor(random() * (members.length - 1))) % members.length];
    }
    if (random() < 0.5) override.reason = `cover #${k + 1}`;
    overrides.push(override);
  }
  return overrides.sort((a, b) => a.from.localeCompare(b.from));
}

// How many edits schedule s has received by version v (0 = base). About a third of the
// schedules change in each version, so the history is uneven, as in real life.
function editsSoFar(s, v) {
  let edits = 0;
  for (let u = 1; u <= v; u++) if (prng(s * 100 + u)() < 1 / 3) edits++;
  return edits;
}

function scheduleYaml(s, v, overrides) {
  const t = Math.floor(s / SCHEDULES_PER_TEAM);
  const members = teamMembers(t);
  const e = editsSoFar(s, v);
  // Each edit both rotates the order and swaps someone in or out of every layer.
  const weekly = slice(members, s + e, 5);
  const daily = slice(members, s + 5 + 2 * e, 3);
  const weekend = slice(members, s + 8 + e, 2 + (e % 2));
  const lines = [
    `  - id: ${scheduleId(s)}`, `    team: ${teamId(t)}`, `    name: ${q(`Schedule ${s + 1}`)}`,
    `    timezone: ${SCHEDULE_ZONES[s % SCHEDULE_ZONES.length]}`,
    '    layers:',
    '      - id: weekly', `        start: ${ROTATION_START}`, '        shift: 1w',
    `        members: ${list(weekly)}`,
    '      - id: business-hours', `        start: ${ROTATION_START}`, '        shift: 1d',
    `        members: ${list(daily)}`,
    '        restrictions:',
    '          - days: [mon, tue, wed, thu, fri]', '            from: "09:00"', '            to: "17:00"',
    '      - id: weekend', `        start: ${ROTATION_START}`,
    '        handoffs: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"',
    `        members: ${list(weekend)}`,
    '        restrictions:',
    '          - from: "fri 18:00"', '            to: "mon 09:00"',
    '    overrides:',
  ];
  for (const o of overrides) {
    lines.push(`      - person: ${o.person}`, `        from: ${o.from}`, `        to: ${o.to}`);
    if (o.replaces) lines.push(`        replaces: ${o.replaces}`);
    if (o.reason) lines.push(`        reason: ${q(o.reason)}`);
  }
  return lines;
}

// Writes base.yaml and v1..v8.yaml; returns [{label, file, now}] in the order to apply.
function generate(dir) {
  const schedules = TEAMS * SCHEDULES_PER_TEAM;
  const overrides = Array.from({ length: schedules }, (_, s) =>
    makeOverrides(s, teamMembers(Math.floor(s / SCHEDULES_PER_TEAM))));
  const people = peopleYaml();
  const step = (HISTORY_END - HISTORY_START) / (VERSIONS + 1);
  const versions = [];
  for (let v = 0; v <= VERSIONS; v++) {
    const lines = ['version: 1', ...people, 'schedules:'];
    for (let s = 0; s < schedules; s++) lines.push(...scheduleYaml(s, v, overrides[s]));
    lines.push(...policiesYaml());
    const file = join(dir, v === 0 ? 'base.yaml' : `v${v}.yaml`);
    writeFileSync(file, lines.join('\n') + '\n');
    // Versions land mid-morning UTC on evenly spaced days after the base.
    const now = v === 0 ? HISTORY_START : HISTORY_START + Math.round((v * step) / DAY) * DAY + 10 * HOUR;
    versions.push({ label: v === 0 ? 'base' : `v${v}`, file, now: new Date(now).toISOString().replace('.000', '') });
  }
  return versions;
}

// ---------------------------------------------------------------------------------------
// Running the CLI

function runNode(args, env, extraNodeArgs = []) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...extraNodeArgs, ...args], {
    env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, ...result };
}

// Any failing command makes the numbers meaningless: stop (the temp dir is still removed).
class CommandFailed extends Error {}

function check(result, label) {
  if (result.error) throw result.error;
  if (result.status === 0) return;
  const stderr = result.stderr ? `\n${result.stderr.trimEnd()}` : '';
  throw new CommandFailed(`"${label}" exited with ${result.status ?? result.signal}${stderr}`);
}

function lastLine(text) {
  const lines = (text ?? '').trimEnd().split('\n');
  return lines[lines.length - 1];
}

/** Applies every version; returns the time of re-applying the last one unchanged. */
function applyHistory(versions, env) {
  console.log('Building two years of history:');
  const rows = [...versions, { ...versions[versions.length - 1], label: 're-apply' }];
  let reapplyMs = NaN;
  for (const { label, file, now } of rows) {
    const result = runNode([CLI, 'apply', '-f', file], { ...env, ONCALL_NOW: now });
    check(result, `oncall apply -f ${file} (now ${now})`);
    console.log(`  ${label.padEnd(9)} ${now}  ${fmtMs(result.ms).padStart(9)}  ${lastLine(result.stdout)}`);
    if (label === 're-apply') reapplyMs = result.ms;
  }
  console.log();
  return reapplyMs;
}

// ---------------------------------------------------------------------------------------
// Measuring

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmtMs = (ms) => `${ms.toFixed(1)} ms`;

// The targets for `who` (all schedules, one schedule) as multiples of `node -e 0`: issue 17's
// on SQLite. A shared server costs a connection and round trips that a file does not, hence
// the looser targets (issue 15).
const WHO_TARGETS = { sqlite: { all: 2, one: 1.5 }, postgres: { all: 3.5, one: 2.5 } };
// Issue 17's other targets, as multiples of `node -e 0` in the same run. Re-applying the
// unchanged 2.2 MB file took 2.1 s when node -e 0 took 63 ms (33×): the target is half that.
const EXPORT_TARGET = 10;
const REPORT_TARGET = 5;
const REAPPLY_TARGET = 16.5;

/** "≤ 10×  PASS" for a time against the run's `node -e 0`. */
function verdict(ms, base, max) {
  const ratio = ms / base;
  return `${ratio.toFixed(1).padStart(5)}×  ≤ ${max}×  ${ratio <= max ? 'PASS' : 'MISS'}`;
}

function benchmarks(backend) {
  const today = ['who', '--schedule', 's001'];
  const targets = WHO_TARGETS[backend];
  return [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'who', args: [CLI, 'who'], max: targets.all },
    { name: 'who --schedule s001', args: [CLI, ...today], max: targets.one },
    { name: 'shifts s001, 365 days', args: [CLI, 'shifts', '--schedule', 's001', '--from', '2026-11-23', '--days', '365'] },
    // The spec: a query for 2036 costs the same as one for today.
    { name: 'who s001 --at 2036', args: [CLI, ...today, '--at', '2036-11-23T12:00:00Z'], vs: 'who --schedule s001', max: 1.2 },
    { name: 'who --json', args: [CLI, 'who', '--json'] },
    // Level 1 of a policy is one schedule here: it should cost what `who` for that schedule does.
    { name: 'who --policy t01-critical', args: [CLI, 'who', '--policy', 't01-critical'], vs: 'who --schedule s001', max: 1.2 },
    { name: 'escalate t01-critical', args: [CLI, 'escalate', 't01-critical'] },
  ];
}

// Runs every benchmark in turn, round after round, so that a slow spell on the machine
// hits all of them alike instead of skewing one ratio.
function measure(benches, env, runs) {
  const times = new Map(benches.map((b) => [b.name, []]));
  for (let round = 0; round < WARMUPS + runs; round++) {
    for (const b of benches) {
      const result = runNode(b.args, env);
      check(result, b.name);
      if (round >= WARMUPS) times.get(b.name).push(result.ms);
    }
    if (process.stdout.isTTY) process.stdout.write(`\r  round ${round + 1}/${WARMUPS + runs}`);
  }
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  return new Map([...times].map(([name, xs]) => [name, median(xs)]));
}

// Peak memory from inside the child: a preloaded module reports maxRSS as the process exits.
const RSS_HOOK = 'data:text/javascript,import { writeSync } from "node:fs";'
  + 'process.on("exit", () => writeSync(2, "\\n@@maxrss=" + process.resourceUsage().maxRSS + "\\n"));';

function peakRssMb(args, env) {
  const result = runNode(args, env, ['--import', RSS_HOOK]);
  check(result, `${args.join(' ')} (memory)`);
  const match = /@@maxrss=(\d+)/.exec(result.stderr);
  return match ? Number(match[1]) / 1024 : NaN;
}

// A bench that measures empty output measures nothing: make sure `who` saw every schedule.
function sanityCheck(env) {
  const result = runNode([CLI, 'who', '--json'], env);
  check(result, 'who --json');
  let rows;
  try { rows = JSON.parse(result.stdout); } catch { rows = null; }
  const expected = TEAMS * SCHEDULES_PER_TEAM;
  if (!Array.isArray(rows) || rows.length !== expected) {
    console.warn(`warning: who --json returned ${Array.isArray(rows) ? rows.length : 'no JSON array'}, expected ${expected} schedules`);
  }
}

function report(benches, medians) {
  const base = medians.get('node -e 0');
  const header = ['command', 'median', '× node', 'target', 'result'];
  const rows = benches.map((b) => {
    const ms = medians.get(b.name);
    if (b.max === undefined) return [b.name, fmtMs(ms), `${(ms / base).toFixed(2)}×`, '', ''];
    const against = b.vs ?? 'node -e 0';
    const ratio = ms / medians.get(against);
    const target = b.vs ? `≤ ${b.max}× ${b.vs.replace('who --schedule ', '')} (${ratio.toFixed(2)}×)` : `≤ ${b.max}×`;
    return [b.name, fmtMs(ms), `${(ms / base).toFixed(2)}×`, target, ratio <= b.max ? 'PASS' : 'MISS'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  return rows.every((r) => r[4] !== 'MISS');
}

// Feed exports are CI jobs, not interactive commands: a few runs each are enough.
const EXPORT_RUNS = 3;

function measureExports(env, dir, base) {
  const feed = join(dir, 'all.ics');
  const feeds = join(dir, 'feeds');
  const jobs = [
    { name: 'export ics, 200 schedules, 97 days', args: [CLI, 'export', 'ics', '-o', feed], max: EXPORT_TARGET },
    { name: 'export ics --split-by person', args: [CLI, 'export', 'ics', '--split-by', 'person', '--out-dir', feeds] },
    { name: 'export ics --split-by schedule', args: [CLI, 'export', 'ics', '--split-by', 'schedule', '--out-dir', feeds] },
  ];
  console.log(`\nFeed exports (default window: 7 days back to 90 ahead), median of ${EXPORT_RUNS} runs:`);
  for (const job of jobs) {
    const times = [];
    let last;
    for (let i = 0; i < EXPORT_RUNS; i++) {
      last = runNode(job.args, env);
      check(last, job.name);
      times.push(last.ms);
    }
    const target = job.max ? `  ${verdict(median(times), base, job.max)}` : '';
    console.log(`  ${job.name.padEnd(36)} ${fmtMs(median(times)).padStart(10)}${target}  ${last.stdout.trim()}`);
  }
}

// Reports and checks are run by leads and CI jobs: fewer runs than `who`, but after a warm-up
// and enough of them that one slow run on a shared machine does not decide a target (with 3,
// the report's median moved between 4.4× and 5.3× from one bench to the next).
const HEALTH_RUNS = 7;

function measureRotaHealth(env, base) {
  const jobs = [
    { name: 'report, a quarter, all teams', args: [CLI, 'report', '--from', '2026-08-23T12:00:00Z', '--to', NOW], max: REPORT_TARGET },
    { name: 'report, a quarter, one team', args: [CLI, 'report', '--team', 't01', '--from', '2026-08-23T12:00:00Z', '--to', NOW] },
    { name: 'check, 30 days, all schedules', args: [CLI, 'check'], exitCodes: [0, 3] },
    { name: 'cover s001, one day', args: [CLI, 'cover', '--schedule', 's001', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-02T09:00:00Z'] },
  ];
  console.log(`\nRota health, median of ${HEALTH_RUNS} runs after a warm-up:`);
  for (const job of jobs) {
    const times = [];
    for (let i = 0; i <= HEALTH_RUNS; i++) {
      const result = runNode(job.args, env);
      if (!(job.exitCodes ?? [0]).includes(result.status)) check(result, job.name);
      if (i > 0) times.push(result.ms);
    }
    const target = job.max ? `  ${verdict(median(times), base, job.max)}` : '';
    console.log(`  ${job.name.padEnd(36)} ${fmtMs(median(times)).padStart(10)}${target}`);
  }
}

function machineInfo() {
  const cpus = os.cpus();
  console.log(`node ${process.version} on ${os.platform()} ${os.release()} (${os.arch()}), `
    + `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
}

// ---------------------------------------------------------------------------------------

function measureBackend(backend, env, dir, runs, reapplyMs) {
  const benches = benchmarks(backend);
  console.log(`Median of ${runs} runs after ${WARMUPS} warm-ups (now = ${NOW}), ${backend}, load average ${loadAverage()}:`);
  const medians = measure(benches, env, runs);
  const allPass = report(benches, medians);
  const base = medians.get('node -e 0');
  if (reapplyMs !== undefined) console.log(`re-apply, unchanged 2.2 MB file   ${fmtMs(reapplyMs).padStart(10)}  ${verdict(reapplyMs, base, REAPPLY_TARGET)}`);
  console.log(`load average after: ${loadAverage()}`);
  console.log(`\npeak RSS: node -e 0 ${peakRssMb(['-e', '0'], env).toFixed(1)} MB, `
    + `oncall who --json ${peakRssMb([CLI, 'who', '--json'], env).toFixed(1)} MB`);
  if (!allPass) console.log('Some targets were missed (see MISS above).');
  measureExports(env, dir, base);
  measureRotaHealth(env, base);
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

// The same history on PostgreSQL: migrated by oncall itself, rows copied from the SQLite file,
// and checked by asking both backends the same question.
async function preparePostgres(serverUrl, opts, sqliteEnv) {
  const { copySqliteToPg, recreateDatabase, withDatabase } = await import('./bench-pg.js');
  const url = opts.pgUseUrlDatabase ? serverUrl : withDatabase(serverUrl, PG_DATABASE);
  if (!opts.pgUseUrlDatabase) await recreateDatabase(serverUrl, PG_DATABASE);
  const env = { ...sqliteEnv, ONCALL_DB: url };
  check(runNode([CLI, 'db', 'migrate'], env), 'oncall db migrate');
  const started = Date.now();
  const counts = await copySqliteToPg(sqliteEnv.ONCALL_DB, url);
  console.log(`\nCopied the SQLite database into PostgreSQL (${counts.overrides} overrides, ${counts.layers} layer versions, `
    + `${counts.audit_log} audit entries) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const answers = [sqliteEnv, env].map((e) => {
    const result = runNode([CLI, 'who', '--json'], e);
    check(result, `who --json on ${e.ONCALL_DB}`);
    return result.stdout;
  });
  if (answers[0] !== answers[1]) throw new CommandFailed('`who --json` differs between SQLite and PostgreSQL: the copy is not faithful');
  console.log('`who --json` gives the same answer on both backends.\n');
  return env;
}

const PG_DATABASE = 'oncall_bench';

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const pgUrl = process.env.ONCALL_BENCH_PG;
  machineInfo();
  const dir = mkdtempSync(join(os.tmpdir(), 'oncall-bench-'));
  const env = { ...process.env, ONCALL_DB: join(dir, 'oncall.db'), ONCALL_NOW: NOW, ONCALL_TZ: 'UTC', NO_COLOR: '1' };
  let pgPrepared = false;
  try {
    console.log(`Generating ${PEOPLE} people, ${TEAMS} teams, ${TEAMS * SCHEDULES_PER_TEAM} schedules, `
      + `${TEAMS * SCHEDULES_PER_TEAM * OVERRIDES_PER_SCHEDULE} overrides in ${dir}\n`);
    const versions = generate(dir);
    const reapplyMs = applyHistory(versions, env);
    sanityCheck(env);
    measureBackend('sqlite', env, dir, opts.runs, reapplyMs);
    if (pgUrl) {
      pgPrepared = true;
      const pgEnv = await preparePostgres(pgUrl, opts, env);
      measureBackend('postgres', pgEnv, dir, opts.runs);
    } else {
      console.log('\n(Set ONCALL_BENCH_PG=postgres://… to measure on PostgreSQL too: see docs/benchmark.md.)');
    }
  } finally {
    if (opts.keep) {
      console.log(`\nKept the data: ONCALL_DB=${join(dir, 'oncall.db')} (files in ${dir})`);
      if (pgPrepared) console.log(`and on PostgreSQL: ONCALL_DB=${opts.pgUseUrlDatabase ? 'the ONCALL_BENCH_PG URL' : withDatabaseName(pgUrl)}`);
    } else {
      rmSync(dir, { recursive: true, force: true });
      if (pgPrepared && !opts.pgUseUrlDatabase) await (await import('./bench-pg.js')).dropDatabase(pgUrl, PG_DATABASE);
    }
  }
}

// The bench database's URL, its password masked (the user has the real one).
function withDatabaseName(url) {
  const u = new URL(url);
  u.pathname = `/${PG_DATABASE}`;
  if (u.password) u.password = '***';
  return u.toString();
}

try {
  await main();
} catch (error) {
  if (!(error instanceof CommandFailed)) throw error;
  console.error(`\nbench: ${error.message}`);
  process.exitCode = 1;
}
