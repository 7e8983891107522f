// Signing in to and out of the calendar providers, and building a provider for a sync
// target. The provider clients are large, so each loads only when its command runs.

import type { CalendarProvider } from '../calendars/provider.js';
import type { PasteSource } from '../calendars/sign-in-answer.js';
import type { TargetRow } from '../storage/targets.js';

export type { PasteSource } from '../calendars/sign-in-answer.js';
export { waitText } from '../calendars/sign-in-answer.js';

type Env = Record<string, string | undefined>;

export interface ConnectRequest {
  clientId: string;
  /** Where the sign-in URL or device code is shown to the user. */
  show: (text: string) => void;
}

export interface GoogleConnectRequest {
  clientId: string;
  clientSecret?: string;
  /** Shows the sign-in URL, the loopback address the browser returns to, and how long it is awaited. */
  show: (url: string, redirect: string, timeoutMs: number) => void;
  /** A fixed loopback port, for SSH port forwarding. */
  port?: number;
  /** Where a pasted answer comes from, when the browser runs on another machine. */
  paste?: PasteSource;
}

/**
 * Google's desktop OAuth flow (loopback redirect, PKCE, or the address pasted back); says
 * where the tokens are kept. ONCALL_SIGNIN_TIMEOUT_MS shortens the wait (tests).
 */
export async function connectGoogleCalendar(env: Env, request: GoogleConnectRequest): Promise<{ where: string }> {
  const [{ openCredentialStore }, { connectGoogle, SIGN_IN_TIMEOUT_MS }] = await Promise.all([
    import('../calendars/credentials.js'),
    import('../calendars/google-auth.js'),
  ]);
  const store = openCredentialStore(env);
  const override = Number(env.ONCALL_SIGNIN_TIMEOUT_MS);
  const timeoutMs = env.ONCALL_SIGNIN_TIMEOUT_MS !== undefined && Number.isFinite(override) && override > 0 ? override : SIGN_IN_TIMEOUT_MS;
  await connectGoogle({
    clientId: request.clientId,
    clientSecret: request.clientSecret,
    store,
    env,
    show: (url, redirect) => request.show(url, redirect, timeoutMs),
    timeoutMs,
    port: request.port,
    paste: request.paste,
  });
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
