import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { needsShared } from '../../helpers/shared';
import { seed000River } from '../../helpers/seed-fixtures';
import { applyEdits, newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// The "River Configuration" snippet of seed 000, read verbatim from the document at test time. It uses
// OpenTelemetry Collector names (batch_size, limit_mib, spike_limit_mib) that Alloy rejects, and its
// memory limiter has no output block and receives nothing.

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
  // The exporters it sends to live in another file of the seed's deployment: references are warnings, not errors.
  assert.ok(findings.filter((f) => f.code === 'alloy/dangling-reference').every((f) => f.severity === 'warning'));
});

test('seed 000 snippet: applying the fixes leaves a config with none of those findings', needsShared('seeds'), () => {
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
  // The output block has no value Headroom could invent; add it as the author would.
  text = text.replace(/check_interval = "5s"\n\}/, 'check_interval = "5s"\n\n  output {\n    traces = [otelcol.processor.batch.default.input]\n  }\n}');
  engine.open({ uri, text });
  const after = engine.lint(uri);
  assert.deepEqual(after.filter((f) => f.code === 'alloy/syntax'), []);
  assert.deepEqual(after.filter((f) => KINDS.includes(f.code)).map((f) => f.message), []);
});
