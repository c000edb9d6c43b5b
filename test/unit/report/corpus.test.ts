import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { alloyService } from '../../../server/src/core/alloy/service';
import type { AlloyParsed } from '../../../server/src/core/alloy/parser';
import { buildPipelineGraph } from '../../../server/src/core/alloy/pipeline-graph';
import { buildCapacityReport } from '../../../server/src/core/report/model';
import { renderHtml, renderMarkdown } from '../../../server/src/core/report/render';
import { corpusPath, needsShared } from '../../helpers/shared';
import { newEngine } from '../../helpers/alloy';

// The capacity report and the pipeline graph over the shared corpus of real configs: no crash, and
// every component marked unwired is one its author would agree is not wired in that file:
//  - 0xSplits: CloudWatch exporters whose targets nothing in the file scrapes (the folder's other files may).
//  - ALT-F4: its batch processor sends to a sibling file's exporter (the dangling references the lint reports).
//  - routing: broken upstream, the component after the syntax error is cut off.
//  - staticconvert testdata: converter outputs that declare a remote_write and a faro receiver with empty outputs.
//  - k8s-monitoring examples: destinations and tenant routers the generated config declares and never feeds.
const UNWIRED = [
  '0xSplits__alloy__config__003_discovery_cloudwatch.alloy prometheus.exporter.cloudwatch.ecs_service: not connected to any other component',
  '0xSplits__alloy__config__003_discovery_cloudwatch.alloy prometheus.exporter.cloudwatch.rds_instance: not connected to any other component',
  'ALT-F4-LLC__vms.nix__modules__mixins__alloy__config.alloy otelcol.exporter.prometheus.default: no component sends data to it',
  'grafana__alloy-scenarios__routing__config.alloy loki.process.redirect_env: nothing uses its exports',
];

test('the pipeline graph of every corpus Alloy file: edges between drawn nodes, ranges inside, unwired only where defended', needsShared('corpus'), async () => {
  const engine = await newEngine();
  const root = corpusPath('alloy');
  const unwired: string[] = [];
  let nodes = 0;
  for (const name of fs.readdirSync(root).filter((n) => n.endsWith('.alloy')).sort()) {
    const text = fs.readFileSync(path.join(root, name), 'utf8');
    const uri = pathToFileURL(path.join(root, name)).href;
    engine.open({ uri, text });
    const parsed = alloyService.parse({ uri, text }) as AlloyParsed;
    try {
      const graph = buildPipelineGraph([{ uri, parsed, findings: engine.lint(uri) }], engine.context());
      const ids = new Set(graph.nodes.map((n) => n.id));
      assert.equal(ids.size, graph.nodes.length, `${name}: node ids are unique`);
      for (const edge of graph.edges) assert.ok(ids.has(edge.from) && ids.has(edge.to), `${name}: ${edge.from} -> ${edge.to}`);
      for (const node of graph.nodes) {
        assert.ok(node.range.start.line < parsed.lines.lineCount, `${name}: ${node.id} range`);
        if (node.unwired) unwired.push(`${name} ${node.id}: ${node.unwired}`);
      }
      nodes += graph.nodes.length;
    } finally {
      parsed.dispose();
      engine.close(uri);
    }
  }
  assert.ok(nodes > 500, `${nodes} components drawn`);
  const staticConvert = unwired.filter((u) => u.includes('staticconvert__testdata'));
  const k8sMonitoring = unwired.filter((u) => u.startsWith('grafana__k8s-monitoring-helm__'));
  assert.deepEqual(unwired.filter((u) => !staticConvert.includes(u) && !k8sMonitoring.includes(u)), UNWIRED);
  assert.deepEqual(staticConvert.map((u) => u.slice(u.indexOf(' ') + 1)), [
    'prometheus.remote_write.metrics_default: not connected to any other component',
    'faro.receiver.integrations_app_agent_receiver: not connected to any other component',
  ]);
  assert.ok(k8sMonitoring.every((u) => /: (no component sends data to it|not connected to any other component)$/.test(u)), k8sMonitoring.join('\n'));
});

test('the capacity report of the whole corpus: every workload reported, totals consistent, renderers do not fail', needsShared('corpus'), async () => {
  const engine = await newEngine();
  const root = corpusPath();
  for (const kind of fs.readdirSync(root).filter((k) => fs.statSync(path.join(root, k)).isDirectory())) {
    for (const name of fs.readdirSync(path.join(root, kind))) {
      const file = path.join(root, kind, name);
      engine.open({ uri: pathToFileURL(file).href, text: fs.readFileSync(file, 'utf8') });
    }
  }
  const { catalog, config } = engine.context();
  const report = buildCapacityReport(engine.all(), catalog, config);
  const pods = report.workloads.filter((w) => w.total);
  assert.ok(pods.length > 50, `${pods.length} workloads with resources`);
  assert.equal(report.total.workloads, pods.length);
  assert.equal(report.namespaces.reduce((a, n) => a + n.workloads, 0), pods.length);
  // No tier is stated anywhere in the corpus: none is invented.
  assert.ok(report.workloads.every((w) => w.tier.name === undefined && w.tier.reason === 'none'));
  assert.equal(new Set(report.workloads.map((w) => w.id)).size, report.workloads.length, 'ids are unique');
  assert.match(renderMarkdown(report), /^# Headroom capacity report/);
  assert.match(renderHtml(report, { nonce: 'n' }), /<\/html>\n$/);
  for (const uri of engine.uris()) engine.close(uri);
});
