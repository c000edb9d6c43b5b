import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { needsShared } from '../../helpers/shared';
import { seed000River } from '../../helpers/seed-fixtures';
import { applyEdits, newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// The "River Configuration" snippet of seed 000, read verbatim from the document at test time. It uses
// OpenTelemetry Collector names (batch_size, limit_mib, spike_limit_mib) that Alloy rejects, and its
// memory limiter has no output block and receives nothing: the receivers feed the batch processor
// directly, so memory_limiter "default" limits nothing.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const KINDS = ['alloy/unknown-argument', 'alloy/missing-required', 'alloy/memory-limiter-limits', 'alloy/batch-max-below-size'];

test('seed 000 snippet: the Collector names are flagged with the Alloy names as fixes', needsShared('seeds'), () => {
  const { text } = seed000River();
  engine.open({ uri: 'file:///seed-000.alloy', text });
  const findings = engine.lint('file:///seed-000.alloy');
  const unknown = findings.filter((f) => f.code === 'alloy/unknown-argument');
  assert.deepEqual(unknown.map((f) => text.split('\n')[f.range.start.line].trim().split(' ')[0]), ['batch_size', 'limit_mib', 'spike_limit_mib']);
  assert.deepEqual(unknown.map((f) => f.fixes?.[0]?.edits[0].newText), ['send_batch_size', 'limit = "1000MiB"', 'spike_limit = "200MiB"']);
  assert.match(unknown[1].message, /OpenTelemetry Collector YAML name; Alloy calls it limit/);
  const missingOutput = findings.find((f) => f.code === 'alloy/missing-required');
  assert.match(missingOutput?.message ?? '', /memory_limiter "default" needs an output block/);
  const unwired = findings.filter((f) => f.code === 'alloy/unwired');
  assert.equal(unwired.length, 1);
  assert.equal(text.split('\n')[unwired[0].range.start.line].trim(), 'otelcol.processor.memory_limiter "default" {');
  assert.match(unwired[0].message, /receives nothing: .* limits nothing/);
  assert.equal(unwired[0].fixes?.[0]?.title, 'Wire otelcol.processor.memory_limiter "default" in front of otelcol.processor.batch "default"');
  // The exporters it sends to live in another file of the seed's deployment: references are warnings, not errors.
  assert.ok(findings.filter((f) => f.code === 'alloy/dangling-reference').every((f) => f.severity === 'warning'));
});

test('seed 000 snippet: applying the fixes wires the memory limiter in front of the batch processor and leaves a valid pipeline', needsShared('seeds'), () => {
  let { text } = seed000River();
  const uri = 'file:///seed-000-fixed.alloy';
  engine.open({ uri, text });
  for (const finding of engine.lint(uri).filter((f) => f.code === 'alloy/unknown-argument')) {
    assert.ok(finding.fixes?.[0]);
  }
  text = applyEdits(text, engine.fixAll(uri));
  engine.open({ uri, text });
  assert.match(text, /send_batch_size = 8192/);
  assert.match(text, /limit = "1000MiB"/);
  assert.match(text, /spike_limit = "200MiB"/);
  // receivers → memory_limiter → batch → exporters.
  assert.match(text, /metrics = \[otelcol\.processor\.memory_limiter\.default\.input\]\n\s+logs {4}= \[otelcol\.processor\.memory_limiter\.default\.input\]/);
  assert.match(text, /check_interval = "5s"\n\n  output \{\n    metrics = \[otelcol\.processor\.batch\.default\.input\]\n    logs    = \[otelcol\.processor\.batch\.default\.input\]\n    traces  = \[otelcol\.processor\.batch\.default\.input\]\n  \}\n\}/);
  const after = engine.lint(uri);
  assert.deepEqual(after.filter((f) => f.code === 'alloy/syntax'), []);
  const pipeline = [...KINDS, 'alloy/unwired', 'alloy/pipeline-order', 'alloy/missing-memory-limiter', 'alloy/wrong-type', 'alloy/invalid-value'];
  assert.deepEqual(after.filter((f) => pipeline.includes(f.code)).map((f) => f.message), []);
  // What is left are the exporters the snippet sends to, which live in another file of the deployment.
  assert.deepEqual([...new Set(after.map((f) => f.code))], ['alloy/dangling-reference']);
});
