#!/usr/bin/env node
// Keep this file tiny: check the Node version, then load the built CLI.
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(`oncall needs Node.js 20 or later (this is ${process.version}).\n`);
  process.exit(2);
}
const { main } = await import('../dist/main.js').catch((error) => {
  // A fresh clone before `npm run build`: say what to do instead of printing a stack trace.
  if (error.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/main.js')) throw error;
  process.stderr.write('oncall is not built yet: run `npm run build` in its folder (npm ci does not build).\n');
  process.exit(1);
});
// `oncall who | head -1`: the reader left; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv);
