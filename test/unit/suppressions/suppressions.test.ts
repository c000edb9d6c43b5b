import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeadroomEngine } from '../../../server/src/core/engine';
import { ALL_FORMATS } from '../../../server/src/core/formats';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { mergeConfig } from '../../../server/src/core/config';
import { REASON_PLACEHOLDER, suppressFix } from '../../../server/src/core/suppressions';
import { LineIndex, applyTextEdits } from '../../../server/src/core/text';
import type { FormatId } from '../../../server/src/core/service';
import type { Finding } from '../../../server/src/core/types';
import { newEngine, onlyEditedRangesChanged } from '../../helpers/alloy';

// headroom-ignore-next-line comments: what they silence, what makes them invalid, when they are
// reported unused, and the quick fixes that add and remove them. Input and verdict side by side.

const EXPORTER = 'otelcol.exporter.otlp "tempo" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n';
const batch = (body: string) => `otelcol.processor.batch "b" {\n${body}  output {\n    traces = [otelcol.exporter.otlp.tempo.input]\n  }\n}\n\n${EXPORTER}`;

async function lint(text: string, uri = 'file:///w/config.alloy', engine?: HeadroomEngine): Promise<Finding[]> {
  engine ??= await newEngine();
  engine.open({ uri, text });
  return engine.lint(uri);
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`).sort();

test('a suppression silences the named code on the next line, and only there', async () => {
  const text = batch('  // headroom-ignore-next-line alloy/batch-timeout: edge collector flushes slowly on purpose\n  timeout = "30s"\n');
  assert.deepEqual(summary(await lint(text)), []);
  // Without the comment, the finding is there.
  assert.deepEqual(summary(await lint(batch('  timeout = "30s"\n'))), ['2:3 alloy/batch-timeout']);
  // One line further down, it misses: the finding stays and the suppression is unused.
  const drifted = batch('  // headroom-ignore-next-line alloy/batch-timeout: slow on purpose\n\n  timeout = "30s"\n');
  assert.deepEqual(summary(await lint(drifted)), ['2:32 headroom/unused-suppression', '4:3 alloy/batch-timeout']);
});

test('several codes, stacked comments, and a code the line does not have', async () => {
  const text = `// headroom: workload=alloy tier=medium\n${batch([
    '  // headroom-ignore-next-line alloy/batch-tier, alloy/batch-timeout: slow on purpose',
    '  timeout = "30s"',
    '  // headroom-ignore-next-line alloy/batch-max-below-size: checked by hand',
    '  // headroom-ignore-next-line alloy/batch-tier: we keep 4096',
    '  send_batch_size = 4096',
    '  // headroom-ignore-next-line alloy/batch-tier, alloy/scrape-timeout: wrong component',
    '  send_batch_max_size = 8192',
    '',
  ].join('\n'))}`;
  const findings = await lint(text);
  assert.deepEqual(summary(findings), ['5:32 headroom/unused-suppression', '8:50 headroom/unused-suppression']);
  const unused = findings.filter((f) => f.code === 'headroom/unused-suppression');
  assert.match(unused[0].message, /alloy\/batch-max-below-size silences nothing: line 7 has no alloy\/batch-max-below-size finding/);
  assert.match(unused[1].message, /alloy\/scrape-timeout silences nothing/);
  // Only the idle code is removed where the comment names others still in use.
  assert.equal(unused[1].fixes![0].title, 'Remove alloy/scrape-timeout from this suppression');
  assert.ok(applyTextEdits(text, unused[1].fixes![0].edits).includes('  // headroom-ignore-next-line alloy/batch-tier: wrong component\n'));
  assert.equal(unused[0].fixes![0].title, 'Remove this unused suppression');
  const removed = applyTextEdits(text, unused[0].fixes![0].edits);
  assert.equal(removed, text.replace('  // headroom-ignore-next-line alloy/batch-max-below-size: checked by hand\n', ''));
  assert.ok(!unused.some((f) => f.fixes!.some((x) => x.isPreferred)), 'not applied by fix all');
});

test('invalid suppressions: no reason, no code, an unknown code, a misspelt marker; a trailing comment is not one', async () => {
  const cases: [string, string[], RegExp][] = [
    ['  // headroom-ignore-next-line alloy/batch-timeout\n', ['2:3 headroom/invalid-suppression', '3:3 alloy/batch-timeout'], /needs a reason after a colon/],
    ['  // headroom-ignore-next-line alloy/batch-timeout:   \n', ['2:3 headroom/invalid-suppression', '3:3 alloy/batch-timeout'], /needs a reason/],
    ['  // headroom-ignore-next-line : because\n', ['2:3 headroom/invalid-suppression', '3:3 alloy/batch-timeout'], /names the codes it silences/],
    ['  // headroom-ignore-next-line alloy/batch-timout: slow\n', ['2:32 headroom/invalid-suppression', '3:3 alloy/batch-timeout'], /unknown finding code "alloy\/batch-timout" \(did you mean "alloy\/batch-timeout"\?\)/],
    ['  // headroom-ignore-line alloy/batch-timeout: slow\n', ['2:3 headroom/invalid-suppression', '3:3 alloy/batch-timeout'], /"headroom-ignore-line" is not a Headroom suppression/],
  ];
  for (const [comment, expected, message] of cases) {
    const findings = await lint(batch(`${comment}  timeout = "30s"\n`));
    assert.deepEqual(summary(findings), expected, comment);
    assert.match(findings.find((f) => f.code === 'headroom/invalid-suppression')!.message, message);
  }
  // An unknown code beside a known one: the known one still applies.
  assert.deepEqual(summary(await lint(batch('  // headroom-ignore-next-line alloy/nope, alloy/batch-timeout: slow\n  timeout = "30s"\n'))), ['2:32 headroom/invalid-suppression']);
  // At the end of a code line it is an ordinary comment.
  assert.deepEqual(summary(await lint(batch('  timeout = "30s" // headroom-ignore-next-line alloy/batch-timeout: slow\n'))), ['2:3 alloy/batch-timeout']);
});

test('a suppression on the last line has no line to silence', async () => {
  const text = `${batch('')}// headroom-ignore-next-line alloy/batch-timeout: nothing below`;
  const findings = await lint(text);
  assert.deepEqual(summary(findings), ['12:30 headroom/unused-suppression']);
  assert.match(findings[0].message, /there is no next line/);
  assert.equal(applyTextEdits(text, findings[0].fixes![0].edits), batch('').replace(/\n$/, ''));
});

