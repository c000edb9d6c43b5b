import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alloyService } from '../../../server/src/core/alloy/service';
import { buildPipelineGraph, relatedFiles, roleOf, type PipelineGraph } from '../../../server/src/core/alloy/pipeline-graph';
import type { AlloyParsed } from '../../../server/src/core/alloy/parser';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { defaultConfig } from '../../../server/src/core/config';
import type { HeadroomEngine } from '../../../server/src/core/engine';
import { newEngine } from '../../helpers/alloy';
import { readFixture } from '../../helpers/paths';

async function graphOf(files: { name: string; text: string }[], extra: { uri: string; text: string }[] = []): Promise<{ graph: PipelineGraph; engine: HeadroomEngine }> {
  const engine = await newEngine();
  for (const doc of extra) engine.open(doc);
  const inputs = files.map(({ name, text }) => {
    const uri = `file:///work/${name}`;
    engine.open({ uri, text });
    return { uri, parsed: alloyService.parse({ uri, text }) as AlloyParsed, findings: engine.lint(uri) };
  });
  try {
    return { graph: buildPipelineGraph(inputs, engine.context()), engine };
  } finally {
    for (const input of inputs) input.parsed.dispose();
  }
}

const graphFixture = () => graphOf([{ name: 'graph.alloy', text: readFixture('pipeline', 'graph.alloy') }]);
const edge = (g: PipelineGraph, from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to);

test('edges follow the data: output lists and forward_to point at consumers, targets come from discovery', async () => {
  const { graph } = await graphFixture();
  const data = graph.edges.filter((e) => e.kind === 'data').map((e) => `${e.from} -> ${e.to}${e.signal ? ` (${e.signal})` : ''}`).sort();
  assert.deepEqual(data, [
    'discovery.kubernetes.pods -> discovery.relabel.pods',
    'discovery.relabel.pods -> prometheus.scrape.pods',
    'otelcol.exporter.prometheus.default -> prometheus.remote_write.mimir',
    'otelcol.processor.batch.default -> otelcol.exporter.otlp.tempo (traces)',
    'otelcol.processor.batch.default -> otelcol.exporter.prometheus.default (metrics)',
    'otelcol.processor.memory_limiter.default -> otelcol.processor.batch.default (metrics)',
    'otelcol.processor.memory_limiter.default -> otelcol.processor.batch.default (traces)',
    'otelcol.receiver.otlp.default -> otelcol.processor.memory_limiter.default (metrics)',
    'otelcol.receiver.otlp.default -> otelcol.processor.memory_limiter.default (traces)',
    'prometheus.scrape.pods -> prometheus.remote_write.mimir',
  ]);
  // The auth handler configures the exporter: a config edge, from the handler to its user.
  assert.deepEqual(graph.edges.filter((e) => e.kind === 'config').map((e) => `${e.from} -> ${e.to} via ${e.via}`), ['otelcol.auth.basic.tempo -> otelcol.exporter.otlp.tempo via handler']);
  // Each edge points at the reference that makes it (line 16: forward_to of the scrape).
  assert.deepEqual(edge(graph, 'prometheus.scrape.pods', 'prometheus.remote_write.mimir')!.range, { start: { line: 15, character: 21 }, end: { line: 15, character: 50 } });
});

test('unwired components stand out, with the reason; wired ones do not', async () => {
  const { graph } = await graphFixture();
  const unwired = Object.fromEntries(graph.nodes.filter((n) => n.unwired).map((n) => [n.id, n.unwired]));
  assert.deepEqual(unwired, {
    'otelcol.processor.batch.forgotten': 'not connected to any other component',
    'otelcol.exporter.otlp.orphan': 'not connected to any other component',
  });
  const dead = await graphOf([{ name: 'dead.alloy', text: 'otelcol.receiver.otlp "in" {\n  grpc { }\n  output { }\n}\n\notelcol.processor.batch "b" {\n  output {\n    traces = [otelcol.exporter.otlp.out.input]\n  }\n}\n\notelcol.exporter.otlp "out" {\n  client {\n    endpoint = "x:4317"\n  }\n}\n' }]);
  const reasons = Object.fromEntries(dead.graph.nodes.map((n) => [n.id, n.unwired ?? '']));
  assert.deepEqual(reasons, {
    'otelcol.receiver.otlp.in': 'not connected to any other component',
    'otelcol.processor.batch.b': 'no component sends data to it',
    'otelcol.exporter.otlp.out': '',
  });
  // A custom component's export named anything, listed in forward_to, is where the data goes.
  const module = await graphOf([{ name: 'module-export.alloy', text: 'import.git "cloud" {\n  repository = "https://example.com/modules.git"\n  path       = "stack.alloy"\n}\n\ncloud.stack "receivers" { }\n\nprometheus.scrape "app" {\n  targets    = []\n  forward_to = [cloud.stack.receivers.metrics]\n}\n' }]);
  assert.deepEqual(module.graph.edges.map((e) => `${e.from} -> ${e.to} ${e.kind} via ${e.via}`), ['prometheus.scrape.app -> cloud.stack.receivers data via metrics']);
  assert.ok(module.graph.nodes.every((n) => !n.unwired));
  const sink = await graphOf([{ name: 'sink.alloy', text: 'prometheus.scrape "s" {\n  targets    = discovery.kubernetes.k.targets\n  forward_to = []\n}\n\ndiscovery.kubernetes "k" {\n  role = "pod"\n}\n' }]);
  assert.equal(sink.graph.nodes.find((n) => n.id === 'prometheus.scrape.s')!.unwired, 'its forward_to sends to no component');
});

