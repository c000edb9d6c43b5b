import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMPONENTS, COMPONENTS_BY_NAME, CONFIG_BLOCK_SPECS, SCHEMA_RELEASE, blockAt } from '../../../server/src/core/alloy/schema/components';
import { defaultIn, resolveAlloyVersion } from '../../../server/src/core/alloy/schema/versions';
import { repoRoot } from '../../helpers/paths';
import { sharedRoot } from '../../helpers/shared';

const researchPages = path.join(sharedRoot(), 'research', 'alloy-component-doc-pages.txt');

// The committed schema (data/components.json, generated from grafana/alloy v1.18.1) covers every
// component page, and facts read in the reference pages of v1.18.1 hold: a few arguments per family,
// with type, default and required.

const current = COMPONENTS.filter((c) => !c.removed).map((c) => c.name).sort();

test('the schema describes Alloy 1.18.1 and its 184 components; every v1.18.1 component page is covered', () => {
  assert.equal(SCHEMA_RELEASE, '1.18.1');
  assert.equal(current.length, 184);
  const pages = COMPONENTS.filter((c) => c.docs).map((c) => c.docs!);
  assert.equal(new Set(pages).size, pages.length, 'one page per component');
  for (const name of current) assert.ok(COMPONENTS_BY_NAME.get(name)!.docs?.endsWith(`/${name}.md`), `${name} has its reference page`);
});

test('the page list matches the research list of component pages, except what changed after v1.18.1', { skip: fs.existsSync(researchPages) ? undefined : `needs ${researchPages}, not found (set HEADROOM_SHARED)` }, () => {
  // research/alloy-component-doc-pages.txt was taken at grafana/alloy HEAD (1.19 development):
  // otelcol.processor.redaction is new there and prometheus.write.queue removed; otelcol.receiver.opencensus
  // still has a page that says it was removed (the schema keeps it with removed: 1.13).
  const research = fs.readFileSync(researchPages, 'utf8').trim().split('\n').map((l) => l.trim()).sort();
  const documented = COMPONENTS.filter((c) => c.docs).map((c) => c.name).sort();
  assert.deepEqual(research.filter((n) => !documented.includes(n)), ['otelcol.processor.redaction']);
  assert.deepEqual(documented.filter((n) => !research.includes(n)), ['prometheus.write.queue']);
  const removed = COMPONENTS.filter((c) => c.removed).map((c) => `${c.name}@${c.removed}`);
  assert.deepEqual(removed.sort(), ['otelcol.exporter.logging@1.5', 'otelcol.receiver.opencensus@1.13']);
});

/** Facts from the v1.18.1 reference pages: `component > block > argument` → type, default, required. */
const FAMILY_FACTS: [string, string, { type: string; default?: string; required?: boolean }][] = [
  ['beyla', 'beyla.ebpf > trace_printer', { type: 'string', default: '"disabled"' }],
  ['beyla', 'beyla.ebpf > enforce_sys_caps', { type: 'bool', default: 'false' }],
  ['database_observability', 'database_observability.mysql > data_source_name', { type: 'secret', required: true }],
  ['database_observability', 'database_observability.mysql > forward_to', { type: 'list(capsule(LogsReceiver))', required: true }],
  ['discovery', 'discovery.kubernetes > role', { type: 'string', required: true }],
  ['discovery', 'discovery.kubernetes > enable_http2', { type: 'bool', default: 'true' }],
  ['discovery', 'discovery.relabel > rule > action', { type: 'string', default: '"replace"' }],
  ['faro', 'faro.receiver > log_format', { type: 'string', default: '"logfmt"' }],
  ['local', 'local.file > poll_frequency', { type: 'duration', default: '"1m"' }],
  ['local', 'local.file > filename', { type: 'string', required: true }],
  ['loki', 'loki.write > endpoint > batch_size', { type: 'bytes', default: '"1MiB"' }],
  ['loki', 'loki.write > endpoint > queue_config > capacity', { type: 'bytes', default: '"10MiB"' }],
  ['loki', 'loki.process > forward_to', { type: 'list(capsule(LogsReceiver))', required: true }],
  ['mimir', 'mimir.rules.kubernetes > address', { type: 'string', required: true }],
  ['mimir', 'mimir.rules.kubernetes > external_labels', { type: 'map(string)', default: '{}' }],
  ['otelcol', 'otelcol.exporter.otlp > timeout', { type: 'duration', default: '"5s"' }],
  ['otelcol', 'otelcol.processor.batch > send_batch_size', { type: 'number', default: '2000' }],
  ['otelcol', 'otelcol.processor.batch > timeout', { type: 'duration', default: '"200ms"' }],
  ['otelcol', 'otelcol.exporter.otlp > sending_queue > queue_size', { type: 'number', default: '1000' }],
  ['otelcol', 'otelcol.receiver.otlp > grpc > max_recv_msg_size', { type: 'bytes', default: '"4MiB"' }],
  ['prometheus', 'prometheus.remote_write > endpoint > url', { type: 'string', required: true }],
  ['prometheus', 'prometheus.remote_write > endpoint > remote_timeout', { type: 'duration', default: '"30s"' }],
  ['prometheus', 'prometheus.remote_write > endpoint > queue_config > capacity', { type: 'number', default: '10000' }],
  ['prometheus', 'prometheus.scrape > scrape_interval', { type: 'duration', default: '"1m"' }],
  ['prometheus', 'prometheus.scrape > forward_to', { type: 'list(capsule(MetricsReceiver))', required: true }],
  ['pyroscope', 'pyroscope.scrape > scrape_interval', { type: 'duration', default: '"15s"' }],
  ['pyroscope', 'pyroscope.scrape > forward_to', { type: 'list(capsule(ProfilesReceiver))', required: true }],
  ['remote', 'remote.http > method', { type: 'string', default: '"GET"' }],
  ['remote', 'remote.http > poll_frequency', { type: 'duration', default: '"1m"' }],
];

