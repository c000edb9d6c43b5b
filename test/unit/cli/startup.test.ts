import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// What loading the analysis core costs before any file is opened: work that start-up does not need is
// deferred to the first use (the CLI and the server load the same modules).

const out = path.join(__dirname, '..', '..', '..');

/** Runs `script` in a new Node process (nothing loaded yet) and returns what it printed as JSON. */
function fresh(script: string): unknown {
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

test('loading the core formats no number with ICU (its first use costs 20-30 ms)', () => {
  const calls = fresh(`
    const calls = [];
    const original = Number.prototype.toLocaleString;
    Number.prototype.toLocaleString = function (...args) { calls.push(new Error().stack.split('\\n')[2].trim()); return original.apply(this, args); };
    require(${JSON.stringify(path.join(out, 'server', 'src', 'cli', 'cli.js'))});
    require(${JSON.stringify(path.join(out, 'server', 'src', 'core', 'formats.js'))});
    process.stdout.write(JSON.stringify(calls));`);
  assert.deepEqual(calls, []);
});

test('a deferred text reads as it did when built eagerly', () => {
  const { defaultCatalog } = require(path.join(out, 'server', 'src', 'core', 'capacity', 'catalog.js')) as typeof import('../../../server/src/core/capacity/catalog');
  const says = defaultCatalog.workloads().flatMap((workload) => defaultCatalog.tiers(workload)).flatMap((tier) => tier.conflicts ?? []).map((conflict) => conflict.second.says).find((text) => text.startsWith('its calculate_server_capacity'));
  assert.ok(says, 'the per-server capacity conflict of seed 001');
  assert.match(says, /^its calculate_server_capacity\(8, 3\.5, 50000\) prints ~\S+ RPS; recomputed \d{1,3}(,\d{3})*(\.\d+)?$/);
});
