import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lsp-client';

// Three Alloy files of one folder (one config under `alloy run DIR`): B's declare exports what A's does,
// C's what B's does, and C hands it to a scrape. Editing A changes the facts of B and C, which the user
// did not touch: C's diagnostics and its hover over B's component follow at once.

const dir = 'file:///workspace/siblings/';
const a = `${dir}a.alloy`;
const b = `${dir}b.alloy`;
const c = `${dir}c.alloy`;
const consumer = 'declare "a" {\n  otelcol.processor.batch "x" {\n    output { }\n  }\n\n  export "out" {\n    value = otelcol.processor.batch.x.input\n  }\n}\n';
const receivers = 'declare "a" {\n  prometheus.remote_write "x" {\n    endpoint {\n      url = "http://mimir:9009/api/v1/push"\n    }\n  }\n\n  export "out" {\n    value = [prometheus.remote_write.x.receiver]\n  }\n}\n';
const bText = 'declare "b" {\n  a "x" { }\n\n  export "out" {\n    value = a.x.out\n  }\n}\n';
const cText = 'declare "c" {\n  b "y" { }\n\n  export "out" {\n    value = b.y.out\n  }\n}\n\nc "i" { }\n\nprometheus.scrape "p" {\n  targets    = []\n  forward_to = c.i.out\n}\n';

/** A server with A (exporting a consumer), B and C open. */
async function openChain(client: LspTestClient): Promise<void> {
  await client.initialize();
  for (const [uri, text] of [[a, consumer], [b, bText], [c, cText]]) {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text } });
  }
}

const toReceivers = { textDocument: { uri: a, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, text: receivers }] };

test('editing A re-lints C, whose facts read B\'s, which read A\'s: diagnostics and hover follow', async () => {
  const client = new LspTestClient();
  try {
    await openChain(client);
    const wrongType = (diagnostics: any[]) => diagnostics.filter((d) => d.code === 'alloy/wrong-type');
    const until = async (accept: (diagnostics: any[]) => boolean): Promise<any[]> => {
      let diagnostics: any[] = [];
      for (let i = 0; i < 100; i++) {
        diagnostics = await client.diagnostics(c);
        if (accept(diagnostics)) return diagnostics;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.fail(`never reached: ${JSON.stringify(diagnostics)}; stderr: ${client.stderr}`);
    };
    const found = wrongType(await until((d) => wrongType(d).length === 1));
    assert.equal(found[0].range.start.line, 12);
    const hover = async () => (await client.request('textDocument/hover', { textDocument: { uri: c }, position: { line: 1, character: 3 } })).contents.value as string;
    assert.match(await hover(), /Exports: `out` \(otelcol\.Consumer\)/);

    // A's export becomes a list of metrics receivers, typed in as an incremental change.
    client.notify('textDocument/didChange', toReceivers);
    await until((d) => wrongType(d).length === 0);
    assert.match(await hover(), /Exports: `out` \(list\(MetricsReceiver\)\)/);

    // A closed (not on disk): B's component `a` is unknown, so C's export type is too.
    client.notify('textDocument/didClose', { textDocument: { uri: a } });
    for (let i = 0; i < 100 && !/Exports: `out` \(any\)/.test(await hover()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(await hover(), /Exports: `out` \(any\)/);
  } finally {
    await client.shutdown();
  }
});

test('a request right behind an edit of another file answers with that edit applied', async () => {
  // The edit of A and the hover on C arrive together: the hover must not read A's facts from before it.
  const client = new LspTestClient();
  try {
    await openChain(client);
    await client.diagnostics(c);
    client.notify('textDocument/didChange', toReceivers);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: c }, position: { line: 1, character: 3 } });
    assert.match(hover.contents.value, /Exports: `out` \(list\(MetricsReceiver\)\)/);
  } finally {
    await client.shutdown();
  }
});
