import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';
import { fixturePath } from '../helpers/paths';

// The two custom requests the VS Code webviews are fed by, over stdio against dist/server.js.

test('headroom/capacityReport covers open documents and the files the workspace scan read from disk', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-report-lsp-'));
  fs.cpSync(fixturePath('report'), root, { recursive: true });
  const client = new LspTestClient();
  try {
    await client.initialize({}, pathToFileURL(root).href);
    const pipeline = pathToFileURL(path.join(root, 'pipeline.alloy')).href;
    // The open editor's text wins over the disk: no directive, so no tier.
    client.notify('textDocument/didOpen', { textDocument: { uri: pipeline, languageId: 'grafana-alloy', version: 1, text: 'otelcol.processor.batch "b" {\n  output { }\n}\n' } });
    let report: any;
    for (let i = 0; i < 100; i++) {
      report = await client.request('headroom/capacityReport', {});
      if (report.workloads.length === 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(report.workloads.map((w: any) => `${w.kind} ${w.name}`).sort(), [
      'AlloyPipeline pipeline.alloy', 'ClickHouseServer config.xml', 'Deployment alloy', 'Deployment shop-frontend', 'HelmValues clickhouse',
    ]);
    const open = report.workloads.find((w: any) => w.kind === 'AlloyPipeline');
    assert.equal(open.tier.reason, 'none');
    const alloy = report.workloads.find((w: any) => w.kind === 'Deployment' && w.name === 'alloy');
    assert.deepEqual([alloy.tier.name, alloy.replicas.min, alloy.replicas.max], ['medium', 2, 6]);
  } finally {
    await client.shutdown();
  }
});

test('headroom/pipelineGraph: the open Alloy file as a graph, null for a file that is not Alloy', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize({});
    const uri = pathToFileURL(fixturePath('pipeline', 'graph.alloy')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: fs.readFileSync(fixturePath('pipeline', 'graph.alloy'), 'utf8') } });
    const graph = await client.request('headroom/pipelineGraph', { uri });
    assert.equal(graph.uri, uri);
    // folder-main.alloy and folder-sibling.alloy share the folder but neither references graph.alloy.
    assert.deepEqual(graph.files, [uri]);
    assert.equal(graph.nodes.length, 12);
    assert.equal(graph.nodes.find((n: any) => n.id === 'otelcol.processor.batch.default').worst, 'error');
    assert.deepEqual(graph.nodes.filter((n: any) => n.unwired).map((n: any) => n.id), ['otelcol.processor.batch.forgotten', 'otelcol.exporter.otlp.orphan']);

    const main = pathToFileURL(fixturePath('pipeline', 'folder-main.alloy')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri: main, languageId: 'grafana-alloy', version: 1, text: fs.readFileSync(fixturePath('pipeline', 'folder-main.alloy'), 'utf8') } });
    const folder = await client.request('headroom/pipelineGraph', { uri: main });
    assert.deepEqual(folder.files, [main, pathToFileURL(fixturePath('pipeline', 'folder-sibling.alloy')).href]);
    assert.equal(await client.request('headroom/pipelineGraph', { uri: 'file:///nowhere/x.yaml' }), null);
  } finally {
    await client.shutdown();
  }
});

test('headroom/pipelineGraph draws the custom components of a module the file imports, read from disk', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-graph-lsp-'));
  fs.writeFileSync(path.join(root, 'lib.alloy'), 'declare "relabel" {\n  argument "forward_to" { }\n  loki.relabel "default" {\n    forward_to = argument.forward_to.value\n  }\n  export "receiver" {\n    value = loki.relabel.default.receiver\n  }\n}\n');
  const app = 'import.file "lib" {\n  filename = file.path_join(module_path, "lib.alloy")\n}\n\nlib.relabel "app" {\n  forward_to = [loki.write.default.receiver]\n}\n\nloki.write "default" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n';
  fs.writeFileSync(path.join(root, 'app.alloy'), app);
  const client = new LspTestClient();
  try {
    await client.initialize({}, pathToFileURL(root).href);
    const uri = pathToFileURL(path.join(root, 'app.alloy')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: app } });
    let graph: any;
    for (let i = 0; i < 100; i++) {
      graph = await client.request('headroom/pipelineGraph', { uri });
      if (graph.files.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(graph.files, [uri, pathToFileURL(path.join(root, 'lib.alloy')).href]);
    assert.deepEqual(graph.nodes.map((n: any) => `${n.id} ${n.group ?? ''}`), ['lib.relabel.app ', 'loki.write.default ', 'lib.relabel/loki.relabel.default lib.relabel']);
  } finally {
    await client.shutdown();
  }
});
