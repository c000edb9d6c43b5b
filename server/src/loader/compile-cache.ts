import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

// Runs a bundle (dist/lib/server.js, 2.65 MB; dist/lib/cli.js, 2.26 MB) with a V8 code cache, so a new
// process neither parses the bundle nor compiles the functions an earlier process already compiled:
// `dist/server.js` and `dist/cli.js` are small entries that call `runBundle`. It works the same on Node 20
// and on the newer Node of VS Code's extension host (`vm.Script` `cachedData`). Node's own module compile
// cache is newer than Node 20 (`module.enableCompileCache()` from Node 22.8, the `NODE_COMPILE_CACHE`
// variable from 22.1: nodejs/node doc/api/module.md and cli.md), and it caches a module as compiled,
// before any function ran.
//
// The cache lives in a per-user cache folder (never beside the bundle: an installed extension may be
// read-only), one file per bundle, keyed on the bundle's text, the Node/V8 version, the architecture and
// the V8 flags (V8 rejects data made under other flags). Everything about it is best effort: a missing,
// rejected or unwritable cache only means the bundle is compiled as it would be without one.

/** Set to `0` (or `off`) to run without the cache; `HEADROOM_CACHE_DIR` puts it elsewhere. */
const DISABLE_ENV = 'HEADROOM_COMPILE_CACHE';
const DIR_ENV = 'HEADROOM_CACHE_DIR';
/** How the running bundle asks its loader to write the cache now (see `saveCompileCache`). */
const SAVE_HOOK = Symbol.for('headroom.compileCache.save');

export interface BundleRun {
  /** The cache file, when caching is on. */
  cacheFile?: string;
  /** 'used': the cache was accepted; 'rejected' or 'missing': it is written at the next save. */
  cache: 'off' | 'used' | 'rejected' | 'missing';
}

/**
 * Runs `bundle` as if it were the module `host` (the entry that was required or run): `module`,
 * `exports`, `require.main` and `__filename`/`__dirname` are the host's, so the bundle finds the .wasm
 * files and docs beside the entry, `require.main === module` holds when the entry is the main script, and
 * a worker thread started with `require(__filename)` loads the entry (and this cache) again.
 */
export function runBundle(bundle: string, host: NodeModule, v8Flags: readonly string[] = []): BundleRun {
  // Flags first: V8 rejects a code cache made under other flags, and the key below names them.
  for (const flag of v8Flags) v8.setFlagsFromString(flag);
  // build.mjs writes the bundle as one function expression, `(function (exports, require, module,
  // __filename, __dirname) {…})`, so its text is compiled as read (no second, wrapped copy in memory).
  const bytes = fs.readFileSync(bundle);
  const source = sourceText(bytes);
  const cacheFile = cacheFileFor(bundle, bytes, process.env, v8Flags);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // No cache yet (or unreadable): compile from source.
    }
  }
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const run: BundleRun = {
    cacheFile,
    cache: !cacheFile ? 'off' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used',
  };
  // Only the main thread writes (CLI workers load the same bundle), and only when there was no usable
  // cache. The data is taken late (at the bundle's request or at exit) so that it holds the functions
  // the run compiled, not just the top level.
  if (cacheFile && (run.cache === 'missing' || run.cache === 'rejected') && isMainThread) {
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      writeCache(cacheFile, script.createCachedData());
    };
    (globalThis as Record<symbol, unknown>)[SAVE_HOOK] = save;
    process.once('exit', save);
  }
  const main = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => void;
  main.call(host.exports, host.exports, createRequire(host.filename), host, host.filename, path.dirname(host.filename));
  return run;
}

/**
 * The bundle's text. V8 keeps a script's source for as long as the script lives (lazy compilation,
 * `Function.prototype.toString`), and one character outside Latin-1 makes the whole 2.65 MB text a
 * two-byte string: 5.3 MB of heap for the life of the process, in the server and in every CLI worker.
 * build.mjs keeps the bundles ASCII, which is read as Latin-1 into a one-byte string (Node makes so
 * large a one in memory of its own, outside V8's heap) about three times as fast as UTF-8 is decoded
 * (3.7 against 10.5 ms for the server bundle, Node 20). A bundle that is not ASCII is read as UTF-8.
 */
function sourceText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Asks the loader to write the code cache now, if this process is to write one: called by the server
 * once its first diagnostics are out (it may be killed rather than exit). A no-op without the loader.
 */
export function saveCompileCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[SAVE_HOOK];
  if (typeof save === 'function') save();
}

/**
 * The cache file for `bundle` with this text, on this Node, architecture and V8 flags (the command line's
 * and `v8Flags`, those the entry sets); undefined when caching is off.
 */
export function cacheFileFor(bundle: string, source: string | Uint8Array, env: NodeJS.ProcessEnv = process.env, v8Flags: readonly string[] = []): string | undefined {
  const setting = env[DISABLE_ENV];
  if (setting === '0' || setting === 'off' || setting === 'false') return undefined;
  const dir = env[DIR_ENV] ? path.resolve(env[DIR_ENV]) : userCacheDir(env);
  if (!dir) return undefined;
  // Caches made under other V8 flags (an editor's execArgv) keep their own file: V8 would reject them here.
  const flags = createHash('sha256').update([...process.execArgv, ...v8Flags].join(' ')).digest('hex').slice(0, 8);
  const key = createHash('sha256')
    .update(source).update('\0').update(process.version).update('\0').update(process.versions.v8).update('\0').update(process.arch)
    .digest('hex').slice(0, 24);
  return path.join(dir, `${path.basename(bundle, '.js')}-${flags}-${key}.v8cache`);
}

/** The per-user cache folder of the platform (XDG on Linux), headroom's subfolder; undefined without a home. */
function userCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined;
  }
  if (process.platform === 'win32') {
    const local = env.LOCALAPPDATA || (home && path.join(home, 'AppData', 'Local'));
    return local ? path.join(local, 'headroom', 'Cache', 'compile') : undefined;
  }
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'headroom', 'compile') : undefined;
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.join(home, '.cache');
  return xdg ? path.join(xdg, 'headroom', 'compile') : undefined;
}

/**
 * Writes the cache atomically (a reader sees the old file or the new one, never half of one) and removes
 * the same bundle's caches for other versions, so the folder holds one file per bundle and flag set.
 * Never throws.
 */
function writeCache(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the next run compiles from source again.
    }
    return;
  }
  const prefix = path.basename(file).replace(/[0-9a-f]+\.v8cache$/, '');
  try {
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (name.startsWith(prefix) && name.endsWith('.v8cache') && name !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    // Stale caches are only wasted disk space.
  }
}
