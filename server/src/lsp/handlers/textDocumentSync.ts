import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { onFilesChanged } from '../workspaceScan';
import type { ServerContext } from '../context';
import type { TextChange } from '../../core/types';

/** didOpen / didChange (incremental) / didClose: keeps the engine's documents in step with the editor. */
/** Edits received but not yet parsed, per document; `null` when a full re-open is needed. */
const pending = new Map<string, TextChange[] | null>();

/** Applies the queued edits of every document to the engine. Returns true when cross-file facts changed. */
export function flush(ctx: ServerContext): boolean {
  let factsChanged = false;
  for (const [uri, changes] of pending) {
    pending.delete(uri);
    const doc = ctx.documents.get(uri);
    if (!doc) continue;
    const source = { uri, text: doc.getText(), languageId: doc.languageId, version: doc.version };
    if (changes ? ctx.engine.update(source, changes) : ctx.engine.open(source)) factsChanged = true;
  }
  return factsChanged;
}

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
    const changes = toTextChanges(contentChanges);
    const queue = pending.get(updated.uri);
    // A whole-text replacement, or any earlier one still queued, means a fresh parse.
    pending.set(updated.uri, changes && queue !== null ? [...(queue ?? []), ...changes] : null);
    ctx.scheduleDiagnostics(updated.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.delete(textDocument.uri);
    pending.delete(textDocument.uri);
    const factsChanged = engine.close(textDocument.uri);
    ctx.closed(textDocument.uri);
    if (factsChanged) ctx.scheduleDiagnostics('all');
    // Unsaved edits are gone with the editor: what cross-file rules see is the file on disk again.
    void onFilesChanged(ctx, [{ uri: textDocument.uri, type: FileChangeType.Changed }], () => engine.currentConfig.maxFileBytes);
  });
}

/** Incremental changes as the core wants them; undefined when a change replaces the whole text. */
function toTextChanges(changes: TextDocumentContentChangeEvent[]): TextChange[] | undefined {
  const out: TextChange[] = [];
  for (const change of changes) {
    if (!('range' in change) || !change.range) return undefined;
    out.push({ range: change.range, text: change.text });
  }
  return out;
}
