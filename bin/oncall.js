#!/usr/bin/env node
// Keep this file tiny: check the Node version, then load the built CLI (see load-cli.js).
// CommonJS (bin/package.json says so): starting Node's ES module loader costs ~10 ms.
'use strict';
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(`oncall needs Node.js 20 or later (this is ${process.version}).\n`);
  process.exit(2);
}
const { loadCli, BUNDLE } = require('./load-cli.js');
let cli;
try {
  cli = loadCli();
} catch (error) {
  // A fresh clone before `npm run build`: say what to do instead of printing a stack trace.
  if (error.code !== 'ENOENT' || error.path !== BUNDLE) throw error;
  process.stderr.write('oncall is not built yet: run `npm run build` in its folder (npm ci does not build).\n');
  process.exit(1);
}
cli.exports.main(process.argv).then((status) => {
  process.exitCode = status;
  cli.saveCache();
});
