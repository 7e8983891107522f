// Signing in to Outlook: the real @azure/msal-node device-code flow of connectOutlook against
// a fake Microsoft identity platform on 127.0.0.1. MSAL still believes it talks to
// https://login.microsoftonline.com: the network client handed to connectOutlook/outlookToken
// (their test seam) sends every request to the fake instead, so nothing leaves the machine.
// Then a stored sign-in gives its access token from the MSAL cache, and a refresh-token grant
// once that token has expired.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { openCredentialStore, type CredentialStore } from '../../src/calendars/credentials.js';
import { connectOutlook, outlookConnected, outlookToken } from '../../src/calendars/outlook-auth.js';
import { RuntimeFailure, UserError } from '../../src/errors.js';
import { cleanup, tempDir } from '../cli/helpers.js';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const UID = '00000000-0000-0000-aaaa-bbbbbbbbbbbb';
const TID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const USERNAME = 'ada@contoso.example';
const DEVICE_CODE = 'DAQABAAEAAAD-fake-device-code';
const USER_CODE = 'FAKE-CODE';
/**
 * The device-code grant, as RFC 8628 names it and as MSAL (v3) sends it: Entra ID accepts both,
 * and so does the fake.
 */
const AUTH_CODE = 'fake-authorization-code';
const DEVICE_CODE_GRANTS = ['urn:ietf:params:oauth:grant-type:device_code', 'device_code'];
const MESSAGE = `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${USER_CODE} to authenticate.`;

