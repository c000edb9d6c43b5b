import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeadroomEngine } from '../../../server/src/core/engine';
import { ALL_FORMATS } from '../../../server/src/core/formats';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { defaultConfig } from '../../../server/src/core/config';
import type { FormatService } from '../../../server/src/core/service';

// Each file version is parsed once: configuration changes, lints, facts, re-indexing an unchanged
// file and indexing a file just closed with the same text reuse what is known.

function counting(): { engine: HeadroomEngine; parses: Map<string, number> } {
  const parses = new Map<string, number>();
  const services = ALL_FORMATS.map((service): FormatService => ({
    ...service,
    parse: (doc, previous) => {
      parses.set(doc.uri, (parses.get(doc.uri) ?? 0) + 1);
      return service.parse(doc, previous);
    },
  }));
  return { engine: new HeadroomEngine({ services, catalog: defaultCatalog, log: (m) => assert.fail(m) }), parses };
}

const MANIFEST = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: alloy\nspec:\n  template:\n    spec:\n      containers:\n        - name: alloy\n          image: grafana/alloy\n          resources:\n            requests: { cpu: "1", memory: 2Gi }\n            limits: { memory: 2Gi }\n';
const VALUES = 'replicaCount: 2\nresources:\n  requests:\n    cpu: 1\n    memory: 1Gi\n';
const LIMITER = 'otelcol.processor.memory_limiter "default" {\n  check_interval = "1s"\n  limit = "1900MiB"\n  output { }\n}\n';

test('a configuration change recomputes facts and findings without parsing again', async () => {
  const { engine, parses } = counting();
  await engine.init();
  engine.open({ uri: 'file:///w/deploy.yaml', text: MANIFEST, languageId: 'yaml' });
  engine.open({ uri: 'file:///w/values.yaml', text: VALUES, languageId: 'yaml' });
  const before = engine.lint('file:///w/deploy.yaml');
  engine.setConfig({ ...defaultConfig(), tiers: { alloy: 'large' } });
  const after = engine.lint('file:///w/deploy.yaml');
  engine.symbols('file:///w/values.yaml');
  engine.hover('file:///w/values.yaml', { line: 1, character: 2 });
  assert.deepEqual(Object.fromEntries(parses), { 'file:///w/deploy.yaml': 1, 'file:///w/values.yaml': 1 });
  assert.deepEqual(before, []);
  assert.deepEqual(after.map((f) => f.code), ['k8s/under-provisioned', 'k8s/under-provisioned'], 'the tier from the new configuration is applied');
  // Only the size limit changes what is parsed: over it, nothing is; back under it, parsed once more.
  engine.setConfig({ ...defaultConfig(), maxFileBytes: 10 });
  assert.equal(engine.lint('file:///w/deploy.yaml')[0].code, 'headroom/file-too-large');
  engine.setConfig(defaultConfig());
  assert.equal(parses.get('file:///w/deploy.yaml'), 2);
});

test('indexing an unchanged file, or a file just closed with the same text, parses nothing', async () => {
  const { engine, parses } = counting();
  await engine.init();
  const pod = 'file:///w/alloy.yaml';
  assert.equal(engine.index({ uri: pod, text: MANIFEST }), true);
  assert.equal(engine.index({ uri: pod, text: MANIFEST }), false);
  assert.equal(parses.get(pod), 1);
  // Opened, edited, saved and closed: the disk text is the closed document's, whose facts are reused.
  const edited = MANIFEST.replace(/2Gi/g, '4Gi');
  engine.open({ uri: pod, text: edited });
  engine.close(pod);
  assert.equal(engine.index({ uri: pod, text: edited }), true);
  assert.equal(parses.get(pod), 2);
  assert.equal(engine.get(pod)?.workloads[0].containers[0].limits.memory, 4 * 1024 ** 3);
  // Closed unsaved: the disk still has the older text, indexed anew.
  engine.open({ uri: pod, text: MANIFEST.replace(/2Gi/g, '8Gi') });
  engine.close(pod);
  engine.index({ uri: pod, text: MANIFEST });
  assert.equal(parses.get(pod), 4);
  assert.equal(engine.get(pod)?.workloads[0].containers[0].limits.memory, 2 * 1024 ** 3);
});

test('cross-file facts come in URI order whatever the order files were opened or indexed in', async () => {
  const orders = [['a', 'b', 'c'], ['c', 'a', 'b'], ['b', 'c', 'a']];
  const seen = [];
  for (const order of orders) {
    const { engine } = counting();
    await engine.init();
    for (const name of order) {
      const uri = `file:///w/${name}.yaml`;
      if (name === 'b') engine.index({ uri, text: MANIFEST });
      else engine.open({ uri, text: MANIFEST.replace('name: alloy', `name: ${name}`) });
    }
    seen.push(engine.all().map((facts) => facts.uri));
  }
  assert.deepEqual(seen, orders.map(() => ['file:///w/a.yaml', 'file:///w/b.yaml', 'file:///w/c.yaml']));
});

test('facts added from elsewhere (a CLI worker) feed cross-file rules like an opened file', async () => {
  const { engine: worker } = counting();
  await worker.init();
  worker.open({ uri: 'file:///w/alloy.yaml', text: MANIFEST.replace(/2Gi/g, '2000Mi') });
  const facts = worker.get('file:///w/alloy.yaml')!;

  const { engine, parses } = counting();
  await engine.init();
  engine.open({ uri: 'file:///w/config.alloy', text: LIMITER });
  assert.equal(engine.lint('file:///w/config.alloy').some((f) => f.code === 'alloy/memory-limiter-vs-container'), false);
  engine.addFacts(structuredClone(facts));
  const finding = engine.lint('file:///w/config.alloy').find((f) => f.code === 'alloy/memory-limiter-vs-container');
  assert.equal(finding?.related?.[0].uri, 'file:///w/alloy.yaml');
  assert.equal(parses.get('file:///w/alloy.yaml'), undefined);
});

test('a file closed and re-indexed with the same text keeps its workspace symbols without a parse', async () => {
  const { engine, parses } = counting();
  await engine.init();
  const uri = 'file:///w/pipeline.alloy';
  const text = 'declare "tail" {\n  argument "paths" { }\n}\nprometheus.exporter.unix "node" { }\n';
  engine.open({ uri, text });
  const open = engine.workspaceSymbols('').map((s) => s.name);
  assert.ok(open.length > 0);
  engine.close(uri);
  engine.index({ uri, text });
  assert.deepEqual(engine.workspaceSymbols('').map((s) => s.name), open);
  assert.equal(parses.get(uri), 1);
});

test('LineIndex: the same line starts for every line ending, with or without a carriage return in the text', async () => {
  const { LineIndex } = await import('../../../server/src/core/text');
  // Texts of more lines than the index's first scratch buffer (1024), each followed by shorter ones.
  const many = ['a\n'.repeat(3000), 'x\r\n'.repeat(2500) + 'y\r'];
  for (const text of ['', 'a', 'a\nb\n', many[0], '\n\n', 'a\r\nb\rc\nd', many[1], 'é😀\nx', 'x\r']) {
    const lines = new LineIndex(text);
    const expected: number[] = [0];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\r' && text[i + 1] === '\n') { expected.push(i + 2); i++; } else if (text[i] === '\n' || text[i] === '\r') expected.push(i + 1);
    }
    assert.deepEqual(expected.map((_, line) => lines.offsetAt({ line, character: 0 })), expected, JSON.stringify(text));
    assert.equal(lines.lineCount, expected.length);
  }
});