test('a suppressed finding whose code is turned off in the settings still counts: no unused-suppression', async () => {
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, config: mergeConfig({ severity: { 'alloy/batch-timeout': 'off' } }, undefined) });
  await engine.init();
  assert.deepEqual(summary(await lint(batch('  // headroom-ignore-next-line alloy/batch-timeout: slow\n  timeout = "30s"\n'), undefined, engine)), []);
  // and headroom/unused-suppression has a severity setting like any code.
  const quiet = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, config: mergeConfig({ severity: { 'headroom/unused-suppression': 'off' } }, undefined) });
  await quiet.init();
  assert.deepEqual(summary(await lint(batch('  // headroom-ignore-next-line alloy/batch-timeout: slow\n'), undefined, quiet)), []);
});

const manifest = [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:',
  '        - name: web', '          image: nginx:1.27', '          resources:', '            requests:',
  '              # headroom-ignore-next-line k8s/requests-above-limits: the limit is raised by a mutating webhook',
  '              memory: 1Gi', '            limits:', '              memory: 512Mi', '',
].join('\n');

test('YAML (#) and XML (<!-- -->) suppressions', async () => {
  assert.deepEqual(summary(await lint(manifest, 'file:///w/web.yaml')), []);
  assert.deepEqual(summary(await lint(manifest.replace(/ +# headroom-ignore.*\n/, ''), 'file:///w/web.yaml')), ['13:23 k8s/requests-above-limits']);
  // A `//` comment is no comment in YAML (and no suppression).
  const xml = '<clickhouse>\n    <!-- headroom-ignore-next-line clickhouse/memory-ratio: the node has swap -->\n    <max_server_memory_usage_to_ram_ratio>1.2</max_server_memory_usage_to_ram_ratio>\n</clickhouse>\n';
  assert.deepEqual(summary(await lint(xml, 'file:///w/config.xml')), []);
  assert.deepEqual(summary(await lint(xml.replace('<!-- headroom', '<!-- headroom-ignore-line').replace('headroom-ignore-line-ignore-next-line', 'headroom-ignore-line'), 'file:///w/config.xml')),
    ['2:5 headroom/invalid-suppression', '3:43 clickhouse/memory-ratio']);
});

test('"Ignore <code> on this line": the comment above with the line\'s indentation, the file\'s line breaks, nothing else changed', async () => {
  const cases: [FormatId, string, string][] = [
    ['alloy', batch('  timeout = "30s"\n'), `  // headroom-ignore-next-line alloy/batch-timeout: ${REASON_PLACEHOLDER}\n`],
    ['k8s', manifest.replace(/ +# headroom-ignore.*\n/, ''), `              # headroom-ignore-next-line k8s/requests-above-limits: ${REASON_PLACEHOLDER}\n`],
    ['clickhouse', '<clickhouse>\r\n\t<max_server_memory_usage_to_ram_ratio>1.2</max_server_memory_usage_to_ram_ratio>\r\n</clickhouse>\r\n',
      `\t<!-- headroom-ignore-next-line clickhouse/memory-ratio: ${REASON_PLACEHOLDER} -->\r\n`],
  ];
  const uris: Record<string, string> = { alloy: 'file:///w/c.alloy', k8s: 'file:///w/m.yaml', clickhouse: 'file:///w/c.xml' };
  for (const [format, text, inserted] of cases) {
    const [finding] = await lint(text, uris[format]);
    const fix = suppressFix(finding, { format, lines: new LineIndex(text) })!;
    assert.equal(fix.title, `Ignore ${finding.code} on this line`);
    assert.deepEqual(fix.edits.map((e) => e.newText), [inserted]);
    assert.deepEqual(fix.edits[0].range.start, { line: finding.range.start.line, character: 0 });
    const after = applyTextEdits(text, fix.edits);
    assert.ok(onlyEditedRangesChanged(text, after, fix.edits));
    assert.deepEqual(summary(await lint(after, uris[format])), [], `${format}: silenced, and the placeholder is a reason`);
  }
});

test('"Ignore <code> on this line" adds to a suppression already above the line, and is not offered for suppression findings', async () => {
  const text = `// headroom: workload=alloy tier=medium\n${batch('  // headroom-ignore-next-line alloy/batch-tier: we keep 30s\n  timeout = "30s"\n')}`;
  const findings = await lint(text);
  const timeout = findings.find((f) => f.code === 'alloy/batch-timeout')!;
  const fix = suppressFix(timeout, { format: 'alloy', lines: new LineIndex(text) })!;
  const after = applyTextEdits(text, fix.edits);
  assert.ok(after.includes('  // headroom-ignore-next-line alloy/batch-tier, alloy/batch-timeout: we keep 30s\n  timeout = "30s"\n'));
  assert.ok(!(await lint(after)).some((f) => f.code === 'alloy/batch-timeout'));
  const unused = (await lint(batch('  // headroom-ignore-next-line alloy/batch-timeout: stale\n'))).find((f) => f.code === 'headroom/unused-suppression')!;
  assert.equal(suppressFix(unused, { format: 'alloy', lines: new LineIndex(batch('')) }), undefined);
  // Nothing may come before an XML declaration.
  const declared = '<?xml version="1.0"?><clickhouse><max_server_memory_usage_to_ram_ratio>1.2</max_server_memory_usage_to_ram_ratio></clickhouse>\n';
  const [ratio] = await lint(declared, 'file:///w/c.xml');
  assert.equal(ratio.code, 'clickhouse/memory-ratio');
  assert.equal(suppressFix(ratio, { format: 'clickhouse', lines: new LineIndex(declared) }), undefined);
});
