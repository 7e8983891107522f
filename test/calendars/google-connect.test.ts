// Signing in to Google: the loopback redirect flow of connectGoogle (PKCE S256, state,
// offline access) against a fake OAuth token endpoint (ONCALL_GOOGLE_OAUTH_URL), and a
// stored sign-in whose refreshed token is written back to the store.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openCredentialStore, type CredentialStore } from '../../src/calendars/credentials.js';
import { connectGoogle, googleClient, googleConnected } from '../../src/calendars/google-auth.js';
import { cleanup, run, tempDir } from '../cli/helpers.js';

interface TokenCall {
  form: URLSearchParams;
}

/** A fake Google OAuth server: POST /token answers with tokens and records what it got. */
async function fakeOAuth() {
  const calls: TokenCall[] = [];
  let issued = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/token') return void res.writeHead(404).end();
      const form = new URLSearchParams(body);
      calls.push({ form });
      issued++;
      const tokens = { access_token: `ya29.access-${issued}`, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/calendar.events' };
      const refresh = form.get('grant_type') === 'authorization_code' ? { refresh_token: '1//refresh-from-fake' } : {};
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...tokens, ...refresh }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let oauth: Awaited<ReturnType<typeof fakeOAuth>>;
let store: CredentialStore;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  oauth = await fakeOAuth();
  env = { ONCALL_GOOGLE_OAUTH_URL: oauth.url, ONCALL_CREDENTIALS: 'file', XDG_CONFIG_HOME: tempDir() };
  store = openCredentialStore(env);
});
afterEach(async () => {
  await oauth.close();
  cleanup();
});

/** Starts connectGoogle and resolves with the URL it shows, plus its outcome. */
function connect() {
  let shown!: (url: URL) => void;
  const url = new Promise<URL>((resolve) => (shown = resolve));
  const done = connectGoogle({
    clientId: 'client-123.apps.googleusercontent.com',
    clientSecret: 'desktop-secret',
    store,
    env,
    show: (text) => shown(new URL(text)),
    timeoutMs: 10_000,
  });
  done.catch(() => {});
  return { url, done };
}

const base64url = (buffer: Buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('calendar connect google', () => {
  test('asks for offline access with PKCE S256 and a state, and stores the refresh token it gets back', async () => {
    const flow = connect();
    const url = await flow.url;
    expect(`${url.origin}${url.pathname}`).toBe(`${oauth.url}/auth`);
    const q = url.searchParams;
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^.{16,}$/);
    expect(q.get('access_type')).toBe('offline');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('client-123.apps.googleusercontent.com');
    expect(q.get('scope')).toContain('https://www.googleapis.com/auth/calendar');
    const redirect = q.get('redirect_uri')!;
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);

    // A stray request (a browser asking for the icon) neither ends nor breaks the flow.
    expect((await fetch(new URL('/favicon.ico', redirect))).status).toBe(404);
    const answer = await fetch(`${redirect}?code=abc&state=${q.get('state')}&scope=x`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('connected');
    await flow.done;

    expect(oauth.calls).toHaveLength(1);
    const form = oauth.calls[0].form;
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('abc');
    expect(form.get('redirect_uri')).toBe(redirect);
    const verifier = form.get('code_verifier')!;
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(base64url(createHash('sha256').update(verifier).digest())).toBe(q.get('code_challenge'));

    const stored = JSON.parse(store.get('google')!);
    expect(stored).toMatchObject({ clientId: 'client-123.apps.googleusercontent.com', refreshToken: '1//refresh-from-fake' });
    expect(googleConnected(store)).toBe(true);
    expect(fs.statSync(store.where).mode & 0o777).toBe(0o600);
    // The loopback server is gone once the flow is over.
    await expect(fetch(`${redirect}?code=again&state=${q.get('state')}`)).rejects.toThrow();
  });

  test('refuses an answer with the wrong state, and stores nothing', async () => {
    const flow = connect();
    const url = await flow.url;
    const answer = await fetch(`${url.searchParams.get('redirect_uri')}?code=abc&state=forged`);
    expect(answer.status).toBe(400);
    await expect(flow.done).rejects.toThrow(/wrong state/);
    expect(oauth.calls).toEqual([]);
    expect(store.get('google')).toBeUndefined();
    expect(fs.existsSync(store.where)).toBe(false);
  });

  test('a cancelled sign-in fails and stores nothing', async () => {
    const flow = connect();
    const url = await flow.url;
    await fetch(`${url.searchParams.get('redirect_uri')}?error=access_denied&state=${url.searchParams.get('state')}`);
    await expect(flow.done).rejects.toThrow(/access_denied/);
    expect(oauth.calls).toEqual([]);
    expect(store.get('google')).toBeUndefined();
  });

  test('a stored sign-in refreshes its access token and writes the new one back', async () => {
    store.set('google', JSON.stringify({ clientId: 'cid', clientSecret: 'sec', refreshToken: '1//stored', accessToken: 'ya29.old', expiryDate: 1 }));
    const client = googleClient(env, store);
    const { token } = await client.getAccessToken();
    expect(token).toBe('ya29.access-1');
    expect(oauth.calls.map((c) => [c.form.get('grant_type'), c.form.get('refresh_token')])).toEqual([['refresh_token', '1//stored']]);
    expect(JSON.parse(store.get('google')!)).toMatchObject({ refreshToken: '1//stored', accessToken: 'ya29.access-1' });
  });

  test('without a client id the command says how to get one (exit 2)', () => {
    const r = run(['calendar', 'connect', 'google'], { ...env, ONCALL_DB: `${env.XDG_CONFIG_HOME}/oncall.db`, ONCALL_GOOGLE_CLIENT_ID: undefined });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--client-id/);
  });
});
