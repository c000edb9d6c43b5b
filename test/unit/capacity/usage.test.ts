import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIGURE_REGISTRY, type Figure } from '../../../server/src/core/capacity/figures';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import type { TierCatalog, TierRecommendation } from '../../../server/src/core/capacity/catalog-types';
import { LOAD_METRICS } from '../../../server/src/core/capacity/load';
import { HeadroomEngine } from '../../../server/src/core/engine';
import { ALL_FORMATS } from '../../../server/src/core/formats';
import type { Position } from '../../../server/src/core/types';
import '../../../server/src/core/capacity/formulas';

// Every figure of the sizing model reaches a user-visible feature: the features (lint, hover, inlay
// hints, code lenses, completion) run over a generated workspace that names every tier of every
// workload and states every load metric, with every read of a figure recorded — through its value,
// printed token or source, or through the field of a catalog tier that holds it.

const used = new Set<Figure>();
let recording = false;
for (const figure of FIGURE_REGISTRY) {
  for (const field of ['value', 'printed', 'source'] as const) {
    let stored = figure[field];
    Object.defineProperty(figure, field, {
      enumerable: true,
      get() { if (recording) used.add(figure); return stored; },
      set(v) { stored = v; },
    });
  }
}

const isFigure = (v: unknown): v is Figure => typeof v === 'object' && v !== null && 'printed' in v && 'unit' in v;

/** A catalog whose tiers record the field paths read, mapped to the tier's figure for that path. */
function recordingCatalog(base: TierCatalog): TierCatalog {
  const wrapped = new WeakMap<object, object>();
  const wrap = <T extends object>(tier: T, root: TierRecommendation, path: string): T => {
    if (isFigure(tier)) return tier;
    const cached = wrapped.get(tier);
    if (cached && path === '') return cached as T;
    const proxy = new Proxy(tier, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return value;
        const at = path ? `${path}.${key}` : key;
        if (recording && typeof value === 'number') {
          const figure = root.figures?.[at] ?? root.figures?.[at.replace(/\.value$/, '')];
          if (figure) used.add(figure);
        }
        return typeof value === 'object' && value !== null && key !== 'figures' ? wrap(value, root, at) : value;
      },
    });
    if (path === '') wrapped.set(tier, proxy);
    return proxy;
  };
  return {
    workloads: () => base.workloads(),
    tiers: (w) => base.tiers(w).map((t) => wrap(t, t, '')),
    get: (w, t) => { const tier = base.get(w, t); return tier && wrap(tier, tier, ''); },
  };
}

const MANIFEST = (workload: string, directive: string) => [
  `# headroom: ${directive}`,
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  `  name: ${workload}`,
  'spec:',
  '  replicas: 1',
  '  template:',
  '    spec:',
  '      containers:',
  `        - name: ${workload}`,
  '          image: example/app:1',
  '          resources:',
  '            requests:',
  '              cpu: 1m',
  '              memory: 1Mi',
  '            limits:',
  '              cpu: 2m',
  '              memory: 2Mi',
  '---',
  `# headroom: ${directive}`,
  'apiVersion: autoscaling/v2',
  'kind: HorizontalPodAutoscaler',
  'metadata:',
  `  name: ${workload}`,
  'spec:',
  '  scaleTargetRef:',
  '    apiVersion: apps/v1',
  '    kind: Deployment',
  `    name: ${workload}`,
  '  minReplicas: 1',
  '  maxReplicas: 1',
  '  metrics:',
  '  - type: Resource',
  '    resource:',
  '      name: cpu',
  '      target:',
  '        type: Utilization',
  '        averageUtilization: 1',
  '  - type: Resource',
  '    resource:',
  '      name: memory',
  '      target:',
  '        type: Utilization',
  '        averageUtilization: 1',
  '',
].join('\n');

const ALLOY = (directive: string) => [
  `// headroom: ${directive}`,
  'otelcol.receiver.otlp "in" {',
  '  grpc {',
  '    max_recv_msg_size = "1KiB"',
  '    max_concurrent_streams = 1',
  '    read_buffer_size = "1KiB"',
  '    write_buffer_size = "1KiB"',
  '  }',
  '  http {',
  '    max_request_body_size = "1KiB"',
  '    read_timeout = "1s"',
  '    write_timeout = "1s"',
  '  }',
  '  output {',
  '    traces = [otelcol.processor.memory_limiter.m.input]',
  '  }',
  '}',
  'otelcol.processor.memory_limiter "m" {',
  '  check_interval = "0s"',
  '  limit = "100GiB"',
  '  spike_limit = "1MiB"',
  '  output {',
  '    traces = [otelcol.processor.batch.b.input]',
  '  }',
  '}',
  'otelcol.processor.batch "b" {',
  '  timeout = "0s"',
  '  output {',
  '    traces = [otelcol.exporter.otlp.out.input]',
  '  }',
  '}',
  'otelcol.processor.memory_limiter "empty" {',
  '  output { }',
  '}',
  'otelcol.exporter.otlp "out" {',
  '  client {',
  '    endpoint = "x:4317"',
  '  }',
  '}',
  '',
].join('\n');

