// Signing in to and out of the calendar providers, and building a provider for a sync
// target. The provider clients are large, so each loads only when its command runs.

import type { CalendarProvider } from '../calendars/provider.js';
import type { TargetRow } from '../storage/targets.js';

type Env = Record<string, string | undefined>;

export interface ConnectRequest {
  clientId: string;
  /** Where the sign-in URL or device code is shown to the user. */
  show: (text: string) => void;
}

/** Google's desktop OAuth flow (loopback redirect, PKCE); says where the tokens are kept. */
export async function connectGoogleCalendar(env: Env, request: ConnectRequest & { clientSecret?: string }): Promise<{ where: string }> {
  const [{ openCredentialStore }, { connectGoogle }] = await Promise.all([import('../calendars/credentials.js'), import('../calendars/google-auth.js')]);
  const store = openCredentialStore(env);
  await connectGoogle({ clientId: request.clientId, clientSecret: request.clientSecret, store, env, show: request.show });
  return { where: store.where };
}

/** Microsoft's sign-in (browser, or a device code); says who signed in and where the tokens are kept. */
export async function connectOutlookCalendar(env: Env, request: ConnectRequest & { deviceCode: boolean }): Promise<{ user: string; where: string }> {
  const [{ openCredentialStore }, { connectOutlook }] = await Promise.all([import('../calendars/credentials.js'), import('../calendars/outlook-auth.js')]);
  const store = openCredentialStore(env);
  const user = await connectOutlook({ clientId: request.clientId, deviceCode: request.deviceCode, store, env, show: request.show });
  return { user, where: store.where };
}

/** Forgets the stored sign-in of one provider, or of both; says which ones there were. */
export async function disconnectCalendars(env: Env, provider?: 'google' | 'outlook'): Promise<{ where: string; removed: ('google' | 'outlook')[] }> {
  const { openCredentialStore } = await import('../calendars/credentials.js');
  const store = openCredentialStore(env);
  const removed: ('google' | 'outlook')[] = [];
  if (!provider || provider === 'google') {
    const google = await import('../calendars/google-auth.js');
    if (google.googleConnected(store)) removed.push('google');
    google.disconnectGoogle(store);
  }
  if (!provider || provider === 'outlook') {
    const outlook = await import('../calendars/outlook-auth.js');
    if (outlook.outlookConnected(store)) removed.push('outlook');
    outlook.disconnectOutlook(store);
  }
  return { where: store.where, removed };
}

/** Builds each target's provider from stored sign-ins or the environment (CI). */
export function calendarProviders(env: Env, log: (line: string) => void): (target: TargetRow) => Promise<CalendarProvider> {
  return async (target) => (await import('../calendars/connect.js')).providerFor(target, env, log);
}