for (const family of [...new Set(FAMILY_FACTS.map(([f]) => f))]) {
  test(`${family} components: arguments, types and defaults as the v1.18.1 reference pages give them`, () => {
    for (const [, where, expected] of FAMILY_FACTS.filter(([f]) => f === family)) {
      const [component, ...rest] = where.split(' > ');
      const argument = rest.pop()!;
      const spec = blockAt(COMPONENTS_BY_NAME.get(component)!, rest);
      const arg = spec?.args[argument];
      assert.ok(arg, `${where} exists`);
      assert.equal(arg.type, expected.type, `${where} type`);
      assert.equal(arg.default, expected.default, `${where} default`);
      assert.equal(Boolean(arg.required), Boolean(expected.required), `${where} required`);
    }
  });
}

test('issue 11: what the hand-written schema had wrong is right in the generated one', () => {
  const scrape = COMPONENTS_BY_NAME.get('prometheus.scrape')!;
  assert.ok(scrape.args.enable_protobuf_negotiation && scrape.args.enable_type_and_unit_labels);
  const pyroscope = COMPONENTS_BY_NAME.get('pyroscope.write')!;
  assert.ok(pyroscope.blocks.tracing, 'pyroscope.write has its tracing block');
  assert.equal(pyroscope.blocks.endpoint.args.debug_info_upload_timeout.type, 'duration');
  // Every otelcol processor, exporter and receiver that has a debug_metrics block in its Go Arguments has it here.
  assert.ok(COMPONENTS_BY_NAME.get('otelcol.processor.batch')!.blocks.debug_metrics);
  // sending_queue.blocking: added in 1.7, removed in 1.11, replaced by block_on_overflow.
  const queue = COMPONENTS_BY_NAME.get('otelcol.exporter.otlp')!.blocks.sending_queue;
  assert.deepEqual([queue.args.blocking.removed, queue.args.blocking.deprecated], ['1.11', 'block_on_overflow']);
  // prometheus.remote_write endpoint enable_http2 is false since 1.11 (true before).
  const http2 = COMPONENTS_BY_NAME.get('prometheus.remote_write')!.blocks.endpoint.args.enable_http2;
  assert.equal(defaultIn(http2, '1.18'), 'false');
  assert.equal(defaultIn(http2, '1.10'), 'true');
  // loki.write queue_config drain_timeout is 15s in the code (the page says 1m).
  assert.equal(COMPONENTS_BY_NAME.get('loki.write')!.blocks.endpoint.blocks.queue_config.args.drain_timeout.default, '"15s"');
  // otelcol.processor.batch defaults changed in 1.11.
  const size = COMPONENTS_BY_NAME.get('otelcol.processor.batch')!.args.send_batch_size;
  assert.equal(defaultIn(size, '1.10'), '8192');
  assert.equal(defaultIn(size, '1.11'), '2000');
});

test('config blocks, stability, exports, allowed values and recursive blocks come from the code', () => {
  assert.deepEqual([...CONFIG_BLOCK_SPECS.keys()].sort(), ['argument', 'export', 'foreach', 'http', 'import.file', 'import.git', 'import.http', 'import.string', 'livedebugging', 'logging', 'remotecfg', 'tracing']);
  assert.equal(COMPONENTS_BY_NAME.get('otelcol.processor.batch')!.exports.input, 'capsule(otelcol.Consumer)');
  assert.equal(COMPONENTS_BY_NAME.get('discovery.kubernetes')!.exports.targets, 'list(map(string))');
  assert.equal(COMPONENTS_BY_NAME.get('prometheus.remote_write')!.exports.receiver, 'capsule(MetricsReceiver)');
  assert.equal(COMPONENTS_BY_NAME.get('beyla.ebpf')!.stability, 'ga');
  assert.equal(COMPONENTS_BY_NAME.get('prometheus.write.queue')!.stability, 'experimental');
  assert.equal(COMPONENTS_BY_NAME.get('otelcol.exporter.datadog')!.community, true);
  assert.ok(COMPONENTS_BY_NAME.get('discovery.relabel')!.blocks.rule.args.action.enum!.includes('labelmap'));
  // stage.match holds stages, stage.match among them.
  const match = COMPONENTS_BY_NAME.get('loki.process')!.blocks['stage.match'];
  assert.equal(match.blocks['stage.match'].args, match.args);
  assert.equal(match.ordered, true);
});

test('alloyVersion: minor releases from 1.0 to the newest, anything else is the newest', () => {
  assert.equal(resolveAlloyVersion(undefined), '1.18');
  assert.equal(resolveAlloyVersion('v1.10.2'), '1.10');
  assert.equal(resolveAlloyVersion('1.9'), '1.9');
  assert.equal(resolveAlloyVersion('2.0'), '1.18');
  assert.equal(resolveAlloyVersion('1.40'), '1.18');
});

test('the committed data stays compact: shared blocks are stored once', () => {
  const file = path.join(repoRoot(), 'server', 'src', 'core', 'alloy', 'schema', 'data', 'components.json');
  const size = fs.statSync(file).size;
  assert.ok(size < 400_000, `components.json is ${size} bytes`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(Object.keys(data.shared).length > 100);
  assert.ok(data.shared['otelcol.TLSClientArguments'], 'the otelcol TLS client block is shared');
});