const CLICKHOUSE = (directive: string) => [
  `<!-- headroom: ${directive} -->`,
  '<clickhouse>',
  '  <max_server_memory_usage>99999999999999</max_server_memory_usage>',
  '  <max_server_memory_usage_to_ram_ratio>0.5</max_server_memory_usage_to_ram_ratio>',
  '  <max_concurrent_queries>1</max_concurrent_queries>',
  '  <max_connections>1</max_connections>',
  '  <background_pool_size>1</background_pool_size>',
  '  <background_schedule_pool_size>1</background_schedule_pool_size>',
  '  <async_insert_threads>1</async_insert_threads>',
  '  <max_memory_usage>99999999999999</max_memory_usage>',
  '</clickhouse>',
  '',
].join('\n');

/** Every position of a document, line by line at a few columns: hovers and completions everywhere. */
function positions(text: string): Position[] {
  return text.split('\n').flatMap((line, i) => [0, 2, 4, 6, 8, 12, 14].filter((c) => c <= line.length).map((character) => ({ line: i, character })));
}

test('every figure of the sizing model is read by a user-visible feature', async () => {
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: recordingCatalog(defaultCatalog) });
  await engine.init();
  const docs: { uri: string; text: string; languageId?: string }[] = [];
  for (const workload of defaultCatalog.workloads()) {
    for (const tier of defaultCatalog.tiers(workload)) {
      docs.push({ uri: `file:///ws/${workload}-${tier.tier}.yaml`, text: MANIFEST(workload, `workload=${workload} tier=${tier.tier}`), languageId: 'yaml' });
      for (const band of tier.load ?? []) {
        for (const bound of [band.min, band.max]) {
          if (!bound) continue;
          for (const value of [bound.figure.value / 2, bound.figure.value, bound.figure.value * 1.5, bound.figure.value * 3 + 1]) {
            const directive = `workload=${workload} load ${LOAD_METRICS[band.metric].short}=${value}`;
            docs.push({ uri: `file:///ws/${workload}-${band.metric}-${value}.yaml`, text: MANIFEST(workload, directive), languageId: 'yaml' });
            if (workload === 'alloy') docs.push({ uri: `file:///ws/alloy-${value}.alloy`, text: ALLOY(`load ${LOAD_METRICS[band.metric].short}=${value}`) });
            if (workload === 'clickhouse') docs.push({ uri: `file:///ws/ch-${band.metric}-${value}.xml`, text: CLICKHOUSE(`load ${LOAD_METRICS[band.metric].short}=${value}`), languageId: 'xml' });
          }
        }
      }
      if (workload === 'alloy') docs.push({ uri: `file:///ws/alloy-${tier.tier}.alloy`, text: ALLOY(`workload=alloy tier=${tier.tier}`) });
      if (workload === 'clickhouse') docs.push({ uri: `file:///ws/ch-${tier.tier}.xml`, text: CLICKHOUSE(`workload=clickhouse tier=${tier.tier}`), languageId: 'xml' });
    }
    // Nothing stated: the estimates of what the spec sustains.
    for (const memory of ['256Mi', '1Gi', '3Gi', '8Gi', '16Gi', '64Gi']) {
      docs.push({ uri: `file:///ws/${workload}-untiered-${memory}.yaml`, text: MANIFEST(workload, `workload=${workload}`).replace(/memory: [12]Mi/g, `memory: ${memory}`).replace('replicas: 1', 'replicas: 4'), languageId: 'yaml' });
    }
  }
  docs.push({ uri: 'file:///ws/untiered.alloy', text: ALLOY('nothing').replace('"100GiB"', '"1000MiB"') });
  const all = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
  recording = true;
  for (const doc of docs) {
    engine.open(doc);
    engine.lint(doc.uri);
    engine.inlayHints(doc.uri, all);
    engine.codeLenses(doc.uri);
    for (const position of positions(doc.text)) {
      engine.hover(doc.uri, position);
      engine.completion(doc.uri, position);
    }
    engine.close(doc.uri);
  }
  // The ClickHouse estimates with the pod in the workspace, every profile's memory.
  for (const memory of ['1Gi', '2Gi', '4Gi', '8Gi', '16Gi']) {
    engine.open({ uri: 'file:///pod/values.yaml', languageId: 'yaml', text: `clickhouse:\n  resources:\n    limits:\n      memory: ${memory}\n` });
    engine.open({ uri: 'file:///pod/config.xml', languageId: 'xml', text: CLICKHOUSE('workload=clickhouse') });
    engine.inlayHints('file:///pod/config.xml', all);
    engine.close('file:///pod/config.xml');
    engine.close('file:///pod/values.yaml');
  }
  recording = false;
  const unused = FIGURE_REGISTRY.filter((f) => !used.has(f));
  assert.deepEqual(unused.map((f) => `${f.source.document.slice(0, 3)} [${f.source.section}] "${f.key}" ${f.printed}`), []);
});
