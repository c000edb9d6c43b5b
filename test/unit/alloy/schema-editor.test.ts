import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine } from '../../helpers/alloy';
import { defaultConfig } from '../../../server/src/core/config';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// Completion and hover from the generated schema, on every component: names of the chosen release,
// arguments and blocks, allowed values, references filtered by the type the argument takes.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const text = [
  'discovery.kubernetes "pods" {',
  '  role = "pod"',
  '  ',
  '}',
  '',
  'prometheus.scrape "pods" {',
  '  targets    = discovery.kubernetes.pods.targets',
  '  forward_to = []',
  '}',
  '',
  'prometheus.remote_write "default" {',
  '  endpoint {',
  '    url = "http://mimir/api/v1/push"',
  '    queue_config { }',
  '  }',
  '}',
  '',
  'otelcol.exporter.otlp "default" {',
  '  client {',
  '    endpoint = "tempo:4317"',
  '  }',
  '}',
  '',
  'logging {',
  '  level = ',
  '}',
  '',
  'prometheus.write.queue "q" { }',
  '',
  'declare "job" {',
  '  argument "targets" {',
  '    comment = "What to scrape."',
  '  }',
  '  prometheus.scrape "s" {',
  '    targets    = argument.targets.value',
  '    forward_to = []',
  '  }',
  '}',
  '',
].join('\n');
const uri = 'file:///editor/schema.alloy';

test('completion at the top level: the release\'s components, custom components and config blocks', () => {
  engine.open({ uri, text });
  const labels = engine.completion(uri, { line: 4, character: 0 }).map((i) => i.label);
  assert.ok(labels.includes('discovery.kubernetes') && labels.includes('otelcol.processor.tail_sampling') && labels.includes('beyla.ebpf'));
  assert.ok(labels.includes('logging') && labels.includes('import.file') && labels.includes('job'));
  assert.ok(!labels.includes('otelcol.exporter.logging'), 'removed in 1.5');
  assert.ok(labels.length > 190);
});

test('completion in any component: its arguments and blocks not yet written', () => {
  engine.open({ uri, text });
  const items = engine.completion(uri, { line: 2, character: 2 });
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('selectors') && labels.includes('namespaces') && labels.includes('api_server'));
  assert.ok(!labels.includes('role'), 'already set');
  assert.match(items.find((i) => i.label === 'selectors')!.detail!, /block, may repeat/);
  const queue = engine.completion(uri, { line: 13, character: 18 }).map((i) => i.label);
  assert.ok(queue.includes('max_shards') && queue.includes('capacity'));
});

test('completion of values: allowed values, and references of the type the argument takes', () => {
  engine.open({ uri, text });
  const levels = engine.completion(uri, { line: 24, character: 10 }).map((i) => i.label);
  assert.deepEqual(levels.filter((l) => l.startsWith('"')), ['""', '"debug"', '"info"', '"warn"', '"error"']);
  // Inside `forward_to = [|]`, as the editor's bracket auto-closing leaves it.
  const receivers = engine.completion(uri, { line: 7, character: 16 }).map((i) => i.label);
  assert.ok(receivers.includes('prometheus.remote_write.default.receiver'));
  assert.ok(!receivers.includes('otelcol.exporter.otlp.default.input'), 'an otelcol.Consumer is not a MetricsReceiver');
});

test('completion follows alloyVersion', async () => {
  const old = await newEngine();
  old.setConfig({ ...defaultConfig(), alloyVersion: '1.13' });
  old.open({ uri, text });
  const top = old.completion(uri, { line: 4, character: 0 }).map((i) => i.label);
  assert.ok(!top.includes('discovery.aws'), 'added in 1.18');
  const scrape = old.completion(uri, { line: 8, character: 0 });
  assert.equal(scrape.some((i) => i.label === 'enable_type_and_unit_labels'), false);
  const newest = engine.completion(uri, { line: 8, character: 0 });
  assert.equal(newest.some((i) => i.label === 'enable_type_and_unit_labels'), true);
});

test('hover on an argument of any component: type, default, allowed values, link to its page', () => {
  engine.open({ uri, text });
  const role = engine.hover(uri, { line: 1, character: 3 })!.markdown;
  assert.match(role, /\*\*role\*\* — `string`, required/);
  assert.match(role, /\[discovery\.kubernetes reference\]\(https:\/\/grafana\.com\/docs\/alloy\/latest\/reference\/components\/discovery\/discovery\.kubernetes\/\)/);
  const url = engine.hover(uri, { line: 12, character: 5 })!.markdown;
  assert.match(url, /\*\*url\*\* — `string`, required/);
  assert.match(url, /prometheus\.remote_write\/#endpoint\)/);
});

test('hover on a nested block, a component header, a reference and an argument of a declare', () => {
  engine.open({ uri, text });
  const queue = engine.hover(uri, { line: 13, character: 6 })!.markdown;
  assert.match(queue, /\*\*queue_config\*\* block of prometheus\.remote_write > endpoint — optional/);
  assert.match(queue, /`max_shards`/);
  const header = engine.hover(uri, { line: 27, character: 5 })!.markdown;
  assert.match(header, /Experimental: Alloy runs it only with `--stability\.level=experimental`/);
  assert.match(header, /Exports: `receiver` \(MetricsReceiver\)/);
  const reference = engine.hover(uri, { line: 6, character: 40 })!.markdown;
  assert.match(reference, /Export `targets`: `list\(map\(string\)\)`/);
  const argument = engine.hover(uri, { line: 34, character: 22 })!.markdown;
  assert.match(argument, /\*\*argument "targets"\*\* of declare "job" — required\n\nWhat to scrape\./);
  const [definition] = engine.definition(uri, { line: 34, character: 22 });
  assert.equal(definition.range.start.line, 30);
});
