import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lsp-client';
import { repoRoot } from '../helpers/paths';

// Over stdio against dist/server.js: every diagnostic links to its rule page shipped beside the server
// (a file URI, so it works offline), and every finding offers "Ignore <code> on this line".

let client: LspTestClient;
before(async () => {
  client = new LspTestClient();
  await client.initialize();
});
after(() => client.shutdown());

const gateway = fs.readFileSync(path.join(repoRoot(), 'examples', 'alloy', 'otlp-gateway.alloy'), 'utf8');

test('codeDescription: the page of the code, in docs/rules next to dist/', async () => {
  const uri = 'file:///workspace/gateway.alloy';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: gateway } });
  const diagnostics = await client.diagnostics(uri, 1);
  assert.ok(diagnostics.length > 3);
  for (const diagnostic of diagnostics) {
    const href = diagnostic.codeDescription?.href;
    assert.ok(href?.startsWith('file://'), `${diagnostic.code}: ${href}`);
    const file = fileURLToPath(href);
    assert.equal(file, path.join(repoRoot(), 'docs', 'rules', `${diagnostic.code}.md`));
    assert.equal(fs.readFileSync(file, 'utf8').split('\n')[0], `# ${diagnostic.code}`);
  }
});

test('every finding offers "Ignore <code> on this line" after its own fixes; applied, the finding goes and nothing replaces it', async () => {
  const uri = 'file:///workspace/ignore.alloy';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: gateway } });
  const diagnostics = await client.diagnostics(uri, 1);
  const target = diagnostics.find((d) => d.code === 'alloy/unknown-argument')!;
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri }, range: target.range, context: { diagnostics: [], only: ['quickfix'] },
  });
  const titles = actions.map((a: { title: string }) => a.title);
  const ignore = actions.find((a: { title: string }) => a.title === 'Ignore alloy/unknown-argument on this line');
  assert.ok(ignore, titles.join(' | '));
  assert.ok(titles.indexOf(ignore.title) > titles.indexOf('Rename to send_batch_size'), 'after the real fix');
  assert.equal(ignore.kind, 'quickfix');
  assert.equal(ignore.isPreferred, undefined);
  assert.equal(ignore.diagnostics[0].code, 'alloy/unknown-argument');
  const edits = ignore.edit.changes[uri];
  const text = TextDocument.applyEdits(TextDocument.create(uri, 'grafana-alloy', 1, gateway), edits);
  assert.equal(text.split('\n')[target.range.start.line].trim(), '// headroom-ignore-next-line alloy/unknown-argument: TODO explain why');
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  const after = await client.diagnostics(uri, 2);
  const shifted = (d: any) => (d.range.start.line > target.range.start.line ? d.range.start.line - 1 : d.range.start.line);
  assert.deepEqual(after.map((d) => `${shifted(d)} ${d.code}`).sort(),
    diagnostics.filter((d) => d !== target).map((d) => `${d.range.start.line} ${d.code}`).sort());
});
