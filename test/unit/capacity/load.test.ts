import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/cli';
import { mergeConfig, parseHeadroomYaml } from '../../../server/src/core/config';
import type { HeadroomEngine } from '../../../server/src/core/engine';
import { expectedFindings, newEngine } from '../../helpers/alloy';
import { fixturePath } from '../../helpers/paths';

// Tiers chosen from load, one fixture per family (Alloy, Kubernetes + HPA, Helm values, ClickHouse):
// the engine picks the tier the documents size for the stated load, says which and why in the hover,
// and flags what falls short; the CLI reports the same findings. The LSP side is test/lsp/load-tiers.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const FIXTURES = [
  { family: 'alloy', file: fixturePath('alloy', 'load.alloy'), languageId: 'grafana-alloy' },
  { family: 'k8s', file: fixturePath('k8s', 'load.yaml'), languageId: 'yaml' },
  { family: 'helm', file: fixturePath('k8s', 'load-values.yaml'), languageId: 'yaml' },
  { family: 'clickhouse', file: fixturePath('clickhouse', 'load.xml'), languageId: 'xml' },
];

function open(name: string, languageId: string) {
  const fixture = FIXTURES.find((f) => f.file.endsWith(name))!;
  const text = fs.readFileSync(fixture.file, 'utf8');
  const uri = `file:///load/${name}`;
  engine.open({ uri, text, languageId });
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
  return { uri, text, lineOf, close: () => engine.close(uri) };
}

test('Alloy: `// headroom: load otlp=40000/min` picks the large tier; the hover and the lens say which and why', () => {
  const { uri, lineOf, close } = open('load.alloy', 'grafana-alloy');
  const hover = engine.hover(uri, { line: lineOf('otelcol.processor.batch "default"'), character: 3 });
  assert.match(hover?.markdown ?? '', /tier \*\*large\*\* \(from the load on line 1 \(40,000 OTLP requests\/minute\)\)/);
  assert.match(hover?.markdown ?? '', /Load → tier: 40,000 OTLP requests\/minute → large \(10,000–100,000 OTLP requests\/minute; 000_e875b2fa46e39bfd\.txt § Deployment Sizes > Large Deployment \(Production - Enterprise\)\)/);
  const [lens] = engine.codeLenses(uri);
  assert.equal(lens.title, 'Headroom: alloy tier large (from the load on line 1 (40,000 OTLP requests/minute)) · 10,000–100,000 OTLP requests/minute · 5 replicas · ≈ $950/month (deployment, 000_e875b2fa46e39bfd.txt)');
  close();
});

