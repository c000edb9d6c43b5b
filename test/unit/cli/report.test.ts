import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/cli';
import { fixturePath } from '../../helpers/paths';

// `headroom report` in its three formats, on the report fixtures copied into a temporary workspace
// with a .headroom.yaml (so the settings' tier reaches the report).

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-report-'));
  fs.cpSync(fixturePath('report'), path.join(dir, 'deploy'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.headroom.yaml'), 'tiers:\n  clickhouse: large\n');
  return dir;
}

test('json: the report model, with every workload and the settings\' tier', async () => {
  const dir = workspace();
  const result = await runCli(['report', '--format', 'json', 'deploy'], dir);
  assert.equal(result.exitCode, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.schema, 'headroom-capacity-report/1');
  assert.deepEqual(report.workloads.map((w: { kind: string; name: string }) => `${w.kind} ${w.name}`), [
    'Deployment alloy', 'Deployment shop-frontend', 'HelmValues clickhouse', 'ClickHouseServer config.xml', 'AlloyPipeline pipeline.alloy',
  ]);
  assert.equal(report.workloads.find((w: { name: string }) => w.name === 'clickhouse').tier.how, 'tiers.clickhouse in the Headroom settings');
  assert.equal(report.total.workloads, 3);
});

test('markdown is the default, on standard output, with paths relative to the working directory', async () => {
  const dir = workspace();
  const result = await runCli(['report', 'deploy'], dir);
  assert.equal(result.exitCode, 0, result.stderr);
  assert.match(result.stdout, /^# Headroom capacity report\n/);
  assert.ok(result.stdout.includes(`- File: \`${path.join('deploy', 'alloy-deployment.yaml')}\`, line 7`));
  assert.match(result.stdout, /\| Deployment alloy \(telemetry\) \| medium \| 2–6 \(HPA alloy\) \|/);
});

test('html to --output: the format follows the file name, the page is self-contained, stdout stays empty', async () => {
  const dir = workspace();
  const result = await runCli(['report', '--output', 'capacity.html', 'deploy'], dir);
  assert.equal(result.exitCode, 0, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^wrote capacity\.html \(5 workloads\)\n$/);
  const html = fs.readFileSync(path.join(dir, 'capacity.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /<svg class="chart"/);
  assert.doesNotMatch(html, /<script/);
  // --format wins over the extension.
  const json = await runCli(['report', '--format=json', '-o', 'capacity.html', 'deploy'], dir);
  assert.equal(json.exitCode, 0);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'capacity.html'), 'utf8')).schema, 'headroom-capacity-report/1');
});

test('usage errors exit 2 and say what is wrong', async () => {
  const dir = workspace();
  for (const [argv, message] of [
    [['report'], 'no PATH given'],
    [['report', '--format', 'pdf', 'deploy'], '--format must be html, markdown, json; got "pdf"'],
    [['report', '-', 'deploy'], 'report reads files, not standard input'],
    [['report', '--colour', 'deploy'], 'unknown option "--colour"'],
    [['report', 'missing'], 'missing does not exist'],
  ] as const) {
    const result = await runCli([...argv], dir);
    assert.equal(result.exitCode, 2, argv.join(' '));
    assert.ok(result.stderr.startsWith(`headroom: ${message}\n`), result.stderr);
  }
  const help = await runCli(['report', '--help'], dir);
  assert.equal(help.exitCode, 0);
  assert.match(help.stdout, /^usage: headroom report/);
  const unwritable = await runCli(['report', '--output', path.join('no', 'such', 'dir', 'r.md'), 'deploy'], dir);
  assert.equal(unwritable.exitCode, 2);
  assert.match(unwritable.stderr, /cannot write/);
});
