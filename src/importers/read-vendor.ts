// Which API each vendor is read from, with which Authorization header, and the module that
// maps it. Each vendor's module loads only when that vendor is imported.

import { UserError } from '../errors.js';
import type { Window } from '../core/index.js';
import { VendorHttp, VENDORS } from './http.js';
import type { ImportedSetup, Vendor } from './types.js';

/** The public APIs. Opsgenie's EU accounts use https://api.eu.opsgenie.com; Grafana OnCall has no default. */
export const DEFAULT_API_URL: Partial<Record<Vendor, string>> = {
  pagerduty: 'https://api.pagerduty.com',
  opsgenie: 'https://api.opsgenie.com',
};

const AUTHORIZATION: Record<Vendor, (token: string) => string> = {
  pagerduty: (token) => `Token token=${token}`,
  opsgenie: (token) => `GenieKey ${token}`,
  grafana: (token) => token,
};

export interface ReadOptions {
  apiUrl?: string;
  token: string;
  window: Window;
  onProgress?: (message: string) => void;
}

export async function readVendor(vendor: Vendor, options: ReadOptions): Promise<ImportedSetup> {
  const apiUrl = options.apiUrl ?? DEFAULT_API_URL[vendor];
  if (apiUrl === undefined) {
    throw new UserError(`${VENDORS[vendor].label} needs --api-url: your stack's OnCall API URL, as shown under OnCall > Settings > API`);
  }
  const http = new VendorHttp(vendor, apiUrl, AUTHORIZATION[vendor](options.token), options.token, options.onProgress);
  const read = { http, window: options.window, onProgress: options.onProgress };
  switch (vendor) {
    case 'pagerduty':
      return (await import('./pagerduty.js')).readPagerDuty(read);
    case 'opsgenie':
      return (await import('./opsgenie.js')).readOpsgenie(read);
    case 'grafana':
      return (await import('./grafana.js')).readGrafana(read);
  }
}
