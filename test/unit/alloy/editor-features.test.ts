import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const text = [
  '// headroom: workload=alloy tier=medium',
  'otelcol.receiver.otlp "default" {',
  '  grpc { }',
  '  output {',
  '    traces = [otelcol.processor.memory_limiter.default.input]',
  '  }',
  '}',
  '',
  'otelcol.processor.memory_limiter "default" {',
  '  check_interval = "1s"',
  '  limit          = "1600MiB"',
  '  spike_limit    = "300MiB"',
  '  output {',
  '    traces = [otelcol.processor.batch.default.input]',
  '  }',
  '}',
  '',
  'otelcol.processor.batch "default" {',
  '  timeout = "1s"',
  '  ',
  '  output {',
  '    traces = [otelcol.exporter.otlp.default.input]',
  '  }',
  '}',
  '',
  'otelcol.exporter.otlp "default" {',
  '  client {',
  '    endpoint = "tempo:4317"',
  '  }',
  '}',
  '',
].join('\n');
const uri = 'file:///features.alloy';

test('hover on an argument shows its docs, the current value and the tier table with the source', () => {
  engine.open({ uri, text });
  const hover = engine.hover(uri, { line: 10, character: 4 });
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*limit\*\* — `bytes`/);
  assert.match(hover.markdown, /Current value: \*\*1\.56 GiB\*\* · tier \*\*medium\*\* \(from the headroom directive on line 1\)/);
  assert.match(hover.markdown, /\| \*\*medium\*\* \| 2 \| 1 \| 2Gi \(limit 8Gi\) \| 1000 MiB, ≤ 6\.4 GiB ◀ this file \|/);
  assert.match(hover.markdown, /Source: 000_e875b2fa46e39bfd\.txt § Performance Tuning > Alloy Configuration Optimization > River Configuration/);
});

test('hover on a component header adds the schema description and the batch tier table', () => {
  engine.open({ uri, text });
  const hover = engine.hover(uri, { line: 17, character: 5 });
  assert.ok(hover);
  assert.match(hover.markdown, /otelcol\.processor\.batch "default"\*\* — component declared at line 18/);
  assert.match(hover.markdown, /Referenced 1 time/);
  assert.match(hover.markdown, /Batches telemetry/);
  assert.match(hover.markdown, /Current value: \*\*2000 \(default\)\*\*/);
  assert.match(hover.markdown, /\| small \| 1 \| 500m \| 1Gi \| 8192 \|/);
});

test('inlay hints estimate the batch flush and the memory limiter soft limit against the tier', () => {
  engine.open({ uri, text });
  const hints = engine.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } });
  const labels = hints.map((h) => `${h.position.line}: ${h.label}`);
  assert.deepEqual(labels, [
    '1: ≈ sized for 10,000 OTLP req/min (medium tier)',
    '8: ≈ refuses data above 1.27 GiB · 20% of 8Gi (medium tier)',
    '17: ≈ flush at 2000 items or every 1s · ≤ 3000 items/request',
  ]);
});

test('code lens names the tier and what it is sized for', () => {
  engine.open({ uri, text });
  const [lens] = engine.codeLenses(uri);
  assert.equal(lens.title, 'Headroom: alloy tier medium (from the headroom directive on line 1) · ≤ 10,000 OTLP req/min · 2 replicas · ≈ $240/month (deployment, 000_e875b2fa46e39bfd.txt)');
});

test('completion offers missing arguments with the tier recommendation, and component names at top level', () => {
  engine.open({ uri, text });
  const inside = engine.completion(uri, { line: 19, character: 2 });
  const sendBatchSize = inside.find((c) => c.label === 'send_batch_size');
  assert.ok(sendBatchSize);
  assert.equal(sendBatchSize.insertText, 'send_batch_size = ${1:8192}');
  assert.match(sendBatchSize.detail ?? '', /medium tier: 8192/);
  assert.equal(inside.some((c) => c.label === 'timeout'), false, 'already set');
  assert.equal(inside.some((c) => c.label === 'output'), false, 'already present');
  const top = engine.completion(uri, { line: 7, character: 0 });
  assert.ok(top.some((c) => c.label === 'otelcol.processor.memory_limiter'));
  assert.ok(top.length > 150);
});
