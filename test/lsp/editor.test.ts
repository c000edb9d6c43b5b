import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lsp-client';

// Editor features over stdio against dist/server.js: semantic tokens (full, and delta against the
// previous result), prepareRename/rename (in a document and across files on disk that are not open),
// document highlights, signature help and workspace symbols. The workspace is a temporary folder.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-editor-'));
const file = (name: string) => path.join(root, name);
const uriOf = (name: string) => pathToFileURL(file(name)).href;

const mainText = [
  'import.file "lib" {',
  '  filename = file.path_join(module_path, "lib.alloy")',
  '}',
  '',
  'lib.relabel "app" {',
  '  targets = discovery.kubernetes.pods.targets',
  '}',
  '',
  'discovery.kubernetes "pods" {',
  '  role = "pod"',
  '}',
  '',
  'prometheus.scrape "default" {',
  '  targets    = lib.relabel.app.output',
  '  forward_to = [prometheus.remote_write.default.receiver]',
  '  job_name   = string.format("%s/%s", sys.env("CLUSTER"), "app")',
  '}',
  '',
  'prometheus.remote_write "default" {',
  '  endpoint {',
  '    url = "http://mimir/api/v1/push"',
  '  }',
  '}',
  '',
].join('\n');
const libText = [
  'declare "relabel" {',
  '  argument "targets" { }',
  '',
  '  discovery.relabel "keep" {',
  '    targets = argument.targets.value',
  '  }',
  '',
  '  export "output" {',
  '    value = discovery.relabel.keep.output',
  '  }',
  '}',
  '',
].join('\n');
const deployment = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: batch-gateway',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: gateway',
  '          image: grafana/alloy:v1.18.0',
  '',
].join('\n');

let client: LspTestClient;
let capabilities: any;
const mainUri = uriOf('main.alloy');

