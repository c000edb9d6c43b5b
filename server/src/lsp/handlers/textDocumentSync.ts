import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import type { TextChange } from '../../core/types';

/** didOpen / didChange (incremental) / didClose: keeps the engine's documents in step with the editor. */
export function register(ctx: ServerContext): void {
  const { connection, engine, documents } = ctx;

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const doc = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    documents.set(doc.uri, doc);
    const factsChanged = engine.open({ uri: doc.uri, text: doc.getText(), languageId: doc.languageId, version: doc.version });
    ctx.scheduleDiagnostics(factsChanged ? 'all' : doc.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const existing = documents.get(textDocument.uri);
    if (!existing) return;
    const updated = TextDocument.update(existing, contentChanges, textDocument.version);
    documents.set(updated.uri, updated);
    const changes = toTextChanges(existing, contentChanges);
    const source = { uri: updated.uri, text: updated.getText(), languageId: updated.languageId, version: updated.version };
    const factsChanged = changes ? engine.update(source, changes) : engine.open(source);
    ctx.scheduleDiagnostics(factsChanged ? 'all' : updated.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.delete(textDocument.uri);
    const factsChanged = engine.close(textDocument.uri);
    connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    if (factsChanged) ctx.scheduleDiagnostics('all');
  });
}

/** Incremental changes as the core wants them; undefined when a change replaces the whole text. */
function toTextChanges(_before: TextDocument, changes: TextDocumentContentChangeEvent[]): TextChange[] | undefined {
  const out: TextChange[] = [];
  for (const change of changes) {
    if (!('range' in change) || !change.range) return undefined;
    out.push({ range: change.range, text: change.text });
  }
  return out;
}