test('nodes carry their role, block header range and the worst finding inside the block', async () => {
  const { graph, engine } = await graphFixture();
  const batch = graph.nodes.find((n) => n.id === 'otelcol.processor.batch.default')!;
  assert.equal(batch.role, 'processor');
  assert.deepEqual(batch.range, { start: { line: 42, character: 0 }, end: { line: 42, character: 33 } });
  // send_batch_max_size 4096 below send_batch_size 8192: Alloy refuses to start.
  assert.equal(batch.worst, 'error');
  assert.ok(batch.findings.error >= 1);
  assert.match(batch.messages[0], /^error: .*send_batch_max_size/);
  // Findings outside every block colour nothing; a clean block has no worst.
  const scrape = graph.nodes.find((n) => n.id === 'prometheus.scrape.pods')!;
  assert.equal(scrape.worst, undefined);
  assert.deepEqual(scrape.findings, { error: 0, warning: 0, info: 0, hint: 0 });
  // The counts are the engine's findings inside the block.
  const inBatch = engine.lint('file:///work/graph.alloy').filter((f) => f.range.start.line >= 42 && f.range.start.line <= 49);
  assert.equal(batch.findings.error + batch.findings.warning + batch.findings.info + batch.findings.hint, inBatch.length);
  assert.deepEqual(
    graph.nodes.map((n) => [n.id, n.role]).filter(([id]) => !id.includes('forgotten') && !id.includes('orphan')),
    [
      ['discovery.kubernetes.pods', 'discovery'], ['discovery.relabel.pods', 'relabel'], ['prometheus.scrape.pods', 'scrape'],
      ['prometheus.remote_write.mimir', 'write'], ['otelcol.receiver.otlp.default', 'receiver'], ['otelcol.processor.memory_limiter.default', 'processor'],
      ['otelcol.processor.batch.default', 'processor'], ['otelcol.exporter.prometheus.default', 'exporter'], ['otelcol.auth.basic.tempo', 'config'],
      ['otelcol.exporter.otlp.tempo', 'exporter'],
    ]);
  assert.equal(roleOf('my_module', new Set(['my_module'])), 'module');
  assert.equal(roleOf('mimir.rules.kubernetes', new Set()), 'other');
});