before(async () => {
  fs.writeFileSync(file('main.alloy'), mainText);
  fs.writeFileSync(file('lib.alloy'), libText);
  fs.writeFileSync(file('gateway.yaml'), deployment);
  client = new LspTestClient();
  capabilities = (await client.initialize({ workspace: { workspaceEdit: { documentChanges: true } } }, pathToFileURL(root).href)).capabilities;
  client.notify('textDocument/didOpen', { textDocument: { uri: mainUri, languageId: 'grafana-alloy', version: 1, text: mainText } });
  // The background scan has read lib.alloy and gateway.yaml when their symbols are listed.
  for (let i = 0; i < 100; i++) {
    const symbols: any[] = await client.request('workspace/symbol', { query: '' });
    if (symbols.some((s) => s.location.uri === uriOf('lib.alloy')) && symbols.some((s) => s.location.uri === uriOf('gateway.yaml'))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the workspace scan did not finish: ${client.stderr}`);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Decodes LSP semantic token data into `line:character text:type+modifiers`. */
function decode(text: string, data: number[]): string[] {
  const { tokenTypes, tokenModifiers } = capabilities.semanticTokensProvider.legend;
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const modifiers = (tokenModifiers as string[]).filter((_, bit) => data[i + 4] & (1 << bit));
    out.push(`${line}:${character} ${lines[line].slice(character, character + data[i + 2])}:${[tokenTypes[data[i + 3]], ...modifiers].join('+')}`);
  }
  return out;
}

function applyDelta(data: number[], edits: { start: number; deleteCount: number; data?: number[] }[]): number[] {
  const out = [...data];
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return out;
}

test('capabilities: semantic tokens with delta and a standard legend, rename with prepare, highlights, signature help, workspace symbols', () => {
  assert.deepEqual(capabilities.semanticTokensProvider.full, { delta: true });
  assert.ok(capabilities.semanticTokensProvider.legend.tokenTypes.includes('namespace'));
  assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
  assert.equal(capabilities.documentHighlightProvider, true);
  assert.deepEqual(capabilities.signatureHelpProvider.triggerCharacters, ['(', ',']);
  assert.equal(capabilities.workspaceSymbolProvider, true);
});

test('semantic tokens: full, then a real delta after an edit that equals a fresh full result', async () => {
  const uri = uriOf('tokens.alloy');
  let text = 'loki.write "default" { }\nloki.process "p" {\n  forward_to = [loki.write.default.receiver]\n}\n';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text } });
  const full = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.deepEqual(decode(text, full.data), [
    '0:0 loki:namespace+defaultLibrary', '0:5 write:class+defaultLibrary', '0:12 default:variable+declaration',
    '1:0 loki:namespace+defaultLibrary', '1:5 process:class+defaultLibrary', '1:14 p:variable+declaration',
    '2:2 forward_to:property', '2:16 loki:namespace+defaultLibrary', '2:21 write:class+defaultLibrary', '2:27 default:variable',
    '2:35 receiver:property+readonly',
  ]);

  // Unchanged: an empty delta.
  const same = await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: full.resultId });
  assert.deepEqual(same.edits, []);
  assert.notEqual(same.resultId, full.resultId);

  // A new component at the end: the delta touches only the end of the data.
  const insert = 'loki.echo "e" { }\n';
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: insert }],
  });
  text += insert;
  const delta = await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: same.resultId });
  assert.equal(delta.edits.length, 1);
  assert.equal(delta.edits[0].start, full.data.length, 'only appended');
  const patched = applyDelta(full.data, delta.edits);
  const fresh = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.deepEqual(patched, fresh.data);
  assert.deepEqual(decode(text, patched).slice(-3), ['4:0 loki:namespace+defaultLibrary', '4:5 echo:class+defaultLibrary', '4:11 e:variable+declaration']);

  // A result id the server does not know (say, from before a restart): the whole data comes back.
  const unknown = await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'stale' });
  assert.deepEqual(unknown.data, fresh.data);
});

test('prepareRename: the label under the cursor, or an error that says why not', async () => {
  const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: mainUri }, position: { line: 14, character: 45 } });
  assert.deepEqual(prepared, { range: { start: { line: 14, character: 40 }, end: { line: 14, character: 47 } }, placeholder: 'default' });
  await assert.rejects(
    client.request('textDocument/prepareRename', { textDocument: { uri: mainUri }, position: { line: 12, character: 3 } }),
    /`prometheus\.scrape` is a built-in component: Alloy fixes its name\. Rename its label instead\./);
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri: mainUri }, position: { line: 18, character: 26 }, newName: 'my-label' }),
    /`my-label` is not a valid Alloy identifier/);
});

test('rename a label: versioned edits to the open document, names only', async () => {
  const edit = await client.request('textDocument/rename', { textDocument: { uri: mainUri }, position: { line: 18, character: 26 }, newName: 'mimir' });
  assert.equal(edit.documentChanges.length, 1);
  const [change] = edit.documentChanges;
  assert.deepEqual(change.textDocument, { uri: mainUri, version: 1 });
  const after = TextDocument.applyEdits(TextDocument.create(mainUri, 'alloy', 1, mainText), change.edits);
  assert.equal(after, mainText.replace('prometheus.remote_write "default"', 'prometheus.remote_write "mimir"')
    .replace('prometheus.remote_write.default.receiver', 'prometheus.remote_write.mimir.receiver'));
});

test('rename a custom component from its use: the declare in lib.alloy, which is not open, is read from disk', async () => {
  const edit = await client.request('textDocument/rename', { textDocument: { uri: mainUri }, position: { line: 4, character: 6 }, newName: 'keep_pods' });
  const byUri = Object.fromEntries(edit.documentChanges.map((c: any) => [c.textDocument.uri, c]));
  assert.deepEqual(Object.keys(byUri).sort(), [uriOf('lib.alloy'), mainUri].sort());
  assert.equal(byUri[uriOf('lib.alloy')].textDocument.version, null, 'not open: no version');
  const lib = TextDocument.applyEdits(TextDocument.create('x', 'alloy', 0, libText), byUri[uriOf('lib.alloy')].edits);
  assert.equal(lib, libText.replace('declare "relabel"', 'declare "keep_pods"'));
  const main = TextDocument.applyEdits(TextDocument.create('x', 'alloy', 0, mainText), byUri[mainUri].edits);
  assert.equal(main, mainText.replace('lib.relabel "app"', 'lib.keep_pods "app"').replace('lib.relabel.app.output', 'lib.keep_pods.app.output'));

  // An argument renamed from the attribute that sets it: the argument block and its use in lib.alloy too.
  const argument = await client.request('textDocument/rename', { textDocument: { uri: mainUri }, position: { line: 5, character: 4 }, newName: 'pods' });
  const libEdits = argument.documentChanges.find((c: any) => c.textDocument.uri === uriOf('lib.alloy')).edits;
  assert.equal(TextDocument.applyEdits(TextDocument.create('x', 'alloy', 0, libText), libEdits),
    libText.replace('argument "targets"', 'argument "pods"').replace('argument.targets.value', 'argument.pods.value'));
});

test('document highlights: a component label declared (write) and used (read)', async () => {
  const highlights = await client.request('textDocument/documentHighlight', { textDocument: { uri: mainUri }, position: { line: 5, character: 35 } });
  assert.deepEqual(highlights, [
    { range: { start: { line: 8, character: 22 }, end: { line: 8, character: 26 } }, kind: 3 },
    { range: { start: { line: 5, character: 33 }, end: { line: 5, character: 37 } }, kind: 2 },
  ]);
});

test('signature help while a call is typed, and hover on a library function', async () => {
  const uri = uriOf('typing.alloy');
  const text = 'prometheus.scrape "x" {\n  job_name = \n}\n';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text } });
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 13 } }, text: 'string.join(["a"], ' }],
  });
  const help = await client.request('textDocument/signatureHelp', {
    textDocument: { uri }, position: { line: 1, character: 32 }, context: { triggerKind: 2, triggerCharacter: ',', isRetrigger: false },
  });
  assert.equal(help.signatures[0].label, 'string.join(list: list(string), separator: string) → string');
  assert.equal(help.activeParameter, 1);
  const [start, end] = help.signatures[0].parameters[1].label;
  assert.equal(help.signatures[0].label.slice(start, end), 'separator: string');
  assert.match(help.signatures[0].documentation.value, /reference\/stdlib\/string\/#stringjoin/);

  const hover = await client.request('textDocument/hover', { textDocument: { uri: mainUri }, position: { line: 15, character: 45 } });
  assert.match(hover.contents.value, /^```\nsys\.env\(name: string\) → string\n```/);
});

test('workspace symbols: Alloy names of open and unopened files, and Kubernetes workloads', async () => {
  const symbols: any[] = await client.request('workspace/symbol', { query: 'relab' });
  const names = symbols.map((s) => `${s.name} ${path.basename(s.location.uri)}`);
  assert.ok(names.includes('declare "relabel" lib.alloy'), names.join(', '));
  assert.ok(names.includes('lib.relabel "app" main.alloy'), names.join(', '));
  assert.ok(names.includes('discovery.relabel "keep" lib.alloy'), names.join(', '));
  const keep = symbols.find((s) => s.name === 'discovery.relabel "keep"');
  assert.equal(keep.containerName, 'declare "relabel"');
  assert.deepEqual(keep.location.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 26 } });

  const workloads: any[] = await client.request('workspace/symbol', { query: 'batch-gw' });
  assert.deepEqual(workloads.map((s) => [s.name, s.containerName, path.basename(s.location.uri)]), [['batch-gateway', 'Deployment', 'gateway.yaml']]);
  assert.deepEqual(await client.request('workspace/symbol', { query: 'no-such-name-anywhere' }), []);
});

test('a client with dynamic registration gets these providers for Alloy documents only (YAML and XML keep the editor\'s own)', async () => {
  const dynamic = new LspTestClient();
  try {
    const caps = (await dynamic.initialize({
      textDocument: Object.fromEntries(['semanticTokens', 'rename', 'documentHighlight', 'signatureHelp'].map((f) => [f, { dynamicRegistration: true }])),
    })).capabilities;
    for (const provider of ['semanticTokensProvider', 'renameProvider', 'documentHighlightProvider', 'signatureHelpProvider']) {
      assert.equal(caps[provider], undefined, provider);
    }
    assert.equal(caps.workspaceSymbolProvider, true);
    let registrations: any[] = [];
    for (let i = 0; i < 50 && registrations.length < 4; i++) {
      registrations = dynamic.serverRequests.filter((r) => r.method === 'client/registerCapability').flatMap((r) => r.params.registrations)
        .filter((r: any) => /semanticTokens|rename|documentHighlight|signatureHelp/.test(r.method));
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(registrations.map((r) => r.method).sort(),
      ['textDocument/documentHighlight', 'textDocument/rename', 'textDocument/semanticTokens', 'textDocument/signatureHelp']);
    for (const registration of registrations) {
      assert.deepEqual(registration.registerOptions.documentSelector.map((s: any) => s.language ?? s.pattern),
        ['grafana-alloy', 'alloy', 'river', '**/*.{alloy,river}'], registration.method);
    }
    const rename = registrations.find((r) => r.method === 'textDocument/rename');
    assert.equal(rename.registerOptions.prepareProvider, true);
  } finally {
    await dynamic.shutdown();
  }
});
