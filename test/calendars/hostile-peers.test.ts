// Peers that echo secrets (issue 13, class 10): a Google Calendar, Microsoft Graph or Google
// token endpoint, or a proxy in front of one, that puts the Authorization header or a token
// into its error (a JSON message, plain text, HTML, a response header, a redirect URL, a
// megabyte of text). The real binary syncs against it in-process; the token must then appear
// nowhere: not on stdout or stderr, not in `calendar status` (text or --json) or
// `calendar list --json`, not in the bytes of the database or its journal.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { serversClosedAfterEach } from './fake-http.js';
import { cleanup } from '../cli/helpers.js';
import { calendarSession, GOOGLE_TOKEN, GRAPH_TOKEN, type CalendarSession } from './cli.js';

interface Seen {
  path: string;
  auth: string;
  form: URLSearchParams;
}
type Answer = (req: Seen, res: http.ServerResponse, origin: string) => void;

/** An HTTP server on 127.0.0.1 that answers every request with `answer`. */
async function hostile(answer: Answer) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const request = { path: req.url ?? '/', auth: req.headers.authorization ?? '', form: new URLSearchParams(body) };
      seen.push(request);
      answer(request, res, origin);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url: `${origin}/`, origin, seen };
}

const servers = serversClosedAfterEach(afterEach, cleanup);

const bearer = (req: Seen) => req.auth.replace(/^Bearer /, '');
const text = (res: http.ServerResponse, status: number, body: string, type = 'text/plain', headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': type, ...headers }).end(body);

/** Ways a peer can echo the token it was sent. */
const ECHOES: [string, Answer][] = [
  ['a Google-style JSON error quoting the header', (req, res) =>
    text(res, 400, JSON.stringify({ error: { code: 400, message: `bad header Authorization: ${req.auth}`, errors: [{ reason: 'badRequest', message: bearer(req) }] } }), 'application/json')],
  ['a Graph-style JSON error quoting the token', (req, res) =>
    text(res, 401, JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: `token ${bearer(req)} is not valid (${req.auth})` } }), 'application/json')],
  ['plain text with the token, an escape sequence and a new line', (req, res) =>
    text(res, 403, `denied for ${req.auth}\n\x1b]0;pwned\x07\x1b[2J second line ${bearer(req)}`)],
  ['an HTML error page', (req, res) =>
    text(res, 502, `<html><body><h1>Bad gateway</h1><pre>${req.auth}</pre><!-- ${bearer(req)} --></body></html>`, 'text/html')],
  ['a 500 that echoes the header in response headers', (req, res) =>
    res.writeHead(500, { 'x-echo-authorization': req.auth, 'www-authenticate': `Bearer error="invalid_token", token="${bearer(req)}"` }).end()],
  ['a redirect to a URL with access_token in the query', (req, res, origin) => {
    if (req.path.startsWith('/landing')) return text(res, 404, `nothing at ${origin}${req.path}`);
    res.writeHead(302, { location: `${origin}/landing?access_token=${encodeURIComponent(bearer(req))}&state=x` }).end();
  }],
  ['a megabyte of text with the token at its start and its end', (req, res) =>
    text(res, 400, `${bearer(req)} ${'lorem ipsum '.repeat(90_000)}${req.auth}`)],
  ['the token split by invisible characters', (req, res) => {
    const token = bearer(req);
    text(res, 400, `echo ${token.slice(0, 10)}\u200b${token.slice(10, 20)}\u0000${token.slice(20)}`);
  }],
];

/** Runs sync, then every command that shows a stored error; returns the session after it. */
async function syncAgainst(s: CalendarSession, env: Record<string, string | undefined> = {}) {
  const sync = await s.run(['calendar', 'sync', '--debug'], env);
  expect(sync.status, `${sync.stdout}\n${sync.stderr}`).toBe(1);
  await s.must(['calendar', 'status'], env);
  const status = await s.must(['calendar', 'status', '--json'], env);
  await s.must(['calendar', 'list', '--json'], env);
  return JSON.parse(status.stdout).targets[0].lastError as string;
}

function expectNowhere(s: CalendarSession, secrets: string[]) {
  const printed = s.outputs.join('\n');
  const stored = s.dbBytes();
  for (const secret of secrets) {
    expect(printed, `printed: ${secret}`).not.toContain(secret);
    expect(stored, `stored: ${secret}`).not.toContain(secret);
  }
}

/** The recorded error: one line, no control characters, bounded. */
function expectOneSafeLine(error: string) {
  expect(error).toBeTruthy();
  expect(error).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b\u202a-\u202e]/);
  expect(error.length).toBeLessThanOrEqual(300);
}

