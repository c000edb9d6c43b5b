import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../helpers/paths';

// .pre-commit-hooks.yaml: pre-commit installs the package (`npm install`, then `npm pack`, whose prepack
// script builds dist/, then `npm install -g` of the tarball) and runs the hook's entry with the staged
// files matching `files` as arguments, from the repository root.

interface Hook { id: string; name: string; entry: string; language: string; files: string; require_serial?: boolean }
const root = repoRoot();
const hooks = () => parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const manifest = () => JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the hooks: headroom check on Alloy/YAML/XML in one serial run, headroom fmt --check on Alloy', () => {
  const byId = Object.fromEntries(hooks().map((h) => [h.id, h]));
  assert.deepEqual(Object.keys(byId), ['headroom', 'headroom-fmt']);
  const bin = Object.keys(manifest().bin)[0];
  assert.equal(byId.headroom.entry, `${bin} check`);
  assert.equal(byId['headroom-fmt'].entry, `${bin} fmt --check`);
  for (const hook of hooks()) assert.equal(hook.language, 'node');
  assert.equal(byId.headroom.require_serial, true, 'cross-file rules need every staged file in one run');
  const matches = (hook: Hook, file: string) => new RegExp(hook.files).test(file);
  for (const file of ['deploy/alloy/config.alloy', 'legacy.river', 'k8s/gateway.yaml', 'values.yml', 'clickhouse/config.xml']) assert.ok(matches(byId.headroom, file), file);
  for (const file of ['README.md', 'main.go', 'config.alloy.bak']) assert.ok(!matches(byId.headroom, file), file);
  assert.ok(matches(byId['headroom-fmt'], 'a/config.alloy') && !matches(byId['headroom-fmt'], 'values.yaml'));
  assert.equal(manifest().scripts.prepack, 'node scripts/build.mjs', 'npm pack builds dist/ for the hook');
});

test('the packed package runs as the hook does: its bin, with the staged files, from the repository root, no node_modules', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-pack-'));
  // --ignore-scripts: dist/ is already built by the test run; rebuilding it here would race other tests.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }));
  const files = packed.files.map((f: { path: string }) => f.path);
  for (const file of ['dist/cli.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-alloy.wasm', 'docs/rules/alloy/batch-tier.md', 'package.json']) assert.ok(files.includes(file), file);
  execFileSync('tar', ['-xzf', path.join(scratch, packed.filename), '-C', scratch]);
  const cli = path.join(scratch, 'package', manifest().bin.headroom);

  const repo = path.join(scratch, 'repo');
  fs.mkdirSync(path.join(repo, 'deploy'), { recursive: true });
  fs.writeFileSync(path.join(repo, '.headroom.yaml'), 'severity:\n  alloy/batch-timeout: error\n');
  fs.writeFileSync(path.join(repo, 'deploy', 'edge.alloy'), 'otelcol.processor.batch "b" {\n  timeout = "30s"\n  output { }\n}\n');
  fs.writeFileSync(path.join(repo, 'deploy', 'ok.alloy'), 'prometheus.exporter.unix "node" { }\n');
  const hook = hooks().find((h) => h.id === 'headroom')!;
  const [, ...args] = hook.entry.split(' ');
  const failing = spawnSync(process.execPath, [cli, ...args, 'deploy/edge.alloy', 'deploy/ok.alloy'], { cwd: repo, encoding: 'utf8' });
  assert.equal(failing.status, 1, failing.stderr);
  assert.match(failing.stdout, /^deploy\/edge\.alloy:2:3 error alloy\/batch-timeout /m, 'the repository\'s .headroom.yaml applies');
  const passing = spawnSync(process.execPath, [cli, ...args, 'deploy/ok.alloy'], { cwd: repo, encoding: 'utf8' });
  assert.equal(passing.status, 0, passing.stdout + passing.stderr);
  const explain = spawnSync(process.execPath, [cli, 'explain', 'alloy/batch-timeout'], { encoding: 'utf8' });
  assert.match(explain.stdout, /^# alloy\/batch-timeout\n/);
});
