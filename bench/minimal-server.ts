import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';

// The anchor of the bench's first-diagnostics row: the least a language server on Node and
// vscode-languageserver can do between process start and a first publishDiagnostics. It answers
// initialize and publishes an empty list for every opened document, analysing nothing, so its time
// from process start is Node's start, loading vscode-languageserver and the handshake.
const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
connection.onDidOpenTextDocument(({ textDocument }) => {
  void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics: [] });
});
connection.listen();
