// `oncall calendar connect` when things go wrong (issue 13, classes 10 and 13): a sign-in
// server that cannot be reached is one clear line and exit 1; a machine without a browser
// gets through by pasting the address the browser ended on (--no-browser) or by a fixed
// --port to forward over SSH; the wait has a limit; a refusal that quotes secrets is scrubbed.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { serversClosedAfterEach } from './fake-http.js';
import { openCredentialStore } from '../../src/calendars/credentials.js';
import { connectGoogle } from '../../src/calendars/google-auth.js';
import { cleanup, runAsync, tempDir, type Env } from '../cli/helpers.js';
import { start } from './cli.js';

const CLIENT_ID = 'client-123.apps.googleusercontent.com';
const servers = serversClosedAfterEach(afterEach, cleanup);

async function listen(handler: http.RequestListener = (_req, res) => res.end(), port = 0): Promise<http.Server> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  servers.push(server);
  return server;
}
const portOf = (server: http.Server) => (server.address() as AddressInfo).port;

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fake Google token endpoint: POST /token answers with tokens, or with what `refuse` says. */
async function fakeOAuth(refuse?: (form: URLSearchParams) => unknown) {
  const forms: URLSearchParams[] = [];
  const server = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      forms.push(form);
      const reply = refuse ? refuse(form) : { access_token: 'ya29.issued-by-fake', refresh_token: '1//refresh-issued-by-fake', expires_in: 3599, token_type: 'Bearer' };
      res.writeHead(refuse ? 400 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  return { url: `http://127.0.0.1:${portOf(server)}`, forms };
}

/** A database and a file credential store of their own; no display, as on a server. */
function connectEnv(more: Env = {}): Env {
  const dir = tempDir();
  return {
    ONCALL_DB: path.join(dir, 'oncall.db'),
    ONCALL_CREDENTIALS: 'file',
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    DISPLAY: undefined,
    WAYLAND_DISPLAY: undefined,
    SSH_CONNECTION: undefined,
    SSH_TTY: undefined,
    SSH_CLIENT: undefined,
    ONCALL_GOOGLE_CLIENT_ID: CLIENT_ID,
    ...more,
  };
}
const credentialsFile = (env: Env) => path.join(env.XDG_CONFIG_HOME!, 'oncall', 'credentials.json');

/** Waits until the child's stderr has printed the sign-in URL; returns it. */
function signInUrl(child: ChildProcess): Promise<URL> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk) => {
      seen += chunk;
      const match = /^ {2}(\S+\/auth\?\S+)$/m.exec(seen);
      if (match) resolve(new URL(match[1]));
    });
    child.on('close', () => reject(new Error(`exited before showing the URL:\n${seen}`)));
  });
}

/** The address the browser ends on, as a user would paste it. */
const answer = (url: URL, query: Record<string, string>) =>
  `${url.searchParams.get('redirect_uri')}/?${new URLSearchParams({ state: url.searchParams.get('state')!, ...query, scope: 'x' })}`;