test('capacity figures: as written or Alloy\'s default, with the tier\'s value and its source', async () => {
  const { graph } = await graphFixture();
  const medium = defaultCatalog.get('alloy', 'medium')!;
  assert.deepEqual(graph.tier, { workload: 'alloy', tier: 'medium', how: 'the headroom directive on line 1' });
  const batch = graph.nodes.find((n) => n.id === 'otelcol.processor.batch.default')!;
  const size = batch.figures.find((f) => f.name === 'send_batch_size')!;
  assert.equal(size.value, '8192');
  assert.equal(size.isDefault, undefined);
  if (medium.batch?.sendBatchSize !== undefined) {
    assert.equal(size.recommended?.value, String(medium.batch.sendBatchSize));
    assert.match(size.recommended!.source, /^\S+\.txt § /);
  }
  const timeout = batch.figures.find((f) => f.name === 'timeout')!;
  assert.deepEqual([timeout.value, timeout.isDefault], ['"200ms"', true]);
  const limiter = graph.nodes.find((n) => n.id === 'otelcol.processor.memory_limiter.default')!;
  const limit = limiter.figures.find((f) => f.name === 'limit')!;
  assert.equal(limit.value, '"1500MiB"');
  // No Alloy pod in the workspace: the tier's memory limit is the pod's.
  assert.ok(graph.podMemory, 'the medium tier gives the pod memory');
  assert.ok(limit.note!.startsWith(`${Math.round((1500 * 2 ** 20 / graph.podMemory!.bytes) * 100)}% of `), limit.note);
  assert.ok(limit.note!.endsWith(`, ${graph.podMemory!.from}`), limit.note);
  const scrape = graph.nodes.find((n) => n.id === 'prometheus.scrape.pods')!;
  assert.deepEqual(scrape.figures.map((f) => [f.name, f.value, f.isDefault ?? false]), [['scrape_interval', '"30s"', false], ['scrape_timeout', '"10s"', true]]);
  const queue = graph.nodes.find((n) => n.id === 'prometheus.remote_write.mimir')!;
  assert.deepEqual(queue.figures.map((f) => f.name), ['endpoint.queue_config.capacity', 'endpoint.queue_config.max_shards']);
});

test('capacity figures show the defaults of the chosen alloyVersion (batch 8192/0 before 1.11, 2000/3000 since)', async () => {
  const text = 'otelcol.processor.batch "b" {\n  output { }\n}\n';
  const figures = async (alloyVersion?: string) => {
    const engine = await newEngine();
    engine.setConfig({ ...defaultConfig(), alloyVersion });
    const uri = 'file:///work/defaults.alloy';
    engine.open({ uri, text });
    const parsed = alloyService.parse({ uri, text }) as AlloyParsed;
    try {
      const node = buildPipelineGraph([{ uri, parsed, findings: engine.lint(uri) }], engine.context()).nodes[0];
      return node.figures.map((f) => [f.name, f.value, f.isDefault]);
    } finally {
      parsed.dispose();
    }
  };
  assert.deepEqual(await figures('1.10'), [['send_batch_size', '8192', true], ['send_batch_max_size', '0', true], ['timeout', '"200ms"', true]]);
  assert.deepEqual(await figures(undefined), [['send_batch_size', '2000', true], ['send_batch_max_size', '3000', true], ['timeout', '"200ms"', true]]);
});

test('the memory limiter is compared with the memory limit of the Alloy pod in the workspace', async () => {
  const pod = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: alloy\nspec:\n  template:\n    spec:\n      containers:\n        - name: alloy\n          image: grafana/alloy:v1.18.0\n          resources:\n            limits:\n              memory: 2Gi\n';
  const { graph } = await graphOf([{ name: 'graph.alloy', text: readFixture('pipeline', 'graph.alloy') }], [{ uri: 'file:///work/alloy.yaml', text: pod }]);
  assert.equal(graph.podMemory?.bytes, 2 * 2 ** 30);
  const limit = graph.nodes.find((n) => n.id === 'otelcol.processor.memory_limiter.default')!.figures.find((f) => f.name === 'limit')!;
  assert.match(limit.note!, /^73% of 2Gi, the memory limit of Deployment alloy/);
});

test('a folder config: the sibling file declaring what the file references joins the graph', async () => {
  const { graph } = await graphOf([
    { name: 'folder-main.alloy', text: readFixture('pipeline', 'folder-main.alloy') },
    { name: 'folder-sibling.alloy', text: readFixture('pipeline', 'folder-sibling.alloy') },
  ]);
  assert.deepEqual(graph.files, ['file:///work/folder-main.alloy', 'file:///work/folder-sibling.alloy']);
  assert.deepEqual(graph.edges.map((e) => `${e.from} -> ${e.to} @${e.uri.slice(e.uri.lastIndexOf('/') + 1)}`), [
    'otelcol.receiver.otlp.default -> otelcol.exporter.loki.default @folder-main.alloy',
    'otelcol.exporter.loki.default -> loki.write.default @folder-sibling.alloy',
  ]);
  assert.deepEqual(graph.nodes.map((n) => [n.id, n.uri.slice(n.uri.lastIndexOf('/') + 1)]), [
    ['otelcol.receiver.otlp.default', 'folder-main.alloy'], ['otelcol.exporter.loki.default', 'folder-sibling.alloy'], ['loki.write.default', 'folder-sibling.alloy'],
  ]);
  assert.ok(graph.nodes.every((n) => !n.unwired));
});

