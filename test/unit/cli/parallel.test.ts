import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/cli';
import { checkInParallel, defaultJobs } from '../../../server/src/cli/parallel';
import { pathToFileURL } from 'node:url';
import { corpusPath, needsShared } from '../../helpers/shared';
import { repoRoot } from '../../helpers/paths';

// The parallel check (server/src/cli/parallel.ts) prints exactly what a serial one prints: same files,
// same order, same findings, cross-file findings included, whatever the number of threads.

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-parallel-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const POD = (name: string, memory: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: alloy\n          image: grafana/alloy:v1.18.0\n          resources:\n            requests:\n              cpu: 500m\n              memory: ${memory}\n            limits:\n              memory: ${memory}\n`;
const LIMITER = 'otelcol.processor.memory_limiter "default" {\n  check_interval = "1s"\n  limit          = "1000MiB"\n  spike_limit    = "200MiB"\n\n  output { }\n}\n';

test('cross-file findings are the same on one thread and on several: each thread sees every file\'s facts', async () => {
  // The pod and the pipeline land on different threads (files are shared out largest first).
  const files: Record<string, string> = { 'deploy/alloy.yaml': POD('alloy', '1Gi'), 'config/pipeline.alloy': LIMITER };
  for (let i = 0; i < 6; i++) files[`more/filler-${i}.alloy`] = `prometheus.exporter.unix "n${i}" { }\n${'// padding\n'.repeat(200 * i)}`;
  const dir = workspace(files);
  const serial = await runCli(['check', '--jobs', '1', '--format', 'json', '.'], dir);
  const parallel = await runCli(['check', '--jobs', '3', '--format', 'json', '.'], dir);
  assert.equal(parallel.stdout, serial.stdout);
  assert.equal(parallel.exitCode, serial.exitCode);
  const report = JSON.parse(serial.stdout);
  assert.ok(report.findings.some((f: { code: string }) => f.code === 'alloy/memory-limiter-vs-container'), serial.stdout);
});

test('whatever the thread count, every document gets its format and the findings a single engine gives it', async () => {
  const dir = workspace({ 'a.yaml': POD('alloy', '1Gi'), 'b.alloy': LIMITER, 'c.txt.yaml': 'just: yaml\n', 'd.alloy': 'a = [\n  1,\n  2\n]\n' });
  const docs = fs.readdirSync(dir).sort().map((f) => ({ uri: pathToFileURL(path.join(dir, f)).href, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const serial = await runCli(['check', '--jobs', '1', '--format', 'json', '.'], dir);
  for (const jobs of [2, 4]) {
    const result = await checkInParallel({ docs, cwd: dir, jobs });
    assert.ok(result);
    // The YAML that is neither a manifest nor Helm values is not claimed.
    assert.deepEqual(docs.map((d) => result.formatOf(d.uri)), ['k8s', 'alloy', undefined, 'alloy']);
    assert.equal(result.lint(docs[3].uri)[0].code, 'alloy/syntax');
    assert.equal((await runCli(['check', '--jobs', String(jobs), '--format', 'json', '.'], dir)).stdout, serial.stdout);
  }
  // One thread, or one document: the caller's own engine does it.
  assert.equal(await checkInParallel({ docs, cwd: dir, jobs: 1 }), undefined);
  assert.equal(await checkInParallel({ docs: docs.slice(0, 1), cwd: dir, jobs: 4 }), undefined);
});

test('without --jobs: one thread for a small input, else one per idle core', () => {
  const large = 4 * 1024 * 1024;
  assert.equal(defaultJobs(10_000, 8, 0), 1);
  assert.equal(defaultJobs(large, 8, 0), 8);
  assert.equal(defaultJobs(large, 8, 0.3), 8);
  assert.equal(defaultJobs(large, 8, 5.2), 3);
  assert.equal(defaultJobs(large, 2, 8.8), 1);
  assert.equal(defaultJobs(large, 2, 1.6), 1);
  assert.equal(defaultJobs(large, 2, 1.4), 1);
  assert.equal(defaultJobs(large, 2, 0.4), 2);
  assert.equal(defaultJobs(large, 1, 0), 1);
});

test('--fix runs in one thread, and --jobs takes a whole number ≥ 1', async () => {
  const dir = workspace({ 'a.alloy': 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  output { }\n}\n', 'b.alloy': 'a = 1\n' });
  const fixed = await runCli(['check', '--jobs', '4', '--fix', '.'], dir);
  assert.match(fixed.stderr, /fixed a\.alloy/);
  for (const bad of ['0', 'x', '1.5']) {
    const result = await runCli(['check', '--jobs', bad, '.'], dir);
    assert.equal(result.exitCode, 2, bad);
    assert.match(result.stderr, /--jobs must be/);
  }
});

test('the whole corpus and the examples: the parallel output equals the serial output in every format', needsShared('corpus'), async () => {
  const targets = [corpusPath(), path.join(repoRoot(), 'examples')];
  for (const format of ['text', 'json', 'sarif']) {
    const serial = await runCli(['check', '--jobs', '1', '--format', format, ...targets], repoRoot());
    const parallel = await runCli(['check', '--jobs', '2', '--format', format, ...targets], repoRoot());
    assert.equal(parallel.stdout, serial.stdout, format);
    assert.equal(parallel.stderr, serial.stderr, format);
    assert.equal(parallel.exitCode, serial.exitCode);
  }
});
