import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lsp-client';

// textDocument/formatting and rangeFormatting over stdio against dist/server.js: the edits turn the
// document into exactly what `alloy fmt` prints, a range formats only the statements it touches, a
// document with a syntax error is left alone with a message saying where, and formatting is offered
// for Alloy documents only.

const UNFORMATTED = 'top   =    1\nblk  "x" {\n  a = 1\n  long_name = [ 1, 2, ]   // note\n}\nlast    =   "end"\n';
const FORMATTED = 'top = 1\n\nblk "x" {\n\ta         = 1\n\tlong_name = [1, 2] // note\n}\nlast = "end"\n';
const OPTIONS = { tabSize: 4, insertSpaces: true };

let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize();
});

after(() => client.shutdown());

function apply(text: string, edits: any[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, text), edits);
}

function open(uri: string, text: string, languageId = 'grafana-alloy'): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
}

test('a client that cannot register dynamically gets both capabilities statically', async () => {
  const other = new LspTestClient();
  try {
    const result = await other.initialize();
    assert.equal(result.capabilities.documentFormattingProvider, true);
    assert.equal(result.capabilities.documentRangeFormattingProvider, true);
  } finally {
    await other.shutdown();
  }
});

test('a client that registers dynamically gets formatting for Alloy documents only (not its YAML and XML)', async () => {
  const other = new LspTestClient();
  try {
    const result = await other.initialize({
      textDocument: { formatting: { dynamicRegistration: true }, rangeFormatting: { dynamicRegistration: true } },
    });
    assert.equal(result.capabilities.documentFormattingProvider, false);
    assert.equal(result.capabilities.documentRangeFormattingProvider, false);
    const deadline = Date.now() + 10_000;
    const registered = () => other.serverRequests.filter((r) => r.method === 'client/registerCapability')
      .flatMap((r) => r.params.registrations as { method: string; registerOptions: { documentSelector: unknown[] } }[])
      .filter((r) => r.method.includes('ormatting'));
    while (registered().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(registered().map((r) => r.method).sort(), ['textDocument/formatting', 'textDocument/rangeFormatting']);
    for (const registration of registered()) {
      assert.deepEqual(registration.registerOptions.documentSelector,
        [{ language: 'grafana-alloy' }, { language: 'alloy' }, { language: 'river' }, { pattern: '**/*.{alloy,river}' }]);
    }
  } finally {
    await other.shutdown();
  }
});

test('formatting: the edits give exactly the formatted text; a formatted document gets no edit', async () => {
  const uri = 'file:///workspace/format.alloy';
  open(uri, UNFORMATTED);
  const edits = await client.request('textDocument/formatting', { textDocument: { uri }, options: OPTIONS });
  assert.equal(apply(UNFORMATTED, edits), FORMATTED);

  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FORMATTED }] });
  assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: OPTIONS }), []);
});

test('formatting sees incremental changes made just before it', async () => {
  const uri = 'file:///workspace/incremental.alloy';
  open(uri, FORMATTED);
  // Misalign `a`: insert blanks before its `=` (line 3, after `a`).
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 11 } }, text: '   ' }],
  });
  const changed = apply(FORMATTED, [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 11 } }, newText: '   ' }]);
  const edits = await client.request('textDocument/formatting', { textDocument: { uri }, options: OPTIONS });
  assert.equal(apply(changed, edits), FORMATTED);
});

test('range formatting formats the touched statement only', async () => {
  const uri = 'file:///workspace/range.alloy';
  open(uri, UNFORMATTED);
  const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } };
  const edits = await client.request('textDocument/rangeFormatting', { textDocument: { uri }, range, options: OPTIONS });
  const out = apply(UNFORMATTED, edits).split('\n');
  const original = UNFORMATTED.split('\n');
  assert.equal(out[3], '\tlong_name = [1, 2] // note');
  assert.deepEqual(out.filter((_, i) => i !== 3), original.filter((_, i) => i !== 3));
});

test('a document with a syntax error: no edit, and a warning that says where', async () => {
  const uri = 'file:///workspace/broken.alloy';
  open(uri, 'a = 1\nblk {\n  b = [1,\n  c = 2\n}\n');
  const before = client.notifications.length;
  assert.equal(await client.request('textDocument/formatting', { textDocument: { uri }, options: OPTIONS }), null);
  const deadline = Date.now() + 5000;
  let warning: any;
  while (!warning && Date.now() < deadline) {
    warning = client.notifications.slice(before).find((n) => n.method === 'window/showMessage');
    if (!warning) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.ok(warning, 'a window/showMessage notification');
  assert.equal(warning.params.type, 2);
  assert.match(warning.params.message, /^Headroom did not format the file: 4:\d+: cannot format a file with a syntax error: /);
});

test('documents of other formats are not formatted', async () => {
  const uri = 'file:///workspace/deploy.yaml';
  open(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:   {name: x}\n', 'yaml');
  assert.equal(await client.request('textDocument/formatting', { textDocument: { uri }, options: OPTIONS }), null);
});