test('custom components: their inner components are grouped under the declare; syntax errors are noted', async () => {
  const text = 'declare "tail" {\n  argument "to" { }\n  loki.source.file "f" {\n    targets    = []\n    forward_to = argument.to.value\n  }\n}\n\ntail "app" {\n  to = [loki.write.default.receiver]\n}\n\nloki.write "default" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n\nbroken {\n';
  const { graph } = await graphOf([{ name: 'module.alloy', text }]);
  const source = graph.nodes.find((n) => n.id === 'tail/loki.source.file.f')!;
  assert.equal(source.group, 'tail');
  // It forwards to the module's argument: wired to whatever the instance is given, not unwired.
  assert.equal(source.unwired, undefined);
  assert.equal(graph.nodes.find((n) => n.id === 'tail.app')!.role, 'module');
  assert.ok(edge(graph, 'tail.app', 'loki.write.default'));
  assert.deepEqual(graph.notes, ['module.alloy has syntax errors; components after them may be missing.']);
});

test('an imported module: its custom components are drawn as groups named as their instances; each module is its own scope', async () => {
  const lib = 'declare "relabel" {\n  argument "forward_to" { }\n  loki.relabel "default" {\n    forward_to = argument.forward_to.value\n  }\n  loki.process "unused" {\n    forward_to = []\n  }\n  export "receiver" {\n    value = loki.relabel.default.receiver\n  }\n}\n\ndeclare "other" {\n  loki.relabel "default" {\n    forward_to = []\n  }\n}\n';
  const app = 'import.file "lib" {\n  filename = "lib.alloy"\n}\n\nlib.relabel "app" {\n  forward_to = [loki.write.default.receiver]\n}\n\nloki.write "default" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n';
  const engine = await newEngine();
  const parse = (uri: string, text: string) => alloyService.parse({ uri, text }) as AlloyParsed;
  const files = [
    { uri: 'file:///work/app.alloy', parsed: parse('file:///work/app.alloy', app), findings: [] },
    { uri: 'file:///work/lib.alloy', parsed: parse('file:///work/lib.alloy', lib), findings: [], namespace: 'lib' },
  ];
  try {
    const graph = buildPipelineGraph(files, engine.context());
    assert.deepEqual(graph.nodes.map((n) => [n.id, n.group ?? '', n.role, n.unwired ?? '']), [
      ['lib.relabel.app', '', 'module', ''],
      ['loki.write.default', '', 'write', ''],
      // Exposed by the module's export, reading its argument: wired at the module's boundary.
      ['lib.relabel/loki.relabel.default', 'lib.relabel', 'relabel', ''],
      ['lib.relabel/loki.process.unused', 'lib.relabel', 'processor', 'not connected to any other component'],
      // The same name in another module is another component.
      ['lib.other/loki.relabel.default', 'lib.other', 'relabel', 'not connected to any other component'],
    ]);
    assert.deepEqual(graph.edges.map((e) => `${e.from} -> ${e.to}`), ['lib.relabel.app -> loki.write.default']);
  } finally {
    for (const f of files) f.parsed.dispose();
  }
});

test('related files of a folder: those declaring what the file references, or referencing what it declares', async () => {
  await newEngine();
  const parse = (name: string, text: string) => alloyService.parse({ uri: `file:///work/${name}`, text }) as AlloyParsed;
  const main = parse('folder-main.alloy', readFixture('pipeline', 'folder-main.alloy'));
  const sibling = parse('folder-sibling.alloy', readFixture('pipeline', 'folder-sibling.alloy'));
  const unrelated = parse('other.alloy', 'prometheus.exporter.unix "node" { }\n');
  const user = parse('user.alloy', 'otelcol.receiver.otlp "second" {\n  grpc { }\n  output {\n    logs = [otelcol.exporter.loki.default.input]\n  }\n}\n');
  try {
    assert.deepEqual(relatedFiles(main, [sibling, unrelated]).map((p) => p.doc.uri), ['file:///work/folder-sibling.alloy']);
    // From the exporter's side: the file that sends to it belongs in its picture.
    assert.deepEqual(relatedFiles(sibling, [main, unrelated, user]).map((p) => p.doc.uri), ['file:///work/folder-main.alloy', 'file:///work/user.alloy']);
    assert.deepEqual(relatedFiles(unrelated, [main, sibling]), []);
  } finally {
    for (const p of [main, sibling, unrelated, user]) p.dispose();
  }
});
