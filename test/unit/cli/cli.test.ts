import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli as runCliWith, type ReportedFinding } from '../../../server/src/cli/cli';
import { repoRoot } from '../../helpers/paths';
import { tempWorkspace as workspace, testIo } from '../../helpers/cli';

const runCli = (argv: string[], cwd: string) => runCliWith(argv, cwd, testIo());

const broken = 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  output { }\n}\n';
const clean = 'prometheus.exporter.unix "node" { }\n';

test('text output: file:line:col severity code message, and exit 1 on errors', async () => {
  const dir = workspace({ 'a/pipeline.alloy': broken, 'b/ok.alloy': clean, 'notes.txt': 'ignored', 'node_modules/x.alloy': broken });
  const result = await runCli(['check', '.'], dir);
  assert.equal(result.exitCode, 1);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines[0], `${path.join('a', 'pipeline.alloy')}:2:3 error alloy/batch-max-below-size otelcol.processor.batch "b": send_batch_max_size 3000 (the default since Alloy v1.11) is below send_batch_size 8192; Alloy refuses to start. Set send_batch_max_size to at least 8192, or 0 for no limit.`);
  assert.equal(lines[lines.length - 1], '2 files checked, 1 finding (1 error)');
});

test('json output has the documented shape with 1-based positions; exit 0 without errors', async () => {
  const dir = workspace({ 'x.alloy': 'a = [\n  1,\n  2\n]\n', 'ok.alloy': clean });
  const result = await runCli(['check', '--format', 'json', 'x.alloy', 'ok.alloy'], dir);
  assert.equal(result.exitCode, 1);
  const report = JSON.parse(result.stdout);
  assert.equal(report.files, 2);
  assert.deepEqual(report.findings, [{
    file: 'x.alloy', line: 3, column: 3, endLine: 3, endColumn: 4, severity: 'error', code: 'alloy/syntax',
    message: "missing ',' after this element: in a multi-line list, object or call, every element followed by a newline needs a trailing comma",
  }]);
  const ok = await runCli(['check', '--format=json', 'ok.alloy'], dir);
  assert.equal(ok.exitCode, 0);
  assert.deepEqual(JSON.parse(ok.stdout), { files: 1, findings: [] });
});

test('bytes that are not UTF-8 are an Alloy syntax error where they stand, not a silent U+FFFD', async () => {
  const dir = workspace({ 'ok.alloy': clean });
  fs.writeFileSync(path.join(dir, 'latin1.alloy'), Buffer.concat([Buffer.from('// é\na = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
  const result = await runCli(['check', '--format', 'json', '.'], dir);
  assert.equal(result.exitCode, 1);
  const report = JSON.parse(result.stdout);
  assert.deepEqual(report.findings.map((f: ReportedFinding) => [f.file, f.line, f.column, f.code]), [['latin1.alloy', 2, 9, 'alloy/syntax']]);
  assert.match(report.findings[0].message, /illegal UTF-8 encoding/);
});

test('sarif output is SARIF 2.1.0 with rules and regions', async () => {
  const dir = workspace({ 'p.alloy': broken });
  const result = await runCli(['check', '--format', 'sarif', '.'], dir);
  const sarif = JSON.parse(result.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'headroom');
  assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ['alloy/batch-max-below-size']);
  assert.equal(run.results[0].level, 'error');
  assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 25 });
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'p.alloy');
});

test('usage errors exit 2 with a message', async () => {
  for (const argv of [[], ['lint']]) {
    const result = await runCli(argv, os.tmpdir());
    assert.equal(result.exitCode, 2, argv.join(' '));
    assert.match(result.stderr, /^headroom: .*\nusage: headroom COMMAND/);
  }
  for (const argv of [['check'], ['check', '--format', 'xml', '.'], ['check', '--nope', '.']]) {
    const result = await runCli(argv, os.tmpdir());
    assert.equal(result.exitCode, 2, argv.join(' '));
    assert.match(result.stderr, /^headroom: .*\nusage: headroom check/);
  }
  const missing = await runCli(['check', 'missing-path'], os.tmpdir());
  assert.equal(missing.exitCode, 2);
  assert.equal(missing.stderr, 'headroom: missing-path does not exist\n');
});

test('.headroom.yaml: severities apply, and an invalid file is a usage error with its position', async () => {
  const dir = workspace({ 'p.alloy': broken, '.headroom.yaml': 'severity:\n  alloy/batch-max-below-size: warning\n' });
  const result = await runCli(['check', '.'], dir);
  assert.equal(result.exitCode, 0);
  assert.match(result.stdout, /2:3 warning alloy\/batch-max-below-size/);
  fs.writeFileSync(path.join(dir, '.headroom.yaml'), 'severity:\n  alloy/batch-max-below-size: loud\n');
  const bad = await runCli(['check', '.'], dir);
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr, /\.headroom\.yaml:2:31 \.headroom\.yaml severity\.alloy\/batch-max-below-size/);
});

test('the bundled dist/cli.js runs as the package bin, on this Node', () => {
  const cli = path.join(repoRoot(), 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), 'npm run build first');
  const dir = workspace({ 'p.alloy': broken });
  const run = spawnSync(cli, ['check', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /alloy\/batch-max-below-size/);
  assert.match(execFileSync(process.execPath, [cli, 'check', '--help'], { encoding: 'utf8' }), /usage: headroom check/);
});

test('the examples: findings come in reading order, file by file', async () => {
  const result = await runCli(['check', 'examples'], repoRoot());
  const rows = result.stdout.trim().split('\n').slice(0, -1).map((line) => {
    const [, file, row, column] = /^(.+?):(\d+):(\d+) /.exec(line) ?? [];
    return { file, row: Number(row), column: Number(column) };
  });
  assert.ok(rows.length > 5, result.stdout);
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    assert.ok(a.file < b.file || (a.file === b.file && (a.row < b.row || (a.row === b.row && a.column <= b.column))),
      `${JSON.stringify(a)} before ${JSON.stringify(b)}`);
  }
  assert.doesNotMatch(result.stdout, /NaN|undefined/);
});
