import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor } from '../../../server/src/loader/compile-cache';
import { startupFlags } from '../../../server/src/loader/v8-flags';
import { repoRoot } from '../../helpers/paths';

// The V8 code cache the dist/ entries load their bundle with (server/src/loader/compile-cache.ts): used
// when valid, rewritten when missing or rejected, and never in the way (no cache folder, an unwritable
// one, a corrupt file: the bundle still runs and does what it did).

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-compile-cache-'));
}

/** A bundle as build.mjs writes it: one function expression over what Node gives a CommonJS module. */
function writeBundle(dir: string, body: string): string {
  const bundle = path.join(dir, 'lib', 'demo.js');
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  fs.writeFileSync(bundle, `(function (exports, require, module, __filename, __dirname) {\n${body}\n})`);
  return bundle;
}

const BODY = `
const path = require('node:path');
function square(n) { return n * n; }
module.exports.result = { squares: [1, 2, 3].map(square), dir: path.basename(__dirname), file: path.basename(__filename), main: require.main === module };
`;

/**
 * Runs `bundle` in a new Node process (V8 reuses a script compiled earlier in the same process and would
 * never look at the cache), as the entry `dir/entry.js`, with the cache settings in `env`.
 */
function run(bundle: string, env: Record<string, string>, v8Flags: string[] = []): { cache: string; result: unknown } {
  const loader = require.resolve('../../../server/src/loader/compile-cache');
  const script = `
    const { runBundle, saveCompileCache } = require(${JSON.stringify(loader)});
    const host = { exports: {}, filename: ${JSON.stringify(path.join(path.dirname(path.dirname(bundle)), 'entry.js'))} };
    const { cache } = runBundle(${JSON.stringify(bundle)}, host, ${JSON.stringify(v8Flags)});
    saveCompileCache();
    process.stdout.write(JSON.stringify({ cache, result: host.exports.result }));`;
  const clean: NodeJS.ProcessEnv = { ...process.env };
  delete clean.HEADROOM_CACHE_DIR;
  delete clean.HEADROOM_COMPILE_CACHE;
  const child = spawnSync(process.execPath, ['-e', script], { env: { ...clean, ...env }, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

/** What BODY computes when run as the entry `dir/entry.js` (not the main module: `-e` is). */
function check(result: unknown, dir: string): void {
  assert.deepEqual(result, { squares: [1, 4, 9], dir: path.basename(dir), file: 'entry.js', main: false });
}

test('the first run writes the cache, the next one uses it, with the same result', () => {
  const dir = tempDir();
  const cacheDir = path.join(dir, 'cache');
  const bundle = writeBundle(dir, BODY);
  const first = run(bundle, { HEADROOM_CACHE_DIR: cacheDir });
  assert.equal(first.cache, 'missing');
  check(first.result, dir);
  const files = fs.readdirSync(cacheDir);
  assert.equal(files.length, 1, files.join(', '));
  assert.match(files[0], /^demo-[0-9a-f]{8}-[0-9a-f]{24}\.v8cache$/);
  const second = run(bundle, { HEADROOM_CACHE_DIR: cacheDir });
  assert.equal(second.cache, 'used');
  check(second.result, dir);
});

test('a bundle that is not ASCII is read as UTF-8, with or without its cache', () => {
  // The loader reads an ASCII bundle as Latin-1 (faster, same text); read so, this one would be mojibake.
  const dir = tempDir();
  const cacheDir = path.join(dir, 'cache');
  const bundle = writeBundle(dir, `${BODY}module.exports.result.text = 'é — µ μ 😀';`);
  for (const expected of ['missing', 'used']) {
    const { cache, result } = run(bundle, { HEADROOM_CACHE_DIR: cacheDir });
    assert.equal(cache, expected);
    assert.equal((result as { text: string }).text, 'é — µ μ 😀');
  }
});

test('the server and CLI bundles build.mjs wrote are ASCII (one byte a character in memory)', () => {
  // Their comments hold characters outside Latin-1 (em dashes) that build.mjs replaces; a single one
  // left makes V8 hold the 2.6 MB text as a two-byte string, twice the memory, for the process's life.
  for (const bundle of ['server.js', 'cli.js']) {
    const bytes = fs.readFileSync(path.join(repoRoot(), 'dist', 'lib', bundle));
    const at = bytes.findIndex((byte) => byte > 0x7f);
    assert.equal(at, -1, `dist/lib/${bundle}: not ASCII at byte ${at}: ${JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 40).toString('utf8'))}`);
  }
});

test('a changed bundle gets a new cache and the old one is removed', () => {
  const dir = tempDir();
  const cacheDir = path.join(dir, 'cache');
  const bundle = writeBundle(dir, BODY);
  run(bundle, { HEADROOM_CACHE_DIR: cacheDir });
  const [before] = fs.readdirSync(cacheDir);
  // Same length, different text: V8 itself only compares lengths, so the key must cover the text.
  fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace('n * n', 'n + n'));
  const changed = run(bundle, { HEADROOM_CACHE_DIR: cacheDir });
  assert.equal(changed.cache, 'missing');
  assert.deepEqual((changed.result as { squares: number[] }).squares, [2, 4, 6]);
  const after = fs.readdirSync(cacheDir);
  assert.equal(after.length, 1, after.join(', '));
  assert.notEqual(after[0], before);
});

test('a corrupt cache is rejected, the bundle runs from source and the cache is rewritten', () => {
  const dir = tempDir();
  const cacheDir = path.join(dir, 'cache');
  const bundle = writeBundle(dir, BODY);
  run(bundle, { HEADROOM_CACHE_DIR: cacheDir });
  const file = path.join(cacheDir, fs.readdirSync(cacheDir)[0]);
  fs.writeFileSync(file, Buffer.from('not a V8 code cache at all'));
  const corrupt = run(bundle, { HEADROOM_CACHE_DIR: cacheDir });
  assert.equal(corrupt.cache, 'rejected');
  check(corrupt.result, dir);
  assert.equal(run(bundle, { HEADROOM_CACHE_DIR: cacheDir }).cache, 'used');
});

test('an unwritable cache folder or HEADROOM_COMPILE_CACHE=0 only means no cache', () => {
  const dir = tempDir();
  const bundle = writeBundle(dir, BODY);
  // A folder that cannot be created (a file is in the way): even root cannot write there.
  const blocked = path.join(dir, 'a-file');
  fs.writeFileSync(blocked, '');
  const unwritable = run(bundle, { HEADROOM_CACHE_DIR: path.join(blocked, 'cache') });
  assert.equal(unwritable.cache, 'missing');
  check(unwritable.result, dir);
  assert.equal(run(bundle, { HEADROOM_CACHE_DIR: path.join(blocked, 'cache') }).cache, 'missing');
  const off = run(bundle, { HEADROOM_CACHE_DIR: path.join(dir, 'cache'), HEADROOM_COMPILE_CACHE: '0' });
  assert.equal(off.cache, 'off');
  check(off.result, dir);
  assert.ok(!fs.existsSync(path.join(dir, 'cache')));
});

test('the cache is per user: XDG_CACHE_HOME, else ~/.cache, on Linux', { skip: process.platform !== 'linux' && 'Linux paths' }, () => {
  const xdg = cacheFileFor('/x/lib/server.js', 'text', { XDG_CACHE_HOME: '/home/u/.xdg' });
  assert.match(xdg ?? '', /^\/home\/u\/\.xdg\/headroom\/compile\/server-[0-9a-f]{8}-[0-9a-f]{24}\.v8cache$/);
  const home = cacheFileFor('/x/lib/server.js', 'text', {});
  assert.ok(home?.startsWith(path.join(os.homedir(), '.cache', 'headroom', 'compile')), home);
  assert.equal(cacheFileFor('/x/lib/server.js', 'text', { HEADROOM_COMPILE_CACHE: 'off' }), undefined);
  assert.notEqual(cacheFileFor('/x/lib/server.js', 'text', {}), cacheFileFor('/x/lib/server.js', 'other text', {}));
});

test('dist/cli.js with a fresh, then a warm cache: the same output, and one cache file', () => {
  const cli = path.join(repoRoot(), 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), 'npm run build first');
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'p.alloy'), 'otelcol.processor.batch "b" {\n  send_batch_size = 100\n  send_batch_max_size = 50\n  output {}\n}\n');
  const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_CACHE_DIR: path.join(dir, 'cache') };
  delete env.HEADROOM_COMPILE_CACHE;
  const cold = spawnSync(process.execPath, [cli, 'check', 'p.alloy'], { cwd: dir, env, encoding: 'utf8' });
  const warm = spawnSync(process.execPath, [cli, 'check', 'p.alloy'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(cold.status, 1, cold.stderr);
  assert.match(cold.stdout, /alloy\/batch-max-below-size/);
  assert.deepEqual([warm.status, warm.stdout, warm.stderr], [cold.status, cold.stdout, cold.stderr]);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'cache')).map((f) => f.replace(/-.*/, '')), ['cli']);
  // The warm run accepted the cache (a rejected one is rewritten): the entry sets its V8 flags before
  // compiling, under which the cache was made.
  const [file] = fs.readdirSync(path.join(dir, 'cache'));
  const written = fs.readFileSync(path.join(dir, 'cache', file));
  spawnSync(process.execPath, [cli, 'check', 'p.alloy'], { cwd: dir, env, encoding: 'utf8' });
  assert.ok(fs.readFileSync(path.join(dir, 'cache', file)).equals(written), 'the cache was rewritten: rejected');
});

