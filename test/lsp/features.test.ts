import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lsp-client';
import { repoRoot } from '../helpers/paths';

// The editor features over stdio against dist/server.js, on the README's example files: quick fixes and
// source.fixAll.headroom (applied, then re-checked), inlay hints and their setting, the tier code lens,
// completion, pushed settings, and which YAML/XML documents the server claims.

const example = (name: string) => fs.readFileSync(path.join(repoRoot(), 'examples', name), 'utf8');
const gateway = example('alloy/otlp-gateway.alloy');
const gatewayUri = 'file:///workspace/otlp-gateway.alloy';
const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize();
  client.notify('textDocument/didOpen', { textDocument: { uri: gatewayUri, languageId: 'grafana-alloy', version: 1, text: gateway } });
});

after(() => client.shutdown());

function apply(text: string, edits: any[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, text), edits);
}

test('quick fix: the rename names one edit, applied by didChange it clears that finding only', async () => {
  const before = await client.diagnostics(gatewayUri, 1);
  const unknown = before.filter((d) => d.code === 'alloy/unknown-argument').map((d) => d.range.start.line);
  assert.deepEqual(unknown, [22, 34, 35]);

  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri: gatewayUri }, range: { start: { line: 22, character: 3 }, end: { line: 22, character: 3 } },
    context: { diagnostics: [], only: ['quickfix'] },
  });
  // The rename, then "Ignore alloy/unknown-argument on this line" (test/lsp/docs-and-suppressions.test.ts).
  assert.deepEqual(actions.map((a: { title: string }) => a.title), ['Rename to send_batch_size', 'Ignore alloy/unknown-argument on this line']);
  const [rename] = actions;
  assert.equal(rename.title, 'Rename to send_batch_size');
  assert.equal(rename.kind, 'quickfix');
  assert.equal(rename.isPreferred, true);
  assert.equal(rename.diagnostics[0].code, 'alloy/unknown-argument');
  const edits = rename.edit.changes[gatewayUri];
  assert.deepEqual(edits, [{ range: { start: { line: 22, character: 1 }, end: { line: 22, character: 11 } }, newText: 'send_batch_size' }]);

  client.notify('textDocument/didChange', { textDocument: { uri: gatewayUri, version: 2 }, contentChanges: edits.map((e: any) => ({ range: e.range, text: e.newText })) });
  const after = await client.diagnostics(gatewayUri, 2);
  assert.deepEqual(after.filter((d) => d.code === 'alloy/unknown-argument').map((d) => d.range.start.line), [34, 35]);
  // Renamed, send_batch_size = 8192 is now above send_batch_max_size = 4096: the next problem shows.
  assert.ok(after.some((d) => d.code === 'alloy/batch-max-below-size' && d.range.start.line === 23), JSON.stringify(after));
});

test('source.fixAll.headroom: one action whose edits leave nothing auto-fixable, and a second run offers nothing', async () => {
  const uri = 'file:///workspace/fix-all.alloy';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: gateway } });
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.headroom');
  const fixed = apply(gateway, actions[0].edit.changes[uri]);
  assert.match(fixed, /^\tsend_batch_size {10}= 8192$/m);
  assert.match(fixed, /^\tlimit = "1000MiB"$/m);
  assert.ok(fixed.startsWith('// headroom: workload=alloy tier=medium\n// An OTLP gateway pipeline'), 'comments kept');

  const fixedUri = 'file:///workspace/fixed.alloy';
  client.notify('textDocument/didOpen', { textDocument: { uri: fixedUri, languageId: 'grafana-alloy', version: 1, text: fixed } });
  const diagnostics = await client.diagnostics(fixedUri, 1);
  for (const code of ['alloy/syntax', 'alloy/unknown-argument', 'alloy/pipeline-order']) {
    assert.equal(diagnostics.some((d) => d.code === code), false, `${code} left after fix all: ${JSON.stringify(diagnostics)}`);
  }
  const again = await client.request('textDocument/codeAction', {
    textDocument: { uri: fixedUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.headroom'] },
  });
  assert.deepEqual(again, []);
});