interface Call {
  method: string;
  /** The URL MSAL asked for (before the network client sent it to the fake). */
  url: URL;
  form: URLSearchParams;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** An unsigned JWT, as MSAL only decodes the id token (it is not meant for the client to verify). */
function idToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: CLIENT_ID,
    iss: `https://login.microsoftonline.com/${TID}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    name: 'Ada Lovelace',
    oid: UID,
    preferred_username: USERNAME,
    sub: 'fake-subject',
    tid: TID,
    ver: '2.0',
  };
  return `${b64url(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${b64url(JSON.stringify(claims))}.`;
}

/**
 * The fake identity platform: OpenID metadata and instance discovery (MSAL 3 ships the metadata
 * of login.microsoftonline.com and does not ask, but a later version might), the
 * device code endpoint, and a token endpoint that answers "authorization_pending" to the first
 * device-code poll (the user has not typed the code yet), then tokens; refresh-token grants get
 * fresh tokens too.
 */
async function fakeIdentityPlatform() {
  const calls: Call[] = [];
  const issued = { access: [] as string[], refresh: [] as string[], id: [] as string[] };
  let polls = 0;
  let origin = '';
  /** A test may answer some calls itself (a hostile or failing identity platform). */
  const hooks: { override?: (call: Call) => { status: number; body: unknown } | undefined } = {};

  const tokens = () => {
    const n = issued.access.length + 1;
    const set = { access: `eyJ0eXAi.fake-access-${n}`, refresh: `0.AAAA-fake-refresh-${n}`, id: idToken() };
    issued.access.push(set.access);
    issued.refresh.push(set.refresh);
    issued.id.push(set.id);
    return {
      token_type: 'Bearer',
      // The granted scopes, as Entra ID echoes them for Microsoft Graph (the default resource).
      scope: 'Calendars.ReadWrite openid profile email',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: set.access,
      refresh_token: set.refresh,
      id_token: set.id,
      client_info: b64url(JSON.stringify({ uid: UID, utid: TID })),
    };
  };

  const answer = (call: Call): { status: number; body: unknown } => {
    const tenant = call.url.pathname.split('/')[1];
    const base = `https://login.microsoftonline.com/${tenant}`;
    if (call.method === 'GET' && call.url.pathname.endsWith('/v2.0/.well-known/openid-configuration')) {
      return {
        status: 200,
        body: {
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
          jwks_uri: `${base}/discovery/v2.0/keys`,
        },
      };
    }
    if (call.method === 'GET' && call.url.pathname.endsWith('/discovery/instance')) {
      return {
        status: 200,
        body: {
          tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] }],
        },
      };
    }
    if (call.method === 'POST' && call.url.pathname.endsWith('/oauth2/v2.0/devicecode')) {
      return {
        status: 200,
        body: { user_code: USER_CODE, device_code: DEVICE_CODE, verification_uri: 'https://microsoft.com/devicelogin', expires_in: 900, interval: 0.05, message: MESSAGE },
      };
    }
    if (call.method === 'POST' && call.url.pathname.endsWith('/oauth2/v2.0/token')) {
      const grant = call.form.get('grant_type');
      if (DEVICE_CODE_GRANTS.includes(grant ?? '')) {
        if (call.form.get('device_code') !== DEVICE_CODE) return { status: 400, body: { error: 'invalid_grant', error_description: 'unknown device code' } };
        if (polls++ === 0) {
          return { status: 400, body: { error: 'authorization_pending', error_description: 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.' } };
        }
        return { status: 200, body: tokens() };
      }
      if (grant === 'authorization_code') {
        // The interactive flow: the code from the loopback redirect, with its PKCE verifier.
        if (call.form.get('code') !== AUTH_CODE || !call.form.get('code_verifier')) {
          return { status: 400, body: { error: 'invalid_grant' } };
        }
        return { status: 200, body: tokens() };
      }
      if (grant === 'refresh_token') {
        if (!issued.refresh.includes(call.form.get('refresh_token') ?? '')) return { status: 400, body: { error: 'invalid_grant' } };
        return { status: 200, body: tokens() };
      }
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    return { status: 404, body: { error: 'not_found' } };
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      // The network client passes the URL MSAL asked for in a header (the fake only sees its own origin).
      const call: Call = { method: req.method!, url: new URL(String(req.headers['x-msal-url'])), form: new URLSearchParams(body) };
      calls.push(call);
      const { status, body: reply } = hooks.override?.(call) ?? answer(call);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': `req-${calls.length}` }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** What MSAL gets as its networkClient: every request, https included, goes to the fake over plain http. */
  const network: INetworkModule = {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
  async function send<T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    if (target.host !== 'login.microsoftonline.com') throw new Error(`unexpected host for MSAL: ${url}`);
    const response = await fetch(`${origin}${target.pathname}${target.search}`, {
      method,
      headers: { ...options?.headers, 'x-msal-url': url },
      body: method === 'POST' ? options?.body : undefined,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { status: response.status, headers, body: (await response.json()) as T };
  }

  return { calls, issued, network, hooks, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let idp: Awaited<ReturnType<typeof fakeIdentityPlatform>>;
let store: CredentialStore;
let env: NodeJS.ProcessEnv;
/** Everything written to stdout/stderr or the console while a test runs. */
let printed: string[];
beforeEach(async () => {
  idp = await fakeIdentityPlatform();
  env = { ONCALL_CREDENTIALS: 'file', XDG_CONFIG_HOME: tempDir() };
  store = openCredentialStore(env);
  printed = [];
  const capture = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => (capture(chunk), true)) as typeof stream.write);
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(capture);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await idp.close();
  cleanup();
});

const secrets = () => [...idp.issued.access, ...idp.issued.refresh, ...idp.issued.id, DEVICE_CODE];

async function connect(): Promise<{ username: string; shown: string[] }> {
  const shown: string[] = [];
  const username = await connectOutlook({ clientId: CLIENT_ID, deviceCode: true, store, env, show: (text) => shown.push(text), network: idp.network });
  return { username, shown };
}

describe('calendar connect outlook (device code, real MSAL)', () => {
  test('shows the device-code message, polls the token endpoint with the device code, and stores the account and MSAL cache', async () => {
    const { username, shown } = await connect();
    expect(username).toBe(USERNAME);
    expect(shown).toEqual([MESSAGE]);

    // Every request was meant for the Microsoft identity platform, and went to the fake.
    expect(idp.calls.every((c) => c.url.origin === 'https://login.microsoftonline.com')).toBe(true);

    const deviceCodeCalls = idp.calls.filter((c) => c.url.pathname === '/common/oauth2/v2.0/devicecode');
    expect(deviceCodeCalls).toHaveLength(1);
    expect(deviceCodeCalls[0].form.get('client_id')).toBe(CLIENT_ID);
    expect(deviceCodeCalls[0].form.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'offline_access']));

    const polls = idp.calls.filter((c) => c.url.pathname === '/common/oauth2/v2.0/token');
    expect(polls).toHaveLength(2); // authorization_pending, then tokens
    for (const poll of polls) {
      expect(poll.method).toBe('POST');
      expect(DEVICE_CODE_GRANTS).toContain(poll.form.get('grant_type'));
      expect(poll.form.get('device_code')).toBe(DEVICE_CODE);
      expect(poll.form.get('client_id')).toBe(CLIENT_ID);
      expect(poll.form.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'offline_access']));
    }

    expect(outlookConnected(store)).toBe(true);
    expect(JSON.parse(store.get('outlook')!)).toEqual({ clientId: CLIENT_ID, homeAccountId: `${UID}.${TID}` });
    const cache = JSON.parse(store.get('outlook-token-cache')!);
    expect(Object.values(cache.Account)).toEqual([expect.objectContaining({ home_account_id: `${UID}.${TID}`, username: USERNAME, realm: TID })]);
    expect(Object.values(cache.AccessToken).map((t: any) => t.secret)).toEqual([idp.issued.access[0]]);
    expect(Object.values(cache.RefreshToken).map((t: any) => t.secret)).toEqual([idp.issued.refresh[0]]);

    // Tokens are in the store only: not shown, not printed.
    const output = [...shown, ...printed].join('\n');
    for (const secret of secrets()) expect(output).not.toContain(secret);
  });

  test('a stored sign-in gives its cached access token without asking the identity platform', async () => {
    await connect();
    const before = idp.calls.length;
    const token = outlookToken(env, store, idp.network);
    expect(await token()).toBe(idp.issued.access[0]);
    expect(idp.calls.slice(before).filter((c) => c.method === 'POST')).toEqual([]);
    for (const secret of secrets()) expect(printed.join('\n')).not.toContain(secret);
  });

  test('an expired access token is refreshed with the refresh token, and the new tokens are written back', async () => {
    await connect();
    // Age the cached access token as if an hour had passed.
    const cache = JSON.parse(store.get('outlook-token-cache')!);
    for (const entry of Object.values(cache.AccessToken) as any[]) {
      entry.expires_on = entry.extended_expires_on = String(Math.floor(Date.now() / 1000) - 60);
    }
    store.set('outlook-token-cache', JSON.stringify(cache));

    const before = idp.calls.length;
    const token = outlookToken(env, store, idp.network);
    expect(await token()).toBe(idp.issued.access[1]);
    const refreshes = idp.calls.slice(before).filter((c) => c.method === 'POST');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].url.pathname).toBe('/common/oauth2/v2.0/token');
    expect(refreshes[0].form.get('grant_type')).toBe('refresh_token');
    expect(refreshes[0].form.get('refresh_token')).toBe(idp.issued.refresh[0]);
    expect(refreshes[0].form.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'offline_access']));

    const saved = JSON.parse(store.get('outlook-token-cache')!);
    expect(Object.values(saved.AccessToken).map((t: any) => t.secret)).toEqual([idp.issued.access[1]]);
    expect(Object.values(saved.RefreshToken).map((t: any) => t.secret)).toEqual([idp.issued.refresh[1]]);
    // The same function keeps the fresh token in memory: no second grant.
    expect(await token()).toBe(idp.issued.access[1]);
    expect(idp.calls.slice(before).filter((c) => c.method === 'POST')).toHaveLength(1);
    for (const secret of secrets()) expect(printed.join('\n')).not.toContain(secret);
  });

  test('ONCALL_MS_AUTHORITY (a single tenant) is the authority MSAL signs in with', async () => {
    env.ONCALL_MS_AUTHORITY = `https://login.microsoftonline.com/${TID}`;
    const { username, shown } = await connect();
    expect(username).toBe(USERNAME);
    expect(shown).toEqual([MESSAGE]);
    const paths = idp.calls.map((c) => `${c.method} ${c.url.pathname}`);
    expect(paths).toContain(`POST /${TID}/oauth2/v2.0/devicecode`);
    expect(paths.filter((p) => p === `POST /${TID}/oauth2/v2.0/token`)).toHaveLength(2);
    expect(paths.every((p) => p.startsWith(`POST /${TID}/`))).toBe(true);
    expect(await outlookToken(env, store, idp.network)()).toBe(idp.issued.access[0]);
    for (const secret of secrets()) expect([...shown, ...printed].join('\n')).not.toContain(secret);
  });

  test('interactive sign-in: the URL is shown, the browser comes back to a loopback port, the code is redeemed with PKCE', async () => {
    const shown: string[] = [];
    let browser: Promise<Response> | undefined;
    const username = await connectOutlook({
      clientId: CLIENT_ID,
      deviceCode: false,
      store,
      env,
      network: idp.network,
      show: (text) => {
        shown.push(text);
        // Play the browser: sign in, and follow the redirect back to the loopback server.
        const url = new URL(text.split('\n').pop()!.trim());
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.searchParams.set('code', AUTH_CODE);
        back.searchParams.set('state', url.searchParams.get('state')!);
        // MSAL answers the code with a redirect to its bare URL (keeping the code out of the
        // browser's history) and then closes the port, so do not follow it.
        browser = fetch(back, { redirect: 'manual' });
      },
    });
    expect(username).toBe(USERNAME);
    expect((await browser!).status).toBe(302);
    const url = new URL(shown[0].split('\n').pop()!.trim());
    expect(url.origin).toBe('https://login.microsoftonline.com');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'offline_access']));
    const redeemed = idp.calls.filter((c) => c.form.get('grant_type') === 'authorization_code');
    expect(redeemed).toHaveLength(1);
    expect(redeemed[0].form.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    expect(outlookConnected(store)).toBe(true);
    expect(await outlookToken(env, store, idp.network)()).toBe(idp.issued.access[0]);
    for (const secret of secrets()) expect([...shown, ...printed].join('\n')).not.toContain(secret);
  });

  test('without a stored sign-in outlookToken says how to connect', () => {
    expect(() => outlookToken(env, store, idp.network)).toThrow(/oncall calendar connect outlook/);
  });
});

