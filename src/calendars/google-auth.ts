// Signing in to Google: the desktop-app OAuth flow with a loopback redirect on 127.0.0.1
// (an ephemeral port), PKCE S256, a checked `state`, and offline access for a refresh
// token; and building an authorised client from what was stored, or from environment
// variables in CI. Refreshed tokens are written back to the store.

import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { UserError } from '../errors.js';
import type { CredentialStore } from './credentials.js';

export const GOOGLE_SCOPES = ['https://www.googleapis.com/auth/calendar.events'];
const STORE_NAME = 'google';

interface StoredGoogle {
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  accessToken?: string;
  expiryDate?: number;
}

/** Token endpoints can be pointed elsewhere for tests (ONCALL_GOOGLE_OAUTH_URL). */
function endpoints(env: NodeJS.ProcessEnv) {
  const base = env.ONCALL_GOOGLE_OAUTH_URL?.replace(/\/$/, '');
  return base ? { oauth2AuthBaseUrl: `${base}/auth`, oauth2TokenUrl: `${base}/token` } : undefined;
}

export function googleClient(env: NodeJS.ProcessEnv, store: CredentialStore): OAuth2Client {
  if (env.ONCALL_GOOGLE_ACCESS_TOKEN) {
    const client = new OAuth2Client();
    client.setCredentials({ access_token: env.ONCALL_GOOGLE_ACCESS_TOKEN });
    return client;
  }
  if (env.ONCALL_GOOGLE_REFRESH_TOKEN) {
    if (!env.ONCALL_GOOGLE_CLIENT_ID) {
      throw new UserError('ONCALL_GOOGLE_REFRESH_TOKEN needs ONCALL_GOOGLE_CLIENT_ID (and _SECRET) too');
    }
    const client = new OAuth2Client({
      clientId: env.ONCALL_GOOGLE_CLIENT_ID,
      clientSecret: env.ONCALL_GOOGLE_CLIENT_SECRET,
      endpoints: endpoints(env),
    });
    client.setCredentials({ refresh_token: env.ONCALL_GOOGLE_REFRESH_TOKEN });
    return client;
  }
  const saved = store.get(STORE_NAME);
  if (!saved) {
    throw new UserError('not signed in to Google: run "oncall calendar connect google", or set ONCALL_GOOGLE_ACCESS_TOKEN in CI');
  }
  const stored = JSON.parse(saved) as StoredGoogle;
  const client = new OAuth2Client({ clientId: stored.clientId, clientSecret: stored.clientSecret, endpoints: endpoints(env) });
  client.setCredentials({
    refresh_token: stored.refreshToken,
    access_token: stored.accessToken,
    expiry_date: stored.expiryDate,
  });
  client.on('tokens', (tokens) => {
    store.set(
      STORE_NAME,
      JSON.stringify({
        ...stored,
        ...(tokens.refresh_token && { refreshToken: tokens.refresh_token }),
        ...(tokens.access_token && { accessToken: tokens.access_token }),
        ...(tokens.expiry_date && { expiryDate: tokens.expiry_date }),
      }),
    );
  });
  return client;
}

export interface ConnectOptions {
  clientId: string;
  clientSecret?: string;
  store: CredentialStore;
  env: NodeJS.ProcessEnv;
  /** Shows the sign-in URL to the user. */
  show: (url: string) => void;
  timeoutMs?: number;
}

export async function connectGoogle(options: ConnectOptions): Promise<void> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const client = new OAuth2Client({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: `http://127.0.0.1:${port}`,
      endpoints: endpoints(options.env),
    });
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const state = randomBytes(16).toString('hex');
    options.show(
      client.generateAuthUrl({
        access_type: 'offline',
        prompt: 'consent',
        scope: GOOGLE_SCOPES,
        code_challenge_method: CodeChallengeMethod.S256,
        code_challenge: codeChallenge,
        state,
      }),
    );
    const code = await redirectCode(server, state, options.timeoutMs ?? 300_000);
    const { tokens } = await client.getToken({ code, codeVerifier });
    if (!tokens.refresh_token) {
      throw new UserError('Google returned no refresh token; remove oncall from your Google account access and connect again');
    }
    const stored: StoredGoogle = {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      refreshToken: tokens.refresh_token,
      ...(tokens.access_token && { accessToken: tokens.access_token }),
      ...(tokens.expiry_date && { expiryDate: tokens.expiry_date }),
    };
    options.store.set(STORE_NAME, JSON.stringify(stored));
  } finally {
    server.close();
  }
}

/** Waits for the browser to come back with `?code=…&state=…`; a wrong state is refused. */
function redirectCode(server: http.Server, state: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new UserError('no answer from the browser within 5 minutes; run connect again')), timeoutMs);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      if (!code && !error) {
        res.writeHead(404).end();
        return;
      }
      if (url.searchParams.get('state') !== state) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('The sign-in answer did not match this request. Close this tab.');
        clearTimeout(timer);
        reject(new UserError('the sign-in answer carried the wrong state (a forged or stale redirect); run connect again'));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(error ? 'Sign-in was cancelled. You can close this tab.' : 'oncall is connected. You can close this tab.');
      clearTimeout(timer);
      if (error) reject(new UserError(`Google sign-in failed: ${error}`));
      else resolve(code!);
    });
  });
}

export function disconnectGoogle(store: CredentialStore): void {
  store.delete(STORE_NAME);
}

export function googleConnected(store: CredentialStore): boolean {
  return store.get(STORE_NAME) !== undefined;
}
