// Runs the built CLI in this process instead of spawning it: `main(argv, io)` of dist/oncall.cjs
// (loaded by bin/load-cli.js, as bin/oncall.js loads it)
// in a worker thread that stays loaded for the whole test file. A run costs what the command
// costs, not a Node start-up (about 150 ms each, which was most of the suite's time).
//
// `runSync` keeps the end-to-end tests synchronous: the test thread posts the request and
// sleeps on a shared counter until the worker has answered. `runAsync` waits without
// blocking, for tests whose fake servers live in this thread.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = path.join(ROOT, 'test', 'cli', 'cli-worker.mjs');
const LOADER = path.join(ROOT, 'bin', 'load-cli.js');
const TIMEOUT_MS = 20_000;

interface Reply extends Result {
  id: number;
}

class CliThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** The id of the last finished run, written by the worker. */
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private last = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER, {
      workerData: { loader: LOADER, port: port2, flag: this.done.buffer },
      transferList: [port2],
    });
    this.worker.unref();
  }

  runSync(args: string[], env: Record<string, string>): Result {
    const id = this.send(args, env);
    const deadline = Date.now() + TIMEOUT_MS;
    for (let waited = this.poll(id, args, deadline); ; waited = this.poll(id, args, deadline)) {
      if (typeof waited !== 'number') return waited;
      Atomics.wait(this.done, 0, id - 1, waited);
    }
  }

  runAsync(args: string[], env: Record<string, string>): Promise<Result> {
    // One run at a time: the worker answers in order and the counter names the last one.
    const next = this.queue.then(async () => {
      const id = this.send(args, env);
      const deadline = Date.now() + TIMEOUT_MS;
      for (let waited = this.poll(id, args, deadline); ; waited = this.poll(id, args, deadline)) {
        if (typeof waited !== 'number') return waited;
        const waiting = Atomics.waitAsync(this.done, 0, id - 1, waited);
        if (waiting.async) await waiting.value;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Run `id`'s result if it is in; else how many milliseconds are left to wait for it. */
  private poll(id: number, args: string[], deadline: number): Result | number {
    const reply = this.take(id);
    if (reply) return reply;
    const left = deadline - Date.now();
    if (left <= 0) throw this.timedOut(args);
    return left;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }

  private send(args: string[], env: Record<string, string>): number {
    const id = ++this.last;
    this.port.postMessage({ id, args, env });
    return id;
  }

  private take(id: number): Result | undefined {
    if (Atomics.load(this.done, 0) < id) return undefined;
    const received = receiveMessageOnPort(this.port);
    if (!received) return undefined;
    const { id: answered, ...result } = received.message as Reply;
    if (answered !== id) throw new Error(`the CLI thread answered run ${answered} while run ${id} was waited for`);
    return result;
  }

  private timedOut(args: string[]): Error {
    if (thread === this) thread = undefined;
    void this.stop();
    return new Error(`oncall ${args.join(' ')} did not finish within ${TIMEOUT_MS / 1000} s`);
  }
}

let thread: CliThread | undefined;

function cli(): CliThread {
  return (thread ??= new CliThread());
}

/** Runs `oncall ARGS` in-process with exactly `env` as its environment, and waits for it. */
export function runInProcess(args: string[], env: Record<string, string>): Result {
  return cli().runSync(args, env);
}

/** Threads not running anything now, kept loaded for the next runs that must overlap. */
const idle: CliThread[] = [];

/**
 * Runs `oncall ARGS` in a thread of its own (its own database connection), for runs that must
 * happen at the same time as others: start several and await them together.
 */
export async function runInOwnThread(args: string[], env: Record<string, string>): Promise<Result> {
  const own = idle.pop() ?? new CliThread();
  const result = await own.runAsync(args, env);
  idle.push(own);
  return result;
}

/** The same without blocking this thread (its servers keep answering while the CLI runs). */
export function runInProcessAsync(args: string[], env: Record<string, string>): Promise<Result> {
  return cli().runAsync(args, env);
}
