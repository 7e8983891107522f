// Signing in to Microsoft 365 / Outlook with MSAL as a public client: interactive with a
// loopback redirect (MSAL runs the local server), or a device code for terminals without a
// browser. MSAL's token cache lives in the credential store, never in the database. In CI
// the token comes from ONCALL_GRAPH_ACCESS_TOKEN.

import type { PublicClientApplication, ICachePlugin, INetworkModule } from '@azure/msal-node';
import { UserError } from '../errors.js';
import type { CredentialStore } from './credentials.js';

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

async function application(
  clientId: string,
  store: CredentialStore,
  env: NodeJS.ProcessEnv,
  network?: INetworkModule,
): Promise<PublicClientApplication> {
  const { PublicClientApplication } = await import('@azure/msal-node');
  return new PublicClientApplication({
    auth: { clientId, authority: env.ONCALL_MS_AUTHORITY ?? 'https://login.microsoftonline.com/common' },
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

export async function connectOutlook(options: OutlookConnectOptions): Promise<string> {
  const app = await application(options.clientId, options.store, options.env, options.network);
  const result = options.deviceCode
    ? await app.acquireTokenByDeviceCode({ scopes: GRAPH_SCOPES, deviceCodeCallback: (r) => options.show(r.message) })
    : await app.acquireTokenInteractive({
        scopes: GRAPH_SCOPES,
        openBrowser: async (url) => options.show(`Open this URL in a browser to allow oncall to manage events:\n${url}`),
        successTemplate: 'oncall is connected. You can close this tab.',
        errorTemplate: 'Sign-in failed. You can close this tab and try again.',
      });
  if (!result?.account) throw new UserError('Microsoft sign-in returned no account; run connect again');
  const stored: StoredOutlook = { clientId: options.clientId, homeAccountId: result.account.homeAccountId };
  options.store.set(ACCOUNT, JSON.stringify(stored));
  return result.account.username;
}

/**
 * A function that returns a current Graph access token (refreshing through MSAL).
 * `network` is a test seam, as in OutlookConnectOptions: callers in the CLI leave it out.
 */
export function outlookToken(env: NodeJS.ProcessEnv, store: CredentialStore, network?: INetworkModule): () => Promise<string> {
  if (env.ONCALL_GRAPH_ACCESS_TOKEN) {
    const token = env.ONCALL_GRAPH_ACCESS_TOKEN;
    return async () => token;
  }
  const saved = store.get(ACCOUNT);
  if (!saved) {
    throw new UserError('not signed in to Outlook: run "oncall calendar connect outlook", or set ONCALL_GRAPH_ACCESS_TOKEN in CI');
  }
  const stored = JSON.parse(saved) as StoredOutlook;
  let cached: { token: string; expires: number } | undefined;
  return async () => {
    if (cached && cached.expires > Date.now() + 60_000) return cached.token;
    const app = await application(stored.clientId, store, env, network);
    const account = await app.getTokenCache().getAccountByHomeId(stored.homeAccountId);
    if (!account) throw new UserError('the stored Outlook sign-in is gone; run "oncall calendar connect outlook" again');
    const result = await app.acquireTokenSilent({ account, scopes: GRAPH_SCOPES });
    cached = { token: result.accessToken, expires: result.expiresOn?.getTime() ?? Date.now() + 300_000 };
    return cached.token;
  };
}

export function disconnectOutlook(store: CredentialStore): void {
  store.delete(ACCOUNT);
  store.delete(CACHE);
}

export function outlookConnected(store: CredentialStore): boolean {
  return store.get(ACCOUNT) !== undefined;
}