describe('a Google Calendar that echoes the access token', () => {
  test.each(ECHOES)('%s', async (_what, answer) => {
    const peer = await hostile(answer);
    const s = await calendarSession({ google: peer.url });
    await s.add('google', 'primary');
    const error = await syncAgainst(s);
    expect(peer.seen.some((r) => r.auth === `Bearer ${GOOGLE_TOKEN}`)).toBe(true);
    expectOneSafeLine(error);
    expect(error).toMatch(/^Google Calendar: \d{3}/);
    expectNowhere(s, [GOOGLE_TOKEN, 'test-google-access-token', encodeURIComponent(GOOGLE_TOKEN)]);
  });
});

describe('a Microsoft Graph that echoes the access token', () => {
  test.each(ECHOES)('%s', async (_what, answer) => {
    const peer = await hostile(answer);
    const s = await calendarSession({ graph: peer.url });
    await s.add('outlook', 'primary');
    const error = await syncAgainst(s);
    expect(peer.seen.some((r) => r.auth === `Bearer ${GRAPH_TOKEN}`)).toBe(true);
    expectOneSafeLine(error);
    expect(error).toMatch(/^Microsoft Graph: \d{3}/);
    expectNowhere(s, [GRAPH_TOKEN, 'test-graph-access-token']);
  });
});

describe('a token endpoint that echoes what a refresh sends', () => {
  const REFRESH = '1//0gRefreshTokenFromCi-4f1e';
  const CLIENT_SECRET = 'GOCSPX-ci-client-secret-77ab';
  const ciEnv = (oauth: string) => ({
    ONCALL_GOOGLE_ACCESS_TOKEN: undefined,
    ONCALL_GOOGLE_REFRESH_TOKEN: REFRESH,
    ONCALL_GOOGLE_CLIENT_ID: 'ci-client.apps.googleusercontent.com',
    ONCALL_GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
    ONCALL_GOOGLE_OAUTH_URL: oauth,
  });

  test('a refusal quoting the refresh token and the client secret', async () => {
    const peer = await hostile((req, res) =>
      text(res, 400, JSON.stringify({ error: 'invalid_grant', error_description: `bad refresh_token=${req.form.get('refresh_token')} for secret ${req.form.get('client_secret')}` }), 'application/json'),
    );
    const s = await calendarSession({ google: peer.url }, ciEnv(peer.origin));
    await s.add('google', 'primary');
    const error = await syncAgainst(s);
    expect(peer.seen[0].form.get('refresh_token')).toBe(REFRESH);
    expect(error).toMatch(/^Google refused the sign-in \(invalid_grant: .*\); run "oncall calendar connect google" again$/);
    expectNowhere(s, [REFRESH, CLIENT_SECRET, 'RefreshTokenFromCi', 'ci-client-secret']);
  });

  test('an API that echoes the access token the refresh has just issued', async () => {
    const FRESH = 'fr3shAccessT0kenIssuedMidRun';
    const peer = await hostile((req, res) => {
      if (req.path === '/token') return text(res, 200, JSON.stringify({ access_token: FRESH, expires_in: 3599, token_type: 'Bearer' }), 'application/json');
      text(res, 400, JSON.stringify({ error: { code: 400, message: `your token: ${bearer(req)}` } }), 'application/json');
    });
    const s = await calendarSession({ google: peer.url }, ciEnv(peer.origin));
    await s.add('google', 'primary');
    const error = await syncAgainst(s);
    expect(peer.seen.some((r) => r.auth === `Bearer ${FRESH}`)).toBe(true);
    expect(error).toBe('Google Calendar: 400: your token: [redacted]');
    expectNowhere(s, [FRESH, REFRESH, CLIENT_SECRET]);
  });
});

describe('errors stored by an older version are scrubbed when shown', () => {
  test('a raw token and escape sequences in last_error', async () => {
    const s = await calendarSession({});
    await s.add('google', 'primary');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(s.db);
    db.prepare('UPDATE calendar_targets SET last_error = ?, last_error_at = 0').run(`Google Calendar: 401: Authorization: Bearer ${GOOGLE_TOKEN}\x1b[2J`);
    db.close();
    const shown = [(await s.must(['calendar', 'status'])).stdout, (await s.must(['calendar', 'status', '--json'])).stdout, (await s.must(['calendar', 'list', '--json'])).stdout];
    for (const out of shown) {
      expect(out).not.toContain(GOOGLE_TOKEN);
      expect(out).not.toContain('\x1b');
      expect(out).toContain('[redacted]');
    }
  });
});
