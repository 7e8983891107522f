// The thread that runs the built CLI for the end-to-end tests: `main(argv, io)` of dist/oncall.cjs,
// in this process, with captured output. test/cli/in-process.ts drives it; the test thread
// blocks on a shared flag until a run is done, so tests keep calling `run()` synchronously.
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { workerData } from 'node:worker_threads';

const { main } = createRequire(import.meta.url)(workerData.loader).loadCli().exports;
const flag = new Int32Array(workerData.flag);

/** A sink that keeps what is written, like a pipe: not a terminal, so no colour. */
function capture() {
  const chunks = [];
  return { output: { isTTY: false, write: (text) => (chunks.push(String(text)), true) }, text: () => chunks.join('') };
}

workerData.port.on('message', async ({ id, args, env }) => {
  const stdout = capture();
  const stderr = capture();
  const stdin = new PassThrough();
  stdin.end();
  let status;
  try {
    status = await main(['node', 'oncall', ...args], { stdout: stdout.output, stderr: stderr.output, stdin, env });
  } catch (error) {
    // main reports every error itself; reaching here is a bug in main.
    stderr.output.write(`main() threw: ${error?.stack ?? error}\n`);
    status = 99;
  }
  workerData.port.postMessage({ id, status, stdout: stdout.text(), stderr: stderr.text() });
  Atomics.store(flag, 0, id);
  Atomics.notify(flag, 0);
});
