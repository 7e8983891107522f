// Waiting for the answer of a browser sign-in (the OAuth authorization response): the browser
// coming back to the loopback server, or the user pasting the address the browser ended on
// when it runs on another machine (it cannot reach this machine's 127.0.0.1), whichever comes
// first, and never longer than the time-out. Either way `state` must match.

import type http from 'node:http';
import { UserError } from '../errors.js';
import { peerText } from './scrub.js';

/** Lines the user types or pipes in (standard input), for the pasted address. */
export interface PasteSource {
  /** Starts delivering lines; returns a function that stops listening. */
  listen(handlers: { line: (text: string) => void; end: () => void }): () => void;
  /** Whether input ending without an answer fails the sign-in (`--no-browser`), or only stops the listening. */
  required: boolean;
}

export interface AnswerOptions {
  provider: string;
  state: string;
  timeoutMs: number;
  paste?: PasteSource;
}

/** "5 minutes", "90 seconds": how long the sign-in waited, for the time-out message. */
export function waitText(ms: number): string {
  const minutes = ms / 60_000;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return Number.isInteger(minutes) ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** Resolves with the authorization code; rejects (UserError) on a wrong state, a refusal, a time-out. */
export function signInAnswer(server: http.Server, options: AnswerOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    let stopPaste = () => {};
    let settled = false;
    const finish = (outcome: { code: string } | { error: UserError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopPaste();
      server.off('request', onRequest);
      if ('code' in outcome) resolve(outcome.code);
      else reject(outcome.error);
    };
    const timer = setTimeout(() => {
      const how = options.paste ? '' : ' (no browser on this machine? add --no-browser and paste the address)';
      finish({ error: new UserError(`no sign-in answer within ${waitText(options.timeoutMs)}; run connect again${how}`) });
    }, options.timeoutMs);

    /** The outcome an answer's query carries, or undefined when it carries none. */
    const judge = (query: URLSearchParams): { code: string } | { error: UserError } | undefined => {
      const code = query.get('code');
      const error = query.get('error');
      if (!code && !error) return undefined;
      if (query.get('state') !== options.state) {
        return { error: new UserError('the sign-in answer carried the wrong state (a forged or stale redirect); run connect again') };
      }
      if (error) return { error: new UserError(`${options.provider} sign-in failed: ${peerText(error)}`) };
      return { code: code! };
    };

    function onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
      const outcome = judge(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
      if (!outcome) {
        res.writeHead(404).end(); // a browser asking for its icon, say
        return;
      }
      const page = 'code' in outcome ? 'oncall is connected. You can close this tab.' : 'Sign-in did not complete. Close this tab and look at the terminal.';
      res.writeHead('code' in outcome ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8' }).end(page);
      finish(outcome);
    }
    server.on('request', onRequest);

    if (options.paste) {
      const required = options.paste.required;
      stopPaste = options.paste.listen({
        line: (text) => {
          const pasted = text.trim();
          if (pasted === '') return;
          // The whole address, or just its query.
          const query = new URLSearchParams((pasted.includes('?') ? pasted.slice(pasted.indexOf('?') + 1) : pasted).split('#')[0]);
          finish(
            judge(query) ?? {
              error: new UserError('the pasted text is not the address the browser ended on (it has no code=); run connect again and paste the whole address from the address bar'),
            },
          );
        },
        end: () => {
          if (required) finish({ error: new UserError('standard input ended before the address was pasted; run connect again and paste the address the browser ended on') });
        },
      });
      if (settled) stopPaste(); // answered while it started
    }
  });
}
