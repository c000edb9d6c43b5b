import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LspTestClient } from '../helpers/lsp-client';
import { corpusPath, needsShared } from '../helpers/shared';
import { LineIndex } from '../../server/src/core/text';

// The server under load, over stdio: rapid incremental edits with requests interleaved, many open
// documents, and clients that misbehave.

const largest = () => corpusPath('alloy', 'grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__meta-monitoring__alloy.alloy');

test('1,000 rapid edits with hovers and symbols interleaved: the final diagnostics equal a fresh open of the final text', needsShared('corpus'), async () => {
  const client = new LspTestClient(undefined, ['--expose-gc']);
  try {
    await client.initialize();
    const uri = 'file:///load/large.alloy';
    let text = fs.readFileSync(largest(), 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text } });
    let seed = 12345;
    const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const pending: Promise<unknown>[] = [];
    for (let version = 2; version <= 1001; version++) {
      const lines = new LineIndex(text);
      const at = random(text.length);
      const remove = random(3) === 0 ? Math.min(random(4), text.length - at) : 0;
      const insert = ['', 'x', '\n', '{', '}', '"', ',', ' = 1'][random(8)];
      const change = { range: lines.range(at, at + remove), text: insert };
      text = text.slice(0, at) + insert + text.slice(at + remove);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      if (version % 50 === 0) {
        pending.push(client.request('textDocument/hover', { textDocument: { uri }, position: lines.positionAt(at) }));
        pending.push(client.request('textDocument/documentSymbol', { textDocument: { uri } }));
      }
    }
    await Promise.all(pending);
    const incremental = await client.diagnostics(uri, 1001, 30_000);
    const fresh = 'file:///load/fresh.alloy';
    client.notify('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'grafana-alloy', version: 1, text } });
    const expected = await client.diagnostics(fresh, 1, 30_000);
    const strip = (ds: { range: unknown; code: string; message: string }[]) => ds.map((d) => ({ range: d.range, code: d.code, message: d.message }));
    assert.deepEqual(strip(incremental), strip(expected));
    // Debouncing means far fewer lints than edits.
    const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).length;
    assert.ok(published < 200, `${published} diagnostics publications for 1,000 edits`);
  } finally {
    await client.shutdown();
  }
});

// The same property for the other formats (YAML re-parses only the chunks an edit touched), on the
// largest file of each: YAML-ish and XML-ish insertions, some of them breaking the text.
for (const [folder, languageId, inserts] of [
  ['k8s-workloads', 'yaml', ['', 'x', '\n', ': ', '- ', '  ', '"', '---\n']],
  ['helm-values', 'yaml', ['', 'x', '\n', ': ', '- ', '  ', '#', '{']],
  ['clickhouse', 'xml', ['', 'x', '\n', '<', '>', '</', '"', '<a/>']],
] as const) {
  test(`300 rapid edits of the largest ${folder} file: the final diagnostics equal a fresh open of the final text`, needsShared('corpus'), async () => {
    const client = new LspTestClient();
    try {
      await client.initialize();
      const dir = corpusPath(folder);
      const file = fs.readdirSync(dir).sort((a, b) => fs.statSync(`${dir}/${b}`).size - fs.statSync(`${dir}/${a}`).size)[0];
      const uri = `file:///load/${file}`;
      let text = fs.readFileSync(`${dir}/${file}`, 'utf8');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      let seed = 4242;
      const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
      for (let version = 2; version <= 301; version++) {
        const lines = new LineIndex(text);
        const at = random(text.length);
        const remove = random(3) === 0 ? Math.min(random(4), text.length - at) : 0;
        const insert = inserts[random(inserts.length)];
        text = text.slice(0, at) + insert + text.slice(at + remove);
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: lines.range(at, at + remove), text: insert }] });
        if (version % 25 === 0) await client.diagnostics(uri, version, 30_000);
      }
      const incremental = await client.diagnostics(uri, 301, 30_000);
      const fresh = `file:///load/fresh-${file}`;
      client.notify('textDocument/didOpen', { textDocument: { uri: fresh, languageId, version: 1, text } });
      const expected = await client.diagnostics(fresh, 1, 30_000);
      const strip = (ds: { range: unknown; code: string; message: string }[]) => ds.map((d) => ({ range: d.range, code: d.code, message: d.message }));
      assert.deepEqual(strip(incremental), strip(expected));
    } finally {
      await client.shutdown();
    }
  });
}

test('200 open documents, then closed: memory returns to a bound', needsShared('corpus'), async () => {
  const client = new LspTestClient(undefined, ['--expose-gc']);
  try {
    await client.initialize();
    const text = fs.readFileSync(largest(), 'utf8');
    const baseline = (await client.request('headroom/stats', null)).heapUsed as number;
    for (let i = 0; i < 200; i++) {
      client.notify('textDocument/didOpen', { textDocument: { uri: `file:///many/${i}.alloy`, languageId: 'grafana-alloy', version: 1, text } });
    }
    await client.diagnostics('file:///many/199.alloy', 1, 60_000);
    const open = await client.request('headroom/stats', null);
    assert.equal(open.documents, 200);
    for (let i = 0; i < 200; i++) client.notify('textDocument/didClose', { textDocument: { uri: `file:///many/${i}.alloy` } });
    const closed = await client.request('headroom/stats', null);
    assert.equal(closed.engineDocuments, 0);
    assert.ok(closed.heapUsed < baseline + 50e6, `heap ${Math.round(closed.heapUsed / 1e6)} MB after closing, baseline ${Math.round(baseline / 1e6)} MB, ${Math.round(open.heapUsed / 1e6)} MB with 200 open`);
  } finally {
    await client.shutdown();
  }
});

test('a client that disconnects mid-request: the server exits cleanly instead of hanging or crashing', needsShared('corpus'), async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///d.alloy', languageId: 'grafana-alloy', version: 1, text: fs.readFileSync(largest(), 'utf8') } });
  void client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///d.alloy' } }).catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
  client.process.stdin.end();
  client.process.stdout.destroy();
  const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 5000))]);
  assert.notEqual(code, 'hung');
  assert.doesNotMatch(client.stderr, /uncaught|unhandled/i);
});
