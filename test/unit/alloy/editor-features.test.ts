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
  assert.match(hover.markdown, /\| \*\*medium\*\* \| 1,000–10,000 OTLP requests\/minute \| 2 \| 1 \| 2Gi \(limit 8Gi\) \| 1000 MiB, ≤ 6\.4 GiB ◀ this file \|/);
  // A request is not a ceiling: tiers without a memory limit get the document's value alone.
  assert.match(hover.markdown, /\| small \| < 1,000 OTLP requests\/minute \| 1 \| 500m \| 1Gi \| 1000 MiB \|/);
  assert.match(hover.markdown, /Source: 000_e875b2fa46e39bfd\.txt § Performance Tuning > Alloy Configuration Optimization > River Configuration/);
  // The document's two statements of Alloy's pod memory, named with their sections and the resolution.
  assert.match(hover.markdown, /Conflict in the document \(Alloy pod memory: tier table vs Vertical Scaling\): the tier table gives 2Gi per pod.*Vertical Scaling writes 1000m \/ 2Gi as the requests and 4000m \/ 8Gi as the limits \(000_e875b2fa46e39bfd\.txt § Scaling Strategies > Vertical Scaling > Resource Limits and Requests\)\. Headroom: tier tables are read as requests/);
});

test('hover on a component header adds the schema description and the batch tier table', () => {
  engine.open({ uri, text });
  const hover = engine.hover(uri, { line: 17, character: 5 });
  assert.ok(hover);
  assert.match(hover.markdown, /otelcol\.processor\.batch "default"\*\* — component declared at line 18/);
  assert.match(hover.markdown, /Referenced 1 time/);
  assert.match(hover.markdown, /Batches telemetry/);
  assert.match(hover.markdown, /Current value: \*\*2000 \(default\)\*\*/);
  assert.match(hover.markdown, /\| small \| < 1,000 OTLP requests\/minute \| 1 \| 500m \| 1Gi \| 8192 \|/);
});

test('inlay hints estimate the batch flush and the memory limiter soft limit against the tier', () => {
  engine.open({ uri, text });
  const hints = engine.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } });
  const labels = hints.map((h) => `${h.position.line}: ${h.label}`);
  assert.deepEqual(labels, [
    '1: ≈ medium tier: 1,000–10,000 OTLP requests/minute',
    '8: ≈ refuses data above 1.27 GiB · 20% of the 8Gi limit (medium tier)',
    '17: ≈ flush at 2000 items or every 1s · ≤ 3000 items/request',
  ]);
});

test('code lens names the tier and what it is sized for', () => {
  engine.open({ uri, text });
  const [lens] = engine.codeLenses(uri);
  assert.equal(lens.title, 'Headroom: alloy tier medium (from the headroom directive on line 1) · 1,000–10,000 OTLP requests/minute · 2 replicas · ≈ $240/month (deployment, 000_e875b2fa46e39bfd.txt)');
});

test('regression: the xlarge lens says "> 100,000 OTLP requests/minute", as seed 000 does (it said "≤ 100,000 … (lower bound)")', () => {
  const xlarge = text.replace('tier=medium', 'tier=xlarge');
  engine.open({ uri: 'file:///xlarge.alloy', text: xlarge });
  const [lens] = engine.codeLenses('file:///xlarge.alloy');
  assert.equal(lens.title, 'Headroom: alloy tier xlarge (from the headroom directive on line 1) · > 100,000 OTLP requests/minute · 10 replicas · ≈ $3,850/month (deployment, 000_e875b2fa46e39bfd.txt)');
  assert.doesNotMatch(lens.title, /≤/);
  engine.close('file:///xlarge.alloy');
});

test('regression: a memory request is not a ceiling: at the small tier (1Gi request, no limit) the recommended limit "1000MiB" is not flagged', () => {
  const small = text.replace('tier=medium', 'tier=small').replace('"1600MiB"', '"1000MiB"').replace('"300MiB"', '"200MiB"');
  engine.open({ uri: 'file:///small.alloy', text: small });
  const findings = engine.lint('file:///small.alloy');
  assert.deepEqual(findings.filter((f) => f.code === 'alloy/memory-limiter-vs-container'), []);
  const hints = engine.inlayHints('file:///small.alloy', { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } });
  assert.ok(hints.some((h) => h.label === '≈ refuses data above 800 MiB'), hints.map((h) => h.label).join('\n'));
  engine.close('file:///small.alloy');
});

test('regression: memory_limiter check_interval is the sizing model\'s 5s everywhere (completion, inserted limiter, missing-argument fix), never "1s"', () => {
  const without = text.replace('  check_interval = "1s"\n', '');
  engine.open({ uri: 'file:///interval.alloy', text: without });
  const line = without.split('\n').findIndex((l) => l.includes('limit          ='));
  const item = engine.completion('file:///interval.alloy', { line, character: 0 }).find((c) => c.label === 'check_interval');
  assert.equal(item?.insertText, 'check_interval = ${1:"5s"}');
  assert.match(item?.detail ?? '', /medium tier: "5s"/);
  const missing = engine.lint('file:///interval.alloy').find((f) => f.code === 'alloy/missing-required');
  assert.equal(missing?.fixes?.[0].edits[0].newText.trim(), 'check_interval = "5s"');
  assert.match(missing?.message ?? '', /medium tier uses check_interval = "5s"/);
  assert.equal(missing?.citation?.section, 'Performance Tuning > Alloy Configuration Optimization > River Configuration');
  engine.close('file:///interval.alloy');
  // No tier: the document's value, labelled as the document's.
  const untiered = 'otelcol.receiver.otlp "in" {\n  grpc { }\n  output {\n    traces = [otelcol.exporter.otlp.out.input]\n  }\n}\n\notelcol.exporter.otlp "out" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n';
  engine.open({ uri: 'file:///insert.alloy', text: untiered });
  const fix = engine.lint('file:///insert.alloy').find((f) => f.code === 'alloy/missing-memory-limiter')?.fixes?.[0];
  const inserted = fix?.edits.map((e) => e.newText).join('') ?? '';
  assert.match(inserted, /check_interval = "5s"/);
  assert.match(inserted, /limit {10}= "1000MiB"/);
  assert.match(inserted, /spike_limit {4}= "200MiB"/);
  engine.close('file:///insert.alloy');
  engine.open({ uri: 'file:///complete.alloy', text: 'otelcol.processor.memory_limiter "x" {\n  \n}\n' });
  const offered = engine.completion('file:///complete.alloy', { line: 1, character: 2 }).find((c) => c.label === 'check_interval');
  assert.match(offered?.detail ?? '', /seed 000: "5s"/);
  // Our note states Alloy's facts (required, no default), not a value of its own.
  assert.match(String(offered?.documentation ?? ''), /Alloy has no default/);
  assert.doesNotMatch(String(offered?.documentation ?? ''), /1s|recommend/);
  engine.close('file:///complete.alloy');
  engine.open({ uri: 'file:///hover.alloy', text });
  const hoverLine = text.split('\n').findIndex((l) => l.includes('check_interval ='));
  const hover = engine.hover('file:///hover.alloy', { line: hoverLine, character: 4 })?.markdown ?? '';
  assert.match(hover, /Required: Alloy has no default/);
  assert.doesNotMatch(hover, /recommend "1s"/);
  engine.close('file:///hover.alloy');
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
