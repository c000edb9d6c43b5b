import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lsp-client';

// How diagnostics reach the client: pushed (publishDiagnostics) to clients that do not pull, pulled
// (textDocument/diagnostic, LSP 3.17) by clients that say they can — never both for one client.
// Either way they are for the newest version of the text, with no fixed delay.

const BROKEN = 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  output { }\n}\n';
const FIXED = BROKEN.replace('send_batch_size = 8192', 'send_batch_size = 1000');
const POD = (memory: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: alloy\nspec:\n  template:\n    spec:\n      containers:\n        - name: alloy\n          image: grafana/alloy:v1.18.0\n          resources:\n            requests:\n              cpu: 500m\n              memory: ${memory}\n            limits:\n              memory: ${memory}\n`;
const LIMITER = 'otelcol.processor.memory_limiter "default" {\n  check_interval = "1s"\n  limit          = "1000MiB"\n  spike_limit    = "200MiB"\n\n  output { }\n}\n';
const PULL = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } };

const codes = (items: { code: string }[]) => items.map((d) => d.code);
const published = (client: LspTestClient) => client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics');

test('a client that pulls: reports, "unchanged" for a result it has, a new report after an edit, and nothing pushed', async () => {
  const client = new LspTestClient();
  try {
    const init = await client.initialize(PULL);
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'headroom', interFileDependencies: true, workspaceDiagnostics: false });
    const uri = 'file:///pull/pipeline.alloy';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: BROKEN } });
    const first = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    assert.deepEqual(codes(first.items), ['alloy/batch-max-below-size']);
    assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId }), { kind: 'unchanged', resultId: first.resultId });

    // Typed in two notifications, pulled right after: the report is for the last one.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FIXED.replace('1000', '10') }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 1, character: 22 }, end: { line: 1, character: 22 } }, text: '00' }] });
    const second = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'full');
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(second.items, []);

    // A request for the document list and a round trip later, still nothing was pushed.
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.request('headroom/stats', null);
    assert.deepEqual(published(client), []);
  } finally {
    await client.shutdown();
  }
});

test('a pulling client is asked to pull again when another file\'s facts change, and gets the cross-file finding', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize(PULL);
    const config = 'file:///pull/config.alloy';
    client.notify('textDocument/didOpen', { textDocument: { uri: config, languageId: 'grafana-alloy', version: 1, text: LIMITER } });
    const before = await client.request('textDocument/diagnostic', { textDocument: { uri: config } });
    assert.equal(codes(before.items).includes('alloy/memory-limiter-vs-container'), false);
    const refreshes = () => client.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    const already = refreshes();
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///pull/alloy.yaml', languageId: 'yaml', version: 1, text: POD('1Gi') } });
    await client.request('headroom/stats', null);
    assert.equal(refreshes(), already + 1);
    const after = await client.request('textDocument/diagnostic', { textDocument: { uri: config }, previousResultId: before.resultId });
    assert.equal(after.kind, 'full');
    assert.ok(codes(after.items).includes('alloy/memory-limiter-vs-container'), JSON.stringify(after.items));
  } finally {
    await client.shutdown();
  }
});

test('a pull the client cancels before it is answered is answered as cancelled', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize(PULL);
    const uri = 'file:///pull/cancel.alloy';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: BROKEN } });
    await client.request('textDocument/diagnostic', { textDocument: { uri } });
    // The request and its cancellation arrive together, as when an editor pulls and the user types on.
    const reply = await client.requestAndCancel('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(reply.error?.code, -32800, JSON.stringify(reply));
  } finally {
    await client.shutdown();
  }
});

test('a client that does not pull gets pushed diagnostics for each newest version, no diagnostic provider, and a clear on close', async () => {
  const client = new LspTestClient();
  try {
    const init = await client.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
    assert.equal(init.capabilities.diagnosticProvider, undefined);
    const uri = 'file:///push/pipeline.alloy';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: BROKEN } });
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['alloy/batch-max-below-size']);
    // A burst: every version but the last is superseded before it is analysed.
    for (let version = 2; version <= 40; version++) {
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: version % 2 === 0 ? FIXED : BROKEN }] });
    }
    assert.deepEqual(codes(await client.diagnostics(uri, 40)), []);
    const versions = published(client).filter((n) => n.params.uri === uri).map((n) => n.params.version);
    assert.ok(versions.length < 10, `published for versions ${versions.join(', ')}`);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.request('headroom/stats', null);
    const last = published(client).filter((n) => n.params.uri === uri).pop();
    assert.deepEqual(last?.params.diagnostics, []);
  } finally {
    await client.shutdown();
  }
});

test('a re-lint that changes nothing publishes nothing: opening an unrelated file does not re-send the others', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///push/a.alloy';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: BROKEN } });
    await client.diagnostics(uri, 1);
    // A manifest with facts makes every document re-lint; the pipeline's findings stay the same.
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///push/pod.yaml', languageId: 'yaml', version: 1, text: POD('2Gi') } });
    await client.diagnostics('file:///push/pod.yaml', 1);
    await client.request('headroom/stats', null);
    assert.equal(published(client).filter((n) => n.params.uri === uri).length, 1);
  } finally {
    await client.shutdown();
  }
});