test('inlay hints sit inside the document and follow headroom.inlayHints.enabled', async () => {
  const lineCount = gateway.split('\n').length;
  const hints = await client.request('textDocument/inlayHint', { textDocument: { uri: 'file:///workspace/fix-all.alloy' }, range: whole });
  assert.ok(hints.length >= 2, JSON.stringify(hints));
  for (const hint of hints) {
    assert.ok(hint.position.line < lineCount);
    assert.doesNotMatch(hint.label, /NaN|undefined|Infinity/);
  }
  assert.ok(hints.some((h: any) => h.position.line === 4 && /medium tier/.test(h.label)), JSON.stringify(hints));
  assert.ok(hints.some((h: any) => h.position.line === 21 && /flush at/.test(h.label)), JSON.stringify(hints));

  client.notify('workspace/didChangeConfiguration', { settings: { headroom: { inlayHints: { enabled: false } } } });
  let off: unknown[] = hints;
  for (let i = 0; i < 50 && off.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
    off = await client.request('textDocument/inlayHint', { textDocument: { uri: 'file:///workspace/fix-all.alloy' }, range: whole });
  }
  assert.deepEqual(off, []);
  client.notify('workspace/didChangeConfiguration', { settings: { headroom: { inlayHints: { enabled: true } } } });
});

test('pushed headroom.severity turns a code off and another down', async () => {
  const uri = 'file:///workspace/severity.alloy';
  client.notify('workspace/didChangeConfiguration', {
    settings: { headroom: { severity: { 'alloy/pipeline-order': 'off', 'alloy/unknown-argument': 'hint' } } },
  });
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: gateway } });
  let diagnostics: any[] = [];
  for (let i = 0; i < 50; i++) {
    diagnostics = await client.diagnostics(uri, 1);
    if (diagnostics.every((d) => d.code !== 'alloy/pipeline-order')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(diagnostics.some((d) => d.code === 'alloy/pipeline-order'), false);
  const unknown = diagnostics.filter((d) => d.code === 'alloy/unknown-argument');
  assert.equal(unknown.length, 3);
  assert.ok(unknown.every((d) => d.severity === 4), JSON.stringify(unknown));
  client.notify('workspace/didChangeConfiguration', { settings: { headroom: {} } });
});

test('the tier code lens and completion with the tier value', async () => {
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: gatewayUri } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].range.start.line, 0);
  assert.match(lenses[0].command.title, /alloy tier medium \(from the headroom directive on line 1\)/);

  // Inside otelcol.processor.batch "default" { ... }, on the empty line after `timeout`, in the original
  // text (where batch_size is still the Collector name, so send_batch_size is not set yet).
  const uri = 'file:///workspace/complete.alloy';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: gateway } });
  const items = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 25, character: 0 } });
  const list = Array.isArray(items) ? items : items.items;
  const sendBatchSize = list.find((item: any) => item.label === 'send_batch_size');
  assert.ok(sendBatchSize, JSON.stringify(list.map((i: any) => i.label)));
  assert.match(sendBatchSize.detail, /medium tier: 8192/);
  assert.equal(list.some((item: any) => item.label === 'limit'), false, 'memory_limiter arguments are not offered in a batch block');
  assert.equal(list.some((item: any) => item.label === 'timeout'), false, 'arguments already set are not offered again');
});

test('YAML and XML: manifests, values and ClickHouse configs are claimed; other files get nothing', async () => {
  const open = async (uri: string, languageId: string, text: string) => {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return client.diagnostics(uri, 1);
  };
  const workflow = 'name: CI\non:\n  push: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    resources: 2GB\n    steps:\n      - run: echo hi\n';
  assert.deepEqual(await open('file:///workspace/.github/workflows/ci.yaml', 'yaml', workflow), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///workspace/.github/workflows/ci.yaml' }, position: { line: 6, character: 16 } }), null);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///workspace/.github/workflows/ci.yaml' } }), []);

  const pom = '<project>\n  <max_memory_usage>1</max_memory_usage>\n</project>\n';
  assert.deepEqual(await open('file:///workspace/pom.xml', 'xml', pom), []);

  const manifest = await open('file:///workspace/sts.yaml', 'yaml', example('kubernetes/alloy-statefulset.yaml'));
  assert.ok(manifest.some((d) => d.code === 'k8s/requests-above-limits' && d.severity === 1), JSON.stringify(manifest));
  assert.ok(manifest.some((d) => d.code === 'hpa/bounds'));

  const values = await open('file:///workspace/values.yaml', 'yaml', example('helm/values.yaml'));
  assert.ok(values.some((d) => d.code === 'k8s/gomemlimit-value'), JSON.stringify(values));

  const clickhouse = await open('file:///workspace/config.xml', 'xml', example('clickhouse/config.xml'));
  assert.deepEqual(clickhouse.filter((d) => d.code === 'clickhouse/setting-wrong-level').map((d) => d.range.start.line), [4, 11]);
  for (const diagnostic of [...manifest, ...values, ...clickhouse]) {
    assert.equal(diagnostic.source, 'headroom');
    assert.doesNotMatch(diagnostic.message, /NaN|undefined/);
  }
});