test('flags set by the entry are set before compiling and name their own cache file', () => {
  const dir = tempDir();
  const env = { HEADROOM_CACHE_DIR: path.join(dir, 'cache') };
  const bundle = writeBundle(dir, BODY);
  const budget = ['--wasm-tiering-budget=180000000'];
  assert.equal(run(bundle, env, budget).cache, 'missing');
  const warm = run(bundle, env, budget);
  // Set after compiling, the flag would change V8's flag hash and the cache would be rejected here.
  assert.equal(warm.cache, 'used');
  check(warm.result, dir);
  // Without the flag (an older entry, a test): a cache file of its own, not a rejected one.
  assert.equal(run(bundle, env).cache, 'missing');
  assert.equal(fs.readdirSync(path.join(dir, 'cache')).length, 2);
  assert.equal(run(bundle, env, budget).cache, 'used');
});

test('the entries leave wasm tiering to flags given on the command line', () => {
  assert.deepEqual(startupFlags([]), ['--wasm-tiering-budget=180000000']);
  assert.deepEqual(startupFlags(['--inspect', '--max-old-space-size=4096']), ['--wasm-tiering-budget=180000000']);
  for (const given of [['--liftoff-only'], ['--no-liftoff'], ['--wasm-tiering-budget=1'], ['--wasm_tiering_budget', '5'], ['--no-wasm-dynamic-tiering']]) {
    assert.deepEqual(startupFlags(given), [], given.join(' '));
  }
});