describe('calendar connect google on a machine without a browser', () => {
  test('--no-browser: the pasted address completes the sign-in', async () => {
    const oauth = await fakeOAuth();
    const env = connectEnv({ ONCALL_GOOGLE_OAUTH_URL: oauth.url });
    const running = start(['calendar', 'connect', 'google', '--no-browser'], env);
    const url = await signInUrl(running.child);
    running.child.stdin!.write(`\n${answer(url, { code: 'pasted-code' })}\n`);
    const r = await running.done;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('paste it here');
    expect(r.stdout).toMatch(/^Connected to Google\. Tokens are in .*credentials\.json\.\n$/);
    expect(oauth.forms.map((f) => [f.get('code'), f.get('redirect_uri')])).toEqual([['pasted-code', url.searchParams.get('redirect_uri')]]);
    expect(JSON.parse(JSON.parse(fs.readFileSync(credentialsFile(env), 'utf8')).google).refreshToken).toBe('1//refresh-issued-by-fake');
  });

  test('a pasted address with the wrong state is refused (exit 2), and nothing is asked or stored', async () => {
    const oauth = await fakeOAuth();
    const env = connectEnv({ ONCALL_GOOGLE_OAUTH_URL: oauth.url });
    const running = start(['calendar', 'connect', 'google', '--no-browser'], env);
    const url = await signInUrl(running.child);
    running.child.stdin!.write(`${answer(url, { code: 'c', state: 'forged' })}\n`);
    const r = await running.done;
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('oncall: the sign-in answer carried the wrong state (a forged or stale redirect); run connect again');
    expect(oauth.forms).toEqual([]);
    expect(fs.existsSync(credentialsFile(env))).toBe(false);
  });

  test('pasted text that is not the address is refused in one line (exit 2)', async () => {
    const oauth = await fakeOAuth();
    const env = connectEnv({ ONCALL_GOOGLE_OAUTH_URL: oauth.url });
    const running = start(['calendar', 'connect', 'google', '--no-browser'], env);
    await signInUrl(running.child);
    running.child.stdin!.write('I clicked allow\n');
    const r = await running.done;
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^oncall: the pasted text is not the address the browser ended on/);
    expect(oauth.forms).toEqual([]);
  });

  test('--no-browser with standard input already closed ends at once (exit 2)', async () => {
    const env = connectEnv({ ONCALL_GOOGLE_OAUTH_URL: (await fakeOAuth()).url });
    const r = await runAsync(['calendar', 'connect', 'google', '--no-browser'], env);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^oncall: standard input ended before the address was pasted/);
  });

  test('a fixed --port: the browser’s answer comes through a forwarded port, even with --no-browser', async () => {
    const oauth = await fakeOAuth();
    const port = await closedPort();
    const env = connectEnv({ ONCALL_GOOGLE_OAUTH_URL: oauth.url });
    const running = start(['calendar', 'connect', 'google', '--no-browser', '--port', String(port)], env);
    const url = await signInUrl(running.child);
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}`);
    // What ssh -L delivers: the browser's request, on this machine's port.
    const browser = await fetch(answer(url, { code: 'forwarded-code' }));
    expect(browser.status).toBe(200);
    const r = await running.done;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`ssh -L ${port}:127.0.0.1:${port}`);
    expect(oauth.forms.map((f) => f.get('code'))).toEqual(['forwarded-code']);
  });

  test('a --port already in use is refused (exit 2)', async () => {
    const busy = await listen();
    const r = await runAsync(['calendar', 'connect', 'google', '--port', String(portOf(busy))], connectEnv());
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`oncall: port ${portOf(busy)} on 127.0.0.1 is in use; choose another --port, or leave it out for a free one\n`);
  });

  test('without an answer the wait ends (exit 2), saying how to sign in without a browser', async () => {
    const env = connectEnv({ ONCALL_SIGNIN_TIMEOUT_MS: '400', SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22' });
    const r = await runAsync(['calendar', 'connect', 'google'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Open this URL in a browser on any machine');
    expect(r.stderr).toContain('Run again with --no-browser');
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('oncall: no sign-in answer within 1 second; run connect again (no browser on this machine? add --no-browser and paste the address)');
    expect(fs.existsSync(credentialsFile(env))).toBe(false);
  });
});

describe('a sign-in server that cannot be reached: one line, exit 1, nothing stored', () => {
  test('Google: the token endpoint, after the pasted answer', async () => {
    const port = await closedPort();
    const env = connectEnv({ ONCALL_GOOGLE_OAUTH_URL: `http://127.0.0.1:${port}` });
    const running = start(['calendar', 'connect', 'google', '--no-browser'], env);
    const url = await signInUrl(running.child);
    running.child.stdin!.write(`${answer(url, { code: 'c' })}\n`);
    const r = await running.done;
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe(
      `oncall: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED); check the network or proxy and try again`,
    );
    expect(fs.existsSync(credentialsFile(env))).toBe(false);
  });

  test.each([
    ['--device-code', ['--device-code']],
    ['the browser flow', []],
  ])('Outlook, %s', async (_flow, args) => {
    const port = await closedPort();
    const env = connectEnv({ ONCALL_MS_AUTHORITY: `https://127.0.0.1:${port}/common` });
    const r = await runAsync(['calendar', 'connect', 'outlook', '--client-id', '11111111-2222-3333-4444-555555555555', ...args], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`oncall: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED); check the network or proxy and try again\n`);
    expect(fs.existsSync(credentialsFile(env))).toBe(false);
  });

  test('Google, refreshing the access token during sync: recorded for the target, exit 1', async () => {
    const port = await closedPort();
    const { calendarSession } = await import('./cli.js');
    const s = await calendarSession(
      { google: 'http://127.0.0.1:9/' },
      {
        ONCALL_GOOGLE_ACCESS_TOKEN: undefined,
        ONCALL_GOOGLE_REFRESH_TOKEN: '1//0gRefreshForSync-81c2',
        ONCALL_GOOGLE_CLIENT_ID: CLIENT_ID,
        ONCALL_GOOGLE_OAUTH_URL: `http://127.0.0.1:${port}`,
      },
    );
    await s.add('google', 'primary');
    const r = await s.run(['calendar', 'sync']);
    expect(r.status).toBe(1);
    const expected = `cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED); check the network or proxy and try again`;
    expect(r.stdout).toContain(`failed: ${expected}`);
    expect((await s.status()).targets[0].lastError).toBe(expected);
  });
});

describe('a Google token endpoint that refuses the code and quotes what it was sent', () => {
  test('the refusal is shown scrubbed (exit 2), and nothing is stored', async () => {
    const secret = 'GOCSPX-desktop-secret-3b9e';
    const oauth = await fakeOAuth((form) => ({
      error: 'invalid_grant',
      error_description: `code ${form.get('code')} with verifier ${form.get('code_verifier')} and client_secret=${form.get('client_secret')}\x1b[2J`,
    }));
    const env = { ONCALL_GOOGLE_OAUTH_URL: oauth.url, ONCALL_CREDENTIALS: 'file', XDG_CONFIG_HOME: tempDir() };
    const store = openCredentialStore(env);
    let redirect: URL | undefined;
    const done = connectGoogle({ clientId: CLIENT_ID, clientSecret: secret, store, env, show: (url) => (redirect = new URL(url)), timeoutMs: 10_000 });
    done.catch(() => {});
    while (!redirect) await new Promise((resolve) => setTimeout(resolve, 10));
    await fetch(answer(redirect, { code: 'the-authorization-code-71' }));
    const error: Error = await done.then(() => new Error('connected'), (e: Error) => e);
    expect(error.name).toBe('UserError');
    expect(error.message).toMatch(/^Google refused the sign-in \(invalid_grant: .*\); run connect again$/);
    const verifier = oauth.forms[0].get('code_verifier')!;
    for (const leaked of [secret, 'the-authorization-code-71', verifier, '\x1b']) expect(error.message).not.toContain(leaked);
    expect(store.get('google')).toBeUndefined();
  });
});