test('Kubernetes: the load on a StatefulSet and its HPA picks xlarge; the hover explains, the HPA ceiling is checked against 20 pods', () => {
  const { uri, lineOf, close } = open('load.yaml', 'yaml');
  const hover = engine.hover(uri, { line: lineOf('resources:'), character: 12 });
  assert.match(hover?.markdown ?? '', /tier \*\*xlarge\*\* \(from the load on line 1 \(600,000 OTLP requests\/minute\)\)/);
  assert.match(hover?.markdown ?? '', /Load → tier: 600,000 OTLP requests\/minute → xlarge \(> 100,000 OTLP requests\/minute/);
  const hpaFinding = engine.lint(uri).find((f) => f.code === 'hpa/tier');
  assert.equal(hpaFinding?.message, 'HorizontalPodAutoscaler alloy: maxReplicas 15 cannot reach the load: 600,000 OTLP requests/minute is 10,000/s; at the HPA\'s 500 otlp_requests_per_second per pod that is 20 pods.');
  const ingestion = engine.lint(uri).find((f) => f.code === 'k8s/under-provisioned' && f.message.startsWith('Deployment metricstream-ingestion'));
  assert.match(ingestion?.message ?? '', /8 replicas, below the phase-3 tier's 10 for ingestion/);
  close();
});

test('Helm values: `load agents=80` needs 4 gateway replicas (seed 004), `load logs=60000/s` the enterprise ClickHouse', () => {
  const { uri, lineOf, close } = open('load-values.yaml', 'yaml');
  const hover = engine.hover(uri, { line: lineOf('  resources:'), character: 4 });
  assert.match(hover?.markdown ?? '', /tier \*\*large\*\* \(from the load on line 1 \(80 agents\)\)/);
  assert.match(hover?.markdown ?? '', /The load needs replicas ≥ 4: 80 agents at ~20 per replica need 4; seed 004's formula adds 1 for headroom \(5\) \(004_8f602a648d2b47bd\.txt § Capacity Planning > Sizing Formula\)/);
  const replicas = engine.lint(uri).find((f) => f.code === 'k8s/under-provisioned' && f.range.start.line === lineOf('replicaCount'));
  assert.equal(replicas?.fixes?.[0].edits[0].newText, '4');
  assert.equal(replicas?.citation?.section, 'Capacity Planning > Sizing Formula');
  close();
});

test('ClickHouse: `<!-- headroom: load logs=60000/s -->` holds the server settings to the enterprise profile', () => {
  const { uri, lineOf, close } = open('load.xml', 'xml');
  const hover = engine.hover(uri, { line: lineOf('max_server_memory_usage_to_ram_ratio'), character: 6 });
  assert.match(hover?.markdown ?? '', /\| \*\*enterprise\*\* ◀ \|/);
  assert.match(hover?.markdown ?? '', /Load → tier: 60,000 log rows\/s → enterprise \(> 50,000 log rows\/s; 004_8f602a648d2b47bd\.txt § Scaling Overview > Scaling Profiles\)/);
  const tier = engine.lint(uri).find((f) => f.code === 'clickhouse/tier');
  assert.match(tier?.message ?? '', /the enterprise tier \(from the load on line 1 \(60,000 log rows\/s\)\) uses 200/);
  close();
});

test('.headroom.yaml load: picks the tier for files that name none; an explicit tier still wins', async () => {
  const { file } = parseHeadroomYaml('load:\n  alloy:\n    otlpRequestsPerMinute: 5000\n');
  const configured = await newEngine();
  configured.setConfig(mergeConfig(file, undefined));
  const text = fs.readFileSync(fixturePath('alloy', 'load.alloy'), 'utf8').split('\n').slice(3).join('\n');
  configured.open({ uri: 'file:///cfg/a.alloy', text });
  assert.equal(configured.codeLenses('file:///cfg/a.alloy')[0].title.split(' · ')[0], 'Headroom: alloy tier medium (from load.alloy in the Headroom settings (5,000 OTLP requests/minute))');
  configured.open({ uri: 'file:///cfg/b.alloy', text: `// headroom: workload=alloy tier=small\n${text}` });
  assert.match(configured.codeLenses('file:///cfg/b.alloy')[0].title, /^Headroom: alloy tier small \(from the headroom directive on line 1\)/);
});

test('a load no tier of the workload is sized by is reported on the directive, and no tier is invented', () => {
  engine.open({ uri: 'file:///load/agents.alloy', text: '// headroom: load agents=80\notelcol.processor.batch "b" {\n  output { }\n}\n' });
  const findings = engine.lint('file:///load/agents.alloy');
  assert.deepEqual(findings.filter((f) => f.code === 'headroom/directive').map((f) => f.message), ['no alloy tier is sized by agents (agents); its tiers are sized by otlp, users']);
  assert.deepEqual(engine.codeLenses('file:///load/agents.alloy'), []);
  engine.close('file:///load/agents.alloy');
});

test('nothing stated: an inlay hint estimates what the pipeline sustains, and no tier is chosen', () => {
  const text = fs.readFileSync(fixturePath('alloy', 'load.alloy'), 'utf8').split('\n').slice(3).join('\n');
  engine.open({ uri: 'file:///load/none.alloy', text });
  const hints = engine.inlayHints('file:///load/none.alloy', { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } });
  // 1000 MiB of memory in use lies between the benchmark's 600Mi (800 req/s) and 1.2Gi (1200 req/s) rows.
  assert.equal(hints[0].label, '≈ 63,240 OTLP requests/minute per pod');
  assert.match(hints[0].tooltip ?? '', /seed 000's OTLP benchmark measured 1,054 req\/s at that memory in use/);
  assert.deepEqual(engine.lint('file:///load/none.alloy').filter((f) => f.code === 'alloy/batch-tier'), []);
  engine.close('file:///load/none.alloy');
});

test('CLI: the four load fixtures give exactly the findings their expect comments name', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-load-'));
  for (const { file } of FIXTURES) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  const result = await runCli(['check', '--format', 'json', '.'], dir);
  const report = JSON.parse(result.stdout) as { findings: { file: string; line: number; code: string; message: string }[] };
  for (const { file } of FIXTURES) {
    const name = path.basename(file);
    const actual = report.findings.filter((f) => f.file === name).map((f) => `${f.line} ${f.code}`).sort();
    assert.deepEqual(actual, expectedFindings(fs.readFileSync(file, 'utf8')), name);
  }
  const gateway = report.findings.find((f) => f.file === 'load-values.yaml' && f.line === 4);
  assert.match(gateway?.message ?? '', /below what the load needs, 4: .* \[004_8f602a648d2b47bd\.txt § Capacity Planning > Sizing Formula\]$/);
});
