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

test('zod is loaded only for a workspace with a .headroom.yaml', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-zod-'));
  try {
    fs.writeFileSync(path.join(workspace, 'pipeline.alloy'), 'otelcol.processor.batch "default" {\n  output {}\n}\n');
    const zodLoaded = () => fresh(`
      const { runCli } = require(${JSON.stringify(path.join(out, 'server', 'src', 'cli', 'cli.js'))});
      const io = { readStdin: async () => Buffer.alloc(0), env: {}, stdoutIsTTY: false };
      (async () => {
        await runCli(['check', 'pipeline.alloy'], ${JSON.stringify(workspace)}, io);
        process.stdout.write(JSON.stringify(Object.keys(require.cache).some((file) => file.includes('/node_modules/zod/'))));
      })();`);
    assert.equal(zodLoaded(), false, 'no .headroom.yaml: zod stays unloaded');
    fs.writeFileSync(path.join(workspace, '.headroom.yaml'), 'defaultTier: medium\n');
    assert.equal(zodLoaded(), true, 'with a .headroom.yaml it is validated with zod');
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});
