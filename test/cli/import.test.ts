// `oncall import` before any vendor is reached: what it refuses and what it never touches.
// Each vendor's reading, mapping and verification are tested against its fake server in
// import-<vendor>.test.ts.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cleanup, dbState, run, runAsync, tempDb, tempDir } from './helpers.js';

afterAll(cleanup);

const TOKEN = 'pd-token-0123456789abcdef';

test('without the token variable: one line naming it, exit 2, no file', () => {
  const out = path.join(tempDir(), 'rota.yaml');
  for (const [vendor, variable] of [['pagerduty', 'PAGERDUTY_TOKEN'], ['opsgenie', 'OPSGENIE_API_KEY'], ['grafana', 'GRAFANA_ONCALL_TOKEN']]) {
    const r = run(['import', vendor, '-o', out, '--api-url', 'http://127.0.0.1:9'], { ONCALL_DB: tempDb(), [variable]: undefined });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`oncall: set ${variable} to a ${{ pagerduty: 'PagerDuty', opsgenie: 'Opsgenie', grafana: 'Grafana OnCall' }[vendor]} API token (read access is enough); oncall reads it from the environment only\n`);
  }
  expect(fs.existsSync(out)).toBe(false);
});

test('an unknown vendor, Grafana without --api-url, a URL that is not http(s), a missing -o', () => {
  const db = tempDb();
  const out = path.join(tempDir(), 'rota.yaml');
  const env = { ONCALL_DB: db, PAGERDUTY_TOKEN: TOKEN, GRAFANA_ONCALL_TOKEN: TOKEN };
  const cases: [string[], RegExp][] = [
    [['import', 'victorops', '-o', out], /"victorops" is not a vendor oncall imports from; use pagerduty, opsgenie or grafana/],
    [['import', 'grafana', '-o', out], /Grafana OnCall needs --api-url/],
    [['import', 'pagerduty', '-o', out, '--api-url', 'ftp://example.com'], /--api-url "ftp:\/\/example.com" is not an http\(s\) URL/],
    [['import', 'pagerduty'], /required option '-o, --output <file>'/],
    [['import', 'pagerduty', '-o', out, '--from', '2027-01-10', '--to', '2027-01-01'], /the window ends before it starts/],
  ];
  for (const [args, message] of cases) {
    const r = run(args, env);
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }
  expect(fs.existsSync(out)).toBe(false);
});

test('a vendor that cannot be reached: exit 1, the host named, nothing written, the token never shown', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const db = tempDb();
  const before = dbState(db);
  const out = path.join(tempDir(), 'rota.yaml');
  const r = await runAsync(['import', 'pagerduty', '-o', out, '--api-url', `http://127.0.0.1:${port}`], { ONCALL_DB: db, PAGERDUTY_TOKEN: TOKEN });
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).toContain(`cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
  expect(r.stdout + r.stderr).not.toContain(TOKEN);
  expect(fs.existsSync(out)).toBe(false);
  expect(dbState(db)).toEqual(before);
});

test('-o naming a folder is refused before anything is read', () => {
  const dir = tempDir();
  const r = run(['import', 'pagerduty', '-o', dir, '--api-url', 'http://127.0.0.1:9'], { ONCALL_DB: tempDb(), PAGERDUTY_TOKEN: TOKEN });
  expect(r.status).toBe(2);
  expect(r.stderr).toBe(`oncall: ${dir} is a folder; give -o a file name such as rota.yaml\n`);
});