/** Ages the cached access token as if an hour had passed, so the next token() refreshes. */
function ageAccessToken() {
  const cache = JSON.parse(store.get('outlook-token-cache')!);
  for (const entry of Object.values(cache.AccessToken) as any[]) {
    entry.expires_on = entry.extended_expires_on = String(Math.floor(Date.now() / 1000) - 60);
  }
  store.set('outlook-token-cache', JSON.stringify(cache));
}

/** A network seam whose every request fails as an unplugged cable would. */
const unplugged: INetworkModule = {
  sendGetRequestAsync: () => Promise.reject(new Error('connect ENETUNREACH')),
  sendPostRequestAsync: () => Promise.reject(new Error('connect ENETUNREACH')),
};

describe('Microsoft sign-in failures (issue 13): one line, scrubbed, the right exit status', () => {
  const oneLine = (text: string) => expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);

  test('a device-code refusal that quotes the device code and a token: UserError, scrubbed', async () => {
    idp.hooks.override = (call) =>
      call.url.pathname.endsWith('/token')
        ? { status: 400, body: { error: 'expired_token', error_description: `AADSTS70020: device_code=${call.form.get('device_code')} expired.\r\nTrace: Authorization: Bearer eyJ0eXAi.hostile.echo\u001b[2J` } }
        : undefined;
    const error = await connect().then(() => new Error('connected'), (e: Error) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^Microsoft sign-in failed: .*expired.*; run "oncall calendar connect outlook" again$/);
    oneLine(error.message);
    for (const secret of [DEVICE_CODE, 'eyJ0eXAi.hostile.echo']) expect(error.message).not.toContain(secret);
    expect(outlookConnected(store)).toBe(false);
  });

  test('the device-code message from the server is shown without its control characters', async () => {
    idp.hooks.override = (call) =>
      call.url.pathname.endsWith('/devicecode')
        ? { status: 200, body: { user_code: USER_CODE, device_code: DEVICE_CODE, verification_uri: 'https://microsoft.com/devicelogin', expires_in: 900, interval: 0.05, message: `Enter ${USER_CODE}\u001b]0;forged title\u0007 at https://microsoft.com/devicelogin (${DEVICE_CODE})` } }
        : undefined;
    const { shown } = await connect();
    expect(shown).toEqual([`Enter ${USER_CODE} ]0;forged title at https://microsoft.com/devicelogin ([redacted])`]);
  });

  test('a refresh refused with a description quoting the refresh token: UserError, scrubbed', async () => {
    await connect();
    ageAccessToken();
    idp.hooks.override = (call) =>
      call.form.get('grant_type') === 'refresh_token'
        ? { status: 400, body: { error: 'invalid_grant', error_description: `AADSTS700082: refresh token ${call.form.get('refresh_token')} has expired` } }
        : undefined;
    const error = await outlookToken(env, store, idp.network)().then(() => new Error('refreshed'), (e: Error) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^Microsoft sign-in failed: .*AADSTS700082.*; run "oncall calendar connect outlook" again$/);
    for (const secret of secrets()) expect(error.message).not.toContain(secret);
  });

  test('no network while refreshing: RuntimeFailure naming the sign-in host', async () => {
    await connect();
    ageAccessToken();
    const error = await outlookToken(env, store, unplugged)().then(() => new Error('refreshed'), (e: Error) => e);
    expect(error).toBeInstanceOf(RuntimeFailure);
    expect(error.message).toBe('cannot reach login.microsoftonline.com: the request failed (network_error); check the network or proxy and try again');
  });

  test('no network while connecting: RuntimeFailure, nothing stored', async () => {
    const error = await connectOutlook({ clientId: CLIENT_ID, deviceCode: true, store, env, show: () => {}, network: unplugged }).then(
      () => new Error('connected'),
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(RuntimeFailure);
    expect(error.message).toMatch(/^cannot reach login\.microsoftonline\.com: the request failed \((network_error|endpoints_resolution_error)\); check the network or proxy and try again$/);
    expect(outlookConnected(store)).toBe(false);
  });
});
