// `oncall calendar status`: where sign-in tokens come from for each provider, and every
// sync target with its last run.

import { openCredentialStore } from '../calendars/credentials.js';
import { googleConnected } from '../calendars/google-auth.js';
import { outlookConnected } from '../calendars/outlook-auth.js';
import { calendarTargets, type CalendarTarget } from './calendar-targets.js';
import type { AppContext } from './context.js';

/** Tokens in the environment win over stored ones. */
export type SignIn = 'environment' | 'stored' | 'not connected';

export interface CalendarStatus {
  signIn: { store: string; where: string; google: SignIn; outlook: SignIn };
  targets: CalendarTarget[];
}

export async function calendarStatus(ctx: AppContext, env: NodeJS.ProcessEnv): Promise<CalendarStatus> {
  const store = openCredentialStore(env);
  const google = env.ONCALL_GOOGLE_ACCESS_TOKEN || env.ONCALL_GOOGLE_REFRESH_TOKEN ? 'environment' : googleConnected(store) ? 'stored' : 'not connected';
  const outlook = env.ONCALL_GRAPH_ACCESS_TOKEN ? 'environment' : outlookConnected(store) ? 'stored' : 'not connected';
  return { signIn: { store: store.kind, where: store.where, google, outlook }, targets: await calendarTargets(ctx) };
}
