import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actualFindings, applyEdits, expectedFindings, newEngine } from '../../helpers/alloy';
import { defaultConfig, parseHeadroomYaml, mergeConfig } from '../../../server/src/core/config';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// Inline cases, input and verdict side by side: the chosen Alloy release, custom components declared
// in the file, in another file of the folder (`alloy run DIR`) or in a module imported with import.file.

async function engineFor(alloyVersion?: string): Promise<HeadroomEngine> {
  const engine = await newEngine();
  engine.setConfig({ ...defaultConfig(), alloyVersion });
  return engine;
}

function check(engine: HeadroomEngine, uri: string, text: string): void {
  engine.open({ uri, text });
  const findings = engine.lint(uri);
  assert.deepEqual(actualFindings(findings), expectedFindings(text), findings.map((f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`).join('\n'));
}

const queue = (blockingLine: string) => [
  'otelcol.exporter.otlp "default" {',
  '  client {',
  '    endpoint = "tempo:4317"',
  '  }',
  '  sending_queue {',
  `    ${blockingLine}`,
  '  }',
  '}',
].join('\n');

test('alloyVersion 1.10: sending_queue.blocking is still accepted, deprecated in favor of block_on_overflow', async () => {
  check(await engineFor('1.10'), 'file:///v/a.alloy', queue('blocking = true // expect: alloy/deprecated'));
});

test('newest release: sending_queue.blocking was removed in 1.11, the rename to block_on_overflow fixes it', async () => {
  const engine = await engineFor(undefined);
  const text = queue('blocking = true // expect: alloy/unknown-argument');
  check(engine, 'file:///v/b.alloy', text);
  const [finding] = engine.lint('file:///v/b.alloy');
  assert.match(finding.message, /removed in Alloy 1\.11; use block_on_overflow/);
  const fixed = applyEdits(text, finding.fixes![0].edits);
  assert.match(fixed, /block_on_overflow = true/);
  engine.open({ uri: 'file:///v/b.alloy', text: fixed });
  assert.deepEqual(engine.lint('file:///v/b.alloy'), []);
});

test('alloyVersion 1.13: arguments and components added later are refused with the release that added them', async () => {
  const engine = await engineFor('v1.13.2');
  const text = [
    'prometheus.scrape "app" { // expect: alloy/unwired',
    '  targets    = [{"__address__" = "app:8080"}]',
    '  forward_to = []',
    '  enable_type_and_unit_labels = true // expect: alloy/unknown-argument',
    '}',
    '',
    'discovery.aws "ec2" { // expect: alloy/unknown-component',
    '  role = "ec2"',
    '}',
  ].join('\n');
  check(engine, 'file:///v/c.alloy', text);
  const messages = engine.lint('file:///v/c.alloy').map((f) => f.message);
  assert.match(messages[0] + messages[1], /added in Alloy 1\.14/);
  assert.match(messages.join(' '), /discovery\.aws was added in Alloy 1\.18/);
  // The same file on the newest release has no release finding (its discovery.aws arguments are not
  // judged in 1.13 either: the component itself is the finding).
  const newest = await engineFor(undefined);
  newest.open({ uri: 'file:///v/c.alloy', text });
  assert.deepEqual(newest.lint('file:///v/c.alloy').filter((f) => /unknown/.test(f.code)), []);
});

test('alloyVersion comes from .headroom.yaml, the setting overrides it, and a bad value is a config finding', () => {
  const file = parseHeadroomYaml('alloyVersion: "1.10"\n');
  assert.equal(mergeConfig(file.file, undefined).alloyVersion, '1.10');
  assert.equal(mergeConfig(file.file, { alloyVersion: 'v1.12.0' }).alloyVersion, 'v1.12.0');
  assert.equal(mergeConfig(file.file, { alloyVersion: '' }).alloyVersion, '1.10');
  const bad = parseHeadroomYaml('alloyVersion: "2.3"\n');
  assert.equal(bad.file, undefined);
  assert.match(bad.findings[0].message, /alloyVersion/);
});

test('hover shows the default of the chosen release', async () => {
  const engine = await engineFor('1.10');
  engine.open({ uri: 'file:///v/h.alloy', text: 'otelcol.processor.batch "b" {\n  send_batch_size = 100\n  output { }\n}\n' });
  assert.match(engine.hover('file:///v/h.alloy', { line: 1, character: 4 })!.markdown, /default `8192`/);
  const newest = await engineFor(undefined);
  newest.open({ uri: 'file:///v/h.alloy', text: 'otelcol.processor.batch "b" {\n  send_batch_size = 100\n  output { }\n}\n' });
  const markdown = newest.hover('file:///v/h.alloy', { line: 1, character: 4 })!.markdown;
  assert.match(markdown, /default `2000`/);
  assert.match(markdown, /Default by release: 8192 from 1\.0, 2000 from 1\.11/);
});

test('batch defaults follow the release: send_batch_size = 8192 alone is refused since 1.11 (default max 3000), not in 1.10 (default max 0)', async () => {
  const text = (expect: string) => [
    'otelcol.processor.batch "b" {',
    `  send_batch_size = 8192${expect}`,
    '  output { }',
    '}',
    '',
  ].join('\n');
  check(await engineFor('1.10'), 'file:///v/batch.alloy', text(''));
  const newest = await engineFor(undefined);
  check(newest, 'file:///v/batch.alloy', text(' // expect: alloy/batch-max-below-size'));
  assert.match(newest.lint('file:///v/batch.alloy')[0].message, /send_batch_max_size 3000 \(the default since Alloy v1\.11\)/);
  // The inlay hint and the hover's current value read the same release's defaults.
  const old = await engineFor('1.10');
  old.open({ uri: 'file:///v/defaults.alloy', text: 'otelcol.processor.batch "b" {\n  output { }\n}\n' });
  const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
  assert.deepEqual(old.inlayHints('file:///v/defaults.alloy', range).map((h) => h.label), ['≈ flush at 8192 items or every 200ms · ≤ unbounded items/request']);
  newest.open({ uri: 'file:///v/defaults.alloy', text: 'otelcol.processor.batch "b" {\n  output { }\n}\n' });
  assert.deepEqual(newest.inlayHints('file:///v/defaults.alloy', range).map((h) => h.label), ['≈ flush at 2000 items or every 200ms · ≤ 3000 items/request']);
});

test('folder form: a component declared in another .alloy file of the folder is not dangling', async () => {
  const engine = await engineFor(undefined);
  engine.open({ uri: 'file:///cfg/exporters.alloy', text: 'otelcol.exporter.otlp "tempo" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n' });
  const receivers = [
    'otelcol.receiver.otlp "default" {',
    '  grpc { }',
    '  output {',
    '    traces = [otelcol.exporter.otlp.tempo.input]',
    '  }',
    '}',
    '',
    'prometheus.scrape "x" {',
    '  targets    = []',
    '  forward_to = [prometheus.remote_write.mimir.receiver] // expect: alloy/dangling-reference',
    '}',
  ].join('\n');
  check(engine, 'file:///cfg/receivers.alloy', receivers);
  assert.match(engine.lint('file:///cfg/receivers.alloy').find((f) => f.code === 'alloy/dangling-reference')!.message, /in this file or the other \.alloy files of its folder/);
  // The exporter is sent to from the sibling file: not unwired. Go to definition crosses files.
  assert.deepEqual(engine.lint('file:///cfg/exporters.alloy'), []);
  const [location] = engine.definition('file:///cfg/receivers.alloy', { line: 3, character: 20 });
  assert.equal(location.uri, 'file:///cfg/exporters.alloy');
  // A file of another folder does not count.
  engine.open({ uri: 'file:///other/receivers.alloy', text: receivers });
  assert.ok(engine.lint('file:///other/receivers.alloy').some((f) => f.code === 'alloy/dangling-reference' && f.message.includes('otelcol.exporter.otlp.tempo')));
});

test('import.file: the module in the workspace defines the components, their arguments and exports', async () => {
  const engine = await engineFor(undefined);
  engine.open({
    uri: 'file:///repo/modules/metrics.alloy',
    text: [
      'declare "scrape" {',
      '  argument "targets" { }',
      '  argument "forward_to" { }',
      '  argument "job" {',
      '    optional = true',
      '  }',
      '',
      '  prometheus.scrape "this" {',
      '    targets    = argument.targets.value',
      '    forward_to = argument.forward_to.value',
      '    job_name   = argument.job.value',
      '  }',
      '}',
      '',
      'declare "relabel" {',
      '  argument "forward_to" { }',
      '',
      '  prometheus.relabel "this" {',
      '    forward_to = argument.forward_to.value',
      '  }',
      '',
      '  export "receiver" {',
      '    value = prometheus.relabel.this.receiver',
      '  }',
      '}',
    ].join('\n'),
  });
  const main = [
    'import.file "metrics" {',
    '  filename = "modules/metrics.alloy"',
    '}',
    '',
    'import.git "shared" {',
    '  repository = "https://github.com/grafana/alloy-modules.git"',
    '  path       = "modules/kubernetes/cert-manager/metrics.alloy"',
    '}',
    '',
    'metrics.relabel "main" {',
    '  forward_to = [prometheus.remote_write.default.receiver]',
    '}',
    '',
    'metrics.scrape "app" { // expect: alloy/missing-required',
    '  targets = []',
    '  jbo     = "app" // expect: alloy/unknown-argument',
    '}',
    '',
    'metrics.scraep "typo" { // expect: alloy/unknown-component',
    '  targets = []',
    '}',
    '',
    '// Modules from git are not fetched: nothing about them is flagged.',
    'shared.kubernetes "anything" {',
    '  whatever = true',
    '}',
    '',
    'prometheus.scrape "direct" {',
    '  targets    = []',
    '  forward_to = [metrics.relabel.main.receiver, metrics.relabel.main.reciever] // expect: alloy/unknown-export',
    '}',
    '',
    'prometheus.remote_write "default" {',
    '  endpoint {',
    '    url = "http://mimir/api/v1/push"',
    '  }',
    '}',
  ].join('\n');
  check(engine, 'file:///repo/main.alloy', main);
  const typo = engine.lint('file:///repo/main.alloy').find((f) => f.code === 'alloy/unknown-component')!;
  assert.match(typo.message, /declares no component "scraep" \(did you mean metrics\.scrape\?\)/);
  assert.match(engine.hover('file:///repo/main.alloy', { line: 4, character: 3 })!.markdown, /import\.git sources are not fetched/);
  assert.match(engine.hover('file:///repo/main.alloy', { line: 0, character: 3 })!.markdown, /file:\/\/\/repo\/modules\/metrics\.alloy/);
  const [definition] = engine.definition('file:///repo/main.alloy', { line: 9, character: 3 });
  assert.equal(definition.uri, 'file:///repo/modules/metrics.alloy');
  assert.equal(definition.range.start.line, 14);
  // Without the module in the workspace, its components are not judged.
  engine.close('file:///repo/modules/metrics.alloy');
  engine.open({ uri: 'file:///repo/main.alloy', text: main });
  assert.deepEqual(engine.lint('file:///repo/main.alloy').filter((f) => f.code !== 'alloy/dangling-reference'), []);
});

test('declare: its uses are checked against its argument blocks, references inside against them too', async () => {
  const engine = await engineFor(undefined);
  check(engine, 'file:///d/a.alloy', [
    'declare "tail" {',
    '  argument "path" { }',
    '  argument "labels" {',
    '    optional = true',
    '  }',
    '',
    '  local.file_match "files" {',
    '    path_targets = [{"__path__" = argument.path.value}]',
    '    sync_period  = argument.period.value // expect: alloy/dangling-reference',
    '  }',
    '',
    '  export "targets" {',
    '    value = local.file_match.files.targets',
    '  }',
    '}',
    '',
    'tail "app" {',
    '  path   = "/var/log/app.log"',
    '  labels = {}',
    '}',
    '',
    'tail "missing" { } // expect: alloy/missing-required',
    '',
    'loki.source.file "app" {',
    '  targets    = tail.app.targets',
    '  forward_to = [loki.write.default.receiver]',
    '}',
    '',
    'loki.write "default" {',
    '  endpoint {',
    '    url = "http://loki:3100/loki/api/v1/push"',
    '  }',
    '}',
  ].join('\n'));
});
