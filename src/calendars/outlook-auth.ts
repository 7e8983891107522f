// Signing in to Microsoft 365 / Outlook with MSAL as a public client: interactive with a
// loopback redirect (MSAL runs the local server), or a device code for terminals without a
// browser. MSAL's token cache lives in the credential store, never in the database. In CI
// the token comes from ONCALL_GRAPH_ACCESS_TOKEN.

import type { PublicClientApplication, ICachePlugin, INetworkModule } from '@azure/msal-node';
import { UserError } from '../errors.js';
import { readSignIn, type CredentialStore } from './credentials.js';
import { peerText, Secrets } from './scrub.js';
import { hostOf, probe, unreachable } from './unreachable.js';

export const GRAPH_SCOPES = ['Calendars.ReadWrite', 'offline_access'];
const ACCOUNT = 'outlook';
const CACHE = 'outlook-token-cache';

interface StoredOutlook {
  clientId: string;
  homeAccountId: string;
}

function cachePlugin(store: CredentialStore): ICachePlugin {
  return {
    beforeCacheAccess: async (context) => {
      const saved = store.get(CACHE);
      if (saved) context.tokenCache.deserialize(saved);
    },
    afterCacheAccess: async (context) => {
      if (context.cacheHasChanged) store.set(CACHE, context.tokenCache.serialize());
    },
  };
}

const authority = (env: NodeJS.ProcessEnv) => env.ONCALL_MS_AUTHORITY ?? 'https://login.microsoftonline.com/common';

async function application(
  clientId: string,
  store: CredentialStore,
  env: NodeJS.ProcessEnv,
  network?: INetworkModule,
): Promise<PublicClientApplication> {
  const { PublicClientApplication } = await import('@azure/msal-node');
  return new PublicClientApplication({
    auth: { clientId, authority: authority(env) },
    cache: { cachePlugin: cachePlugin(store) },
    ...(network ? { system: { networkClient: network } } : {}),
  });
}

export interface OutlookConnectOptions {
  clientId: string;
  deviceCode: boolean;
  store: CredentialStore;
  env: NodeJS.ProcessEnv;
  show: (text: string) => void;
  /**
   * Test seam: the HTTP client MSAL uses for every request (metadata, device code, token).
   * Left out (as the CLI does), MSAL uses its own client and talks to the real authority.
   */
  network?: INetworkModule;
}

/** Signs in and stores the account; returns the user name it signed in as (terminal-safe). */
export async function connectOutlook(options: OutlookConnectOptions): Promise<string> {
  const app = await application(options.clientId, options.store, options.env, options.network);
  const secrets = new Secrets();
  let result;
  try {
    result = options.deviceCode
      ? await app.acquireTokenByDeviceCode({
          scopes: GRAPH_SCOPES,
          deviceCodeCallback: (r) => {
            secrets.add(r.deviceCode);
            // The server's own words: shown, but made safe first.
            options.show(peerText(r.message, secrets));
          },
        })
      : await app.acquireTokenInteractive({
          scopes: GRAPH_SCOPES,
          openBrowser: async (url) => options.show(`Open this URL in a browser to allow oncall to manage events:\n${url}`),
          successTemplate: 'oncall is connected. You can close this tab.',
          errorTemplate: 'Sign-in failed. You can close this tab and try again.',
        });
  } catch (error) {
    throw await msalFailure(error, secrets, authority(options.env), !options.network);
  }
  if (!result?.account) throw new UserError('Microsoft sign-in returned no account; run connect again');
  const stored: StoredOutlook = { clientId: options.clientId, homeAccountId: result.account.homeAccountId };
  options.store.set(ACCOUNT, JSON.stringify(stored));
  return peerText(result.account.username);
}

/**
 * What an MSAL failure means to the user: the sign-in server unreachable (exit 1; MSAL says
 * only "network_error", so a probe finds the reason, unless a test's network seam stands in
 * for the network), or a refusal, scrubbed (exit 2).
 */
async function msalFailure(error: unknown, secrets: Secrets, authorityUrl: string, mayProbe: boolean): Promise<Error> {
  const code = (error as { errorCode?: unknown }).errorCode;
  if (code === 'network_error' || code === 'endpoints_resolution_error') {
    const reason = mayProbe ? await probe(authorityUrl).catch(() => undefined) : undefined;
    return unreachable(hostOf(authorityUrl, 'login.microsoftonline.com'), reason ?? `the request failed (${code})`);
  }
  return new UserError(`Microsoft sign-in failed: ${peerText(error, secrets)}; run "oncall calendar connect outlook" again`);
}

/** Every token in MSAL's serialized cache (access, refresh and id tokens carry a `secret`). */
function cachedSecrets(serialized: string | undefined, secrets: Secrets): void {
  if (!serialized) return;
  try {
    for (const section of Object.values(JSON.parse(serialized) as Record<string, unknown>)) {
      if (section && typeof section === 'object') {
        for (const entry of Object.values(section)) secrets.add((entry as { secret?: string } | null)?.secret);
      }
    }
  } catch {
    // An unreadable cache holds nothing MSAL could send either.
  }
}

/**
 * A function that returns a current Graph access token (refreshing through MSAL).
 * `network` is a test seam, as in OutlookConnectOptions: callers in the CLI leave it out.
 */
export function outlookToken(env: NodeJS.ProcessEnv, store: CredentialStore, network?: INetworkModule, secrets = new Secrets()): () => Promise<string> {
  if (env.ONCALL_GRAPH_ACCESS_TOKEN) {
    const token = env.ONCALL_GRAPH_ACCESS_TOKEN;
    secrets.add(token);
    return async () => token;
  }
  const stored = readStored(store);
  cachedSecrets(store.get(CACHE), secrets);
  let cached: { token: string; expires: number } | undefined;
  return async () => {
    if (cached && cached.expires > Date.now() + 60_000) return cached.token;
    const app = await application(stored.clientId, store, env, network);
    const account = await app.getTokenCache().getAccountByHomeId(stored.homeAccountId);
    if (!account) throw new UserError('the stored Outlook sign-in is gone; run "oncall calendar connect outlook" again');
    let result;
    try {
      result = await app.acquireTokenSilent({ account, scopes: GRAPH_SCOPES });
    } catch (error) {
      throw await msalFailure(error, secrets, authority(env), !network);
    }
    secrets.add(result.accessToken);
    cachedSecrets(store.get(CACHE), secrets);
    cached = { token: result.accessToken, expires: result.expiresOn?.getTime() ?? Date.now() + 300_000 };
    return cached.token;
  };
}

function readStored(store: CredentialStore): StoredOutlook {
  return readSignIn<StoredOutlook>(store, ACCOUNT, { name: 'Outlook', command: 'oncall calendar connect outlook', ciVariable: 'ONCALL_GRAPH_ACCESS_TOKEN' }, (s) => typeof s.clientId === 'string' && typeof s.homeAccountId === 'string');
}

export function disconnectOutlook(store: CredentialStore): void {
  store.delete(ACCOUNT);
  store.delete(CACHE);
}

export function outlookConnected(store: CredentialStore): boolean {
  return store.get(ACCOUNT) !== undefined;
}
