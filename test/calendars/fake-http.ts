// The part the fake Google Calendar and Microsoft Graph servers share: an HTTP server on
// 127.0.0.1 (ephemeral port) that records every request and can inject failures before the
// fake's own handler sees a request.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface Recorded {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  query: URLSearchParams;
  /** The Authorization header as received. */
  auth: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The status answered, or 'hangup' when the connection was dropped, 'held' when never answered. */
  status: number | 'hangup' | 'held';
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What happens to requests once `count` writes have been applied. */
export interface WriteBreak {
  count: number;
  /**
   * hangup: every later request's connection is dropped, nothing applied.
   * lose-response: the next write is applied, then its connection dropped (once).
   * hold: the next write is applied and never answered; `held` resolves (kill the client then).
   */
  mode: 'hangup' | 'lose-response' | 'hold';
}

/** A self-signed certificate for 127.0.0.1 (openssl), for an https fake; trust it with NODE_EXTRA_CA_CERTS. */
export function selfSignedCert(dir: string): Tls & { certFile: string } {
  const keyFile = path.join(dir, 'fake-key.pem');
  const certFile = path.join(dir, 'fake-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

export interface Tls {
  key: string;
  cert: string;
}

export type Handler = (req: { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: any }) => Reply;

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

export class FakeServer {
  readonly requests: Recorded[] = [];
  /** The base URL, ending in "/". */
  url = '';
  /** Requests must carry `Authorization: Bearer <token>` (401 otherwise). */
  token: string | undefined;
  private queue: { reply: Reply; match?: (r: Recorded) => boolean }[] = [];
  private storm: { reply: Reply; match?: (r: Recorded) => boolean } | undefined;
  private writeBreak: WriteBreak | undefined;
  private applied = 0;
  private heldResolve: (() => void) | undefined;
  /** Resolves when a write is being held (mode 'hold'). */
  held: Promise<void> = new Promise((resolve) => (this.heldResolve = resolve));
  private readonly server: http.Server;

  constructor(
    private readonly handler: Handler,
    private readonly unauthorized: Reply,
    private readonly tls?: Tls,
  ) {
    const listener: http.RequestListener = (req, res) => this.serve(req, res);
    this.server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next requests (those `match` accepts) get these replies, one each, without being applied. */
  failNext(...replies: Reply[]): void {
    this.queue.push(...replies.map((reply) => ({ reply })));
  }

  /** Every request (that `match` accepts) gets this reply until `heal()`. */
  failAlways(reply: Reply, match?: (r: Recorded) => boolean): void {
    this.storm = { reply, match };
  }

  breakAfterWrites(count: number, mode: WriteBreak['mode']): void {
    this.writeBreak = { count, mode };
    this.applied = 0;
  }

  heal(): void {
    this.queue = [];
    this.storm = undefined;
    this.writeBreak = undefined;
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  /** Requests that may change something (anything but GET). */
  writes(): Recorded[] {
    return this.requests.filter((r) => isWrite(r.method));
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const rec: Recorded = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        auth: req.headers.authorization,
        headers: req.headers,
        body,
        status: 0,
        at: Date.now(),
      };
      this.requests.push(rec);
      const send = (reply: Reply) => {
        rec.status = reply.status;
        const headers = { ...(reply.body !== undefined && { 'content-type': 'application/json; charset=UTF-8' }), ...reply.headers };
        res.writeHead(reply.status, headers);
        res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      };
      const hangup = () => {
        rec.status = 'hangup';
        req.socket.destroy();
      };
      const queued = this.queue.findIndex((q) => !q.match || q.match(rec));
      if (queued >= 0) return send(this.queue.splice(queued, 1)[0].reply);
      if (this.storm && (!this.storm.match || this.storm.match(rec))) return send(this.storm.reply);
      const brk = this.writeBreak;
      if (brk && this.applied >= brk.count && (brk.mode === 'hangup' || isWrite(rec.method))) {
        if (brk.mode === 'hangup') return hangup();
        const reply = this.apply(rec);
        if (brk.mode === 'lose-response') {
          this.writeBreak = undefined;
          return hangup();
        }
        rec.status = 'held';
        void reply;
        this.heldResolve?.();
        return;
      }
      const reply = this.apply(rec);
      if (isWrite(rec.method) && reply.status < 300) this.applied++;
      send(reply);
    });
  }

  private apply(rec: Recorded): Reply {
    if (this.token !== undefined && rec.auth !== `Bearer ${this.token}`) return this.unauthorized;
    return this.handler({ method: rec.method, path: rec.path, query: rec.query, headers: rec.headers, body: rec.body });
  }
}

/** Servers a test file started by hand, closed (with their open connections) after each test. */
export function serversClosedAfterEach(afterEach: (fn: () => Promise<void>) => void, after: () => void): http.Server[] {
  const servers: http.Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    after();
  });
  return servers;
}
