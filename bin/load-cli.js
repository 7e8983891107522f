// Loads the built CLI (dist/oncall.cjs, one CommonJS bundle) with V8's code cache, so a run
// does not parse and compile the same JavaScript again: that was a third of `oncall who`.
// Node 20 has no code cache for ES modules (module.enableCompileCache is Node 22), hence a
// CommonJS bundle compiled here with vm.Script.
//
// Where the cache comes from, first match wins:
// 1. dist/oncall.cjs.cache, written by `npm run build` after a warm-up run of `who`. V8
//    checks that it was made by the same V8 with the same flags, and rejects it otherwise.
// 2. $XDG_CACHE_HOME/oncall/ (default ~/.cache/oncall/), written after a run that had no
//    usable cache, for example under another Node version than the one that built it. Its
//    name holds V8's cachedDataVersionTag (version and flags); node:v8, which gives the tag,
//    costs 3 ms to load, so only a run that needs this cache asks for it.
// A missing, stale or damaged cache only makes that run compile from source; it is never an
// error. The cache holds compiled code of the bundle, nothing a user typed or stored.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const Module = require('node:module');

const DIST = path.join(__dirname, '..', 'dist');
const BUNDLE = path.join(DIST, 'oncall.cjs');

/** The shipped cache, made by the V8 that ran the build. */
function shippedCachePath(dist = DIST) {
  return path.join(dist, 'oncall.cjs.cache');
}

/** The per-user cache for this V8 and this build of the bundle (size and time identify it). */
function userCachePath(env, stat) {
  const home = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  const tag = require('node:v8').cachedDataVersionTag();
  return path.join(home, 'oncall', `code-${tag}-${stat.size}-${Math.trunc(stat.mtimeMs)}.cache`);
}

// A cache file is the bundle's path, a newline, then V8's data. V8 gives functions from a
// cache the file name they were compiled under, so a cache made elsewhere (the build's
// folder, before `npm pack`) would make stack traces name a path that is not this one.
function readCache(file, scriptName) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(10);
  if (newline < 0 || bytes.toString('utf8', 0, newline) !== scriptName) return undefined;
  return bytes.subarray(newline + 1);
}

function cacheBytes(script, scriptName) {
  return Buffer.concat([Buffer.from(`${scriptName}\n`), script.createCachedData()]);
}

/**
 * Compiles and runs the bundle; returns its exports and `saveCache()`, which writes the user
 * cache when this run had none that V8 accepted (call it after the command, so the cache
 * also holds the functions the command compiled).
 */
function loadCli({ bundle = BUNDLE, env = process.env, cache = true, scriptName = bundle } = {}) {
  const fd = fs.openSync(bundle, 'r');
  let source;
  let stat;
  try {
    stat = fs.fstatSync(fd);
    // The build escapes every non-ASCII character, so latin1 is exact and skips UTF-8 decoding.
    source = fs.readFileSync(fd, 'latin1');
  } finally {
    fs.closeSync(fd);
  }
  // Module.wrap's parameters, and one more: import() for the ES modules the bundle loads
  // (Ink, for the timeline), which code compiled by vm.Script cannot call without a flag.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __oncallImport) {${source}\n})`;
  const compile = (cachedData) => {
    const script = new vm.Script(wrapped, { filename: scriptName, cachedData });
    return { script, compiled: cachedData !== undefined && !script.cachedDataRejected };
  };
  let { script, compiled } = compile(cache ? readCache(shippedCachePath(path.dirname(bundle)), scriptName) : undefined);
  // No shipped cache, or one V8 rejected (another Node, other flags): the user's cache.
  const userFile = cache && !compiled ? userCachePath(env, stat) : undefined;
  const userData = userFile && readCache(userFile, scriptName);
  if (userData) ({ script, compiled } = compile(userData));

  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(path.dirname(bundle));
  const base = pathToFileURL(bundle);
  const importEsm = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, base).href : specifier);
  script.runInThisContext()(module.exports, (id) => module.require(id), module, bundle, path.dirname(bundle), importEsm);

  function saveCache() {
    if (compiled || !userFile) return;
    try {
      fs.mkdirSync(path.dirname(userFile), { recursive: true });
      // Caches of earlier builds or Node versions are of no further use.
      for (const name of fs.readdirSync(path.dirname(userFile))) {
        if (name.startsWith('code-') && name.endsWith('.cache')) fs.rmSync(path.join(path.dirname(userFile), name), { force: true });
      }
      // Written aside and renamed, so a concurrent run never reads half a file.
      const partial = `${userFile}.${process.pid}.partial`;
      fs.writeFileSync(partial, cacheBytes(script, scriptName));
      fs.renameSync(partial, userFile);
    } catch {
      // A read-only or full home folder: the next run compiles from source again.
    }
  }
  /** The cache of what this process has compiled so far, for the build to ship. */
  const cacheNow = () => cacheBytes(script, scriptName);
  return { exports: module.exports, usedCache: compiled, saveCache, cacheNow };
}

module.exports = { loadCli, shippedCachePath, userCachePath, BUNDLE };
