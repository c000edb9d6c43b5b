// Runs inside VS Code's extension host (see runTest.mjs): the same checks as the code-server suite,
// through the vscode API instead of the screen.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function waitFor(condition, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const open = async (relative) => {
    const doc = await vscode.workspace.openTextDocument(path.join(folder, relative));
    await vscode.window.showTextDocument(doc);
    return doc;
  };

  const broken = await open('broken.alloy');
  assert.equal(broken.languageId, 'grafana-alloy');
  const syntax = await waitFor(() => vscode.languages.getDiagnostics(broken.uri).find((d) => d.code === 'alloy/syntax'), 'the syntax finding');
  assert.equal(syntax.range.start.line, 3);

  const pipeline = await open('pipeline.alloy');
  await waitFor(() => vscode.languages.getDiagnostics(pipeline.uri).length > 0, 'pipeline findings');
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', pipeline.uri);
  assert.ok(symbols.some((s) => s.name === 'otelcol.processor.batch "default"'));
  const definitions = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', pipeline.uri, new vscode.Position(5, 30));
  assert.equal((definitions[0].range ?? definitions[0].targetRange).start.line, 9);
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', pipeline.uri, new vscode.Position(11, 2));
  assert.match(hovers.map((h) => h.contents.map((c) => c.value ?? c).join('')).join(''), /alloy tier/);
  const hints = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', pipeline.uri, new vscode.Range(0, 0, 40, 0));
  assert.ok(hints.some((h) => String(h.label).includes('flush at 8192')));
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', pipeline.uri, new vscode.Range(21, 0, 21, 40));
  const fix = actions.find((a) => a.title === 'Set send_batch_max_size = 16384');
  assert.ok(fix);
  await vscode.workspace.applyEdit(fix.edit);
  assert.match(pipeline.getText(), /send_batch_max_size = 16384/);

  for (const [file, pattern] of [['kubernetes/alloy.yaml', /above limits\.memory/], ['helm/values.yaml', /GOMEMLIMIT/], ['clickhouse/config.xml', /user-level/]]) {
    const doc = await open(file);
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((d) => pattern.test(d.message)), `${file} findings`);
  }
  const notes = await open('notes.yaml');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.deepEqual(vscode.languages.getDiagnostics(notes.uri).filter((d) => d.source === 'headroom'), []);
};
