// Signing in to Google: the desktop-app OAuth flow with a loopback redirect on 127.0.0.1
// (an ephemeral port, or a fixed one to forward over SSH), PKCE S256, a checked `state`, and
// offline access for a refresh token; the answer may also be pasted (sign-in-answer.ts). And
// building an authorised client from what was stored, or from environment variables in CI.
// Refreshed tokens are written back to the store.

import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { UserError } from '../errors.js';
import { readSignIn, type CredentialStore } from './credentials.js';
import { peerText, Secrets } from './scrub.js';
import { signInAnswer, type PasteSource } from './sign-in-answer.js';
import { hostOf, networkReason, unreachable } from './unreachable.js';

export const GOOGLE_SCOPES = ['https://www.googleapis.com/auth/calendar.events'];
const STORE_NAME = 'google';
/** How long `connect google` waits for the browser's (or the pasted) answer. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
const TOKEN_URL = 'https://oauth2.googleapis.com/token';

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

/**
 * An authorised client from the environment (CI) or the stored sign-in. Every token and
 * secret it holds or is given later (a refresh) goes into `secrets`, to be scrubbed from
 * whatever Google's servers say.
 */
export function googleClient(env: NodeJS.ProcessEnv, store: CredentialStore, secrets = new Secrets()): OAuth2Client {
  secrets.add(env.ONCALL_GOOGLE_ACCESS_TOKEN, env.ONCALL_GOOGLE_REFRESH_TOKEN, env.ONCALL_GOOGLE_CLIENT_SECRET);
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
    client.on('tokens', (tokens) => secrets.add(tokens.access_token, tokens.refresh_token, tokens.id_token));
    return client;
  }
  const stored = readStored(store);
  secrets.add(stored.refreshToken, stored.accessToken, stored.clientSecret);
  const client = new OAuth2Client({ clientId: stored.clientId, clientSecret: stored.clientSecret, endpoints: endpoints(env) });
  client.setCredentials({
    refresh_token: stored.refreshToken,
    access_token: stored.accessToken,
    expiry_date: stored.expiryDate,
  });
  client.on('tokens', (tokens) => {
    secrets.add(tokens.access_token, tokens.refresh_token, tokens.id_token);
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

function readStored(store: CredentialStore): StoredGoogle {
  return readSignIn<StoredGoogle>(store, STORE_NAME, { name: 'Google', command: 'oncall calendar connect google', ciVariable: 'ONCALL_GOOGLE_ACCESS_TOKEN' }, (s) => typeof s.clientId === 'string' && typeof s.refreshToken === 'string');
}

export interface ConnectOptions {
  clientId: string;
  clientSecret?: string;
  store: CredentialStore;
  env: NodeJS.ProcessEnv;
  /** Shows the sign-in URL to the user, and the loopback address the browser will be sent back to. */
  show: (url: string, redirect: string) => void;
  timeoutMs?: number;
  /** The loopback port (for SSH port forwarding); an ephemeral one when left out. */
  port?: number;
  /** Where a pasted answer may come from, when the browser runs on another machine. */
  paste?: PasteSource;
}

export async function connectGoogle(options: ConnectOptions): Promise<void> {
  const server = await listen(options.port);
  const secrets = new Secrets().add(options.clientSecret);
  try {
    const { port } = server.address() as AddressInfo;
    const redirect = `http://127.0.0.1:${port}`;
    const client = new OAuth2Client({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: redirect,
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
      redirect,
    );
    const code = await signInAnswer(server, { provider: 'Google', state, timeoutMs: options.timeoutMs ?? SIGN_IN_TIMEOUT_MS, paste: options.paste });
    secrets.add(code, codeVerifier);
    let tokens;
    try {
      ({ tokens } = await client.getToken({ code, codeVerifier }));
    } catch (error) {
      throw signInRefused(error, secrets, endpoints(options.env)?.oauth2TokenUrl ?? TOKEN_URL);
    }
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

/** The loopback server for the browser's answer, on 127.0.0.1 only. */
async function listen(port = 0): Promise<http.Server> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`port ${port} must be a whole number from 1 to 65535`);
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'needs privileges' : `cannot be used (${error.code ?? error.message})`;
      reject(new UserError(`port ${port} on 127.0.0.1 ${why}; choose another --port, or leave it out for a free one`));
    });
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

/** A failed code exchange: the token endpoint unreachable (exit 1), or saying no (exit 2). */
function signInRefused(error: unknown, secrets: Secrets, tokenUrl: string): Error {
  const e = error as { config?: { url?: string | URL }; response?: { status?: number; data?: unknown }; message?: string };
  const reason = e.response ? undefined : networkReason(error);
  if (reason) return unreachable(hostOf(e.config?.url ?? tokenUrl, 'oauth2.googleapis.com'), reason);
  const data = e.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const said = typeof data?.error === 'string' ? `${data.error}${typeof data.error_description === 'string' ? `: ${data.error_description}` : ''}` : (e.message ?? 'no reason given');
  return new UserError(`Google refused the sign-in (${peerText(said, secrets)}); run connect again`);
}

export function disconnectGoogle(store: CredentialStore): void {
  store.delete(STORE_NAME);
}

export function googleConnected(store: CredentialStore): boolean {
  return store.get(STORE_NAME) !== undefined;
}
