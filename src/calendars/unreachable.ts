// A provider or sign-in server that cannot be reached: one message for every flow (Google
// and Microsoft sign-in, token refresh, sync requests), naming the host and the reason, and
// exit status 1 (an outage, not a mistake).

import net from 'node:net';
import { RuntimeFailure } from '../errors.js';

const PROBE_MS = 3000;

export function unreachable(host: string, reason: string): RuntimeFailure {
  return new RuntimeFailure(`cannot reach ${host}: ${reason}; check the network or proxy and try again`);
}

const REASONS: Record<string, string> = {
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name cannot be looked up now',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'no answer',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'no route to the network',
  EPIPE: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'no answer',
  UND_ERR_SOCKET: 'connection closed',
};

/** Why a request failed below HTTP ("connection refused (ECONNREFUSED)"), looking through causes; undefined if it did not. */
export function networkReason(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
    if (code && /CERT|SSL|TLS/.test(code)) return `its TLS certificate is not trusted (${code}); a proxy that intercepts TLS needs NODE_EXTRA_CA_CERTS`;
    // Several addresses tried (IPv4 and IPv6): the first says enough.
    e = (Array.isArray(e.errors) && e.errors.length > 0 ? e.errors[0] : e.cause) as typeof e;
  }
  return undefined;
}

/** host[:port] of a URL, for messages; the text itself when it is not one. */
export function hostOf(url: string | URL | undefined, fallback: string): string {
  try {
    return url ? new URL(url).host || fallback : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Finds out why `url`'s host cannot be reached, for libraries that do not say (MSAL reports
 * only "network_error"): a TCP connection to it, at most 3 s. Undefined when it connects.
 */
export function probe(url: string): Promise<string | undefined> {
  const target = new URL(url);
  const port = Number(target.port) || (target.protocol === 'http:' ? 80 : 443);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reason: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no answer within ${PROBE_MS / 1000} s`), PROBE_MS);
    socket.once('connect', () => done(undefined));
    socket.once('error', (error) => done(networkReason(error) ?? 'the connection failed'));
  });
}
