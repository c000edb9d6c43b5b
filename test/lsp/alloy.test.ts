import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lsp-client';

// Drives dist/server.js over stdio exactly as an editor does: open a broken file, fix it with
// incremental edits, and check what is published after each one; then the navigation requests.

const uri = 'file:///workspace/pipeline.alloy';
const broken = [
  'otelcol.receiver.otlp "default" {',
  '  grpc {',
  '    endpoint = "0.0.0.0:4317"',
  '  }',
  '  output {',
  '    traces = [',
  '      otelcol.processor.batch.default.input',
  '    ]',
  '  }',
  '}',
  '',
  'otelcol.processor.batch "default" {',
  '  output {',
  '    traces = [otelcol.exporter.otlp.default.input]',
  '  }',
  '',
  'otelcol.exporter.otlp "default" {',
  '  client {',
  '    endpoint = "tempo:4317"',
  '  }',
  '}',
  '',
].join('\n');

let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  const init = await client.initialize();
  assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  assert.ok(init.capabilities.hoverProvider);
});

after(() => client.shutdown());

test('diagnostics follow incremental edits', async () => {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: broken } });
  let diagnostics = await client.diagnostics(uri, 1);
  const syntax = diagnostics.filter((d) => d.code === 'alloy/syntax');
  assert.equal(syntax.length, 2, JSON.stringify(diagnostics));
  assert.match(syntax[0].message, /missing ',' after this element/);
  assert.equal(syntax[0].range.start.line, 6);
  assert.match(syntax[1].message, /block otelcol\.processor\.batch "default" opened at line 12 is never closed/);
  assert.equal(syntax[1].range.start.line, 11);
  assert.equal(syntax[1].source, 'headroom');

  // Edit 1: add the trailing comma.
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 6, character: 43 }, end: { line: 6, character: 43 } }, text: ',' }],
  });
  diagnostics = await client.diagnostics(uri, 2);
  assert.deepEqual(diagnostics.filter((d) => d.code === 'alloy/syntax').map((d) => d.range.start.line), [11]);

  // Edit 2: close the batch block in two keystrokes that reach the server together.
  client.notifyBurst([
    { method: 'textDocument/didChange', params: { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 14, character: 3 }, end: { line: 14, character: 3 } }, text: '\n' }] } },
    { method: 'textDocument/didChange', params: { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 0 } }, text: '}' }] } },
  ]);
  diagnostics = await client.diagnostics(uri, 4);
  assert.deepEqual(diagnostics.filter((d) => d.code === 'alloy/syntax'), []);
  assert.equal(client.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.version === 3), false,
    'the superseded version 3 is never linted');

  // Edit 3: break it again by deleting the closing brace of the exporter's client block.
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 5 },
    contentChanges: [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 3 } }, text: '' }],
  });
  diagnostics = await client.diagnostics(uri, 5);
  assert.equal(diagnostics.filter((d) => d.code === 'alloy/syntax').length, 1, JSON.stringify(diagnostics));
});

test('navigation: symbols, definition, references, hover, folding', async () => {
  const symbolsUri = 'file:///workspace/nav.alloy';
  const text = broken.replace('      otelcol.processor.batch.default.input\n', '      otelcol.processor.batch.default.input,\n')
    .replace('  }\n\notelcol.exporter', '  }\n}\n\notelcol.exporter');
  client.notify('textDocument/didOpen', { textDocument: { uri: symbolsUri, languageId: 'grafana-alloy', version: 1, text } });
  // Valid Alloy; the only finding is the capacity warning that the pipeline has no memory limiter.
  assert.deepEqual((await client.diagnostics(symbolsUri, 1)).map((d: any) => d.code), ['alloy/missing-memory-limiter']);

  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: symbolsUri } });
  assert.deepEqual(symbols.map((s: any) => s.name), [
    'otelcol.receiver.otlp "default"', 'otelcol.processor.batch "default"', 'otelcol.exporter.otlp "default"',
  ]);
  assert.deepEqual(symbols[0].children.map((s: any) => s.name), ['grpc', 'output']);

  const definition = await client.request('textDocument/definition', { textDocument: { uri: symbolsUri }, position: { line: 6, character: 20 } });
  assert.equal(definition.length, 1);
  assert.deepEqual(definition[0].range.start, { line: 11, character: 0 });

  const references = await client.request('textDocument/references', {
    textDocument: { uri: symbolsUri }, position: { line: 11, character: 5 }, context: { includeDeclaration: false },
  });
  assert.deepEqual(references.map((r: any) => r.range.start.line), [6]);

  const hover = await client.request('textDocument/hover', { textDocument: { uri: symbolsUri }, position: { line: 13, character: 20 } });
  assert.match(hover.contents.value, /otelcol\.exporter\.otlp "default"/);
  assert.match(hover.contents.value, /Referenced 1 time/);

  const folding = await client.request('textDocument/foldingRange', { textDocument: { uri: symbolsUri } });
  assert.ok(folding.some((f: any) => f.startLine === 0 && f.endLine === 8));
});

test('a malformed message does not stop the server', async () => {
  client.writeRaw('Content-Length: 12\r\n\r\n{"broken": [');
  client.writeRaw('Content-Length: 2\r\n\r\n{}');
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols));
  assert.equal(client.process.exitCode, null);
});
