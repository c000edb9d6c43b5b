import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LSPErrorCodes, ResponseError, TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';

/**
 * textDocument/prepareRename and textDocument/rename. A refusal is an error reply whose message says
 * why (VS Code shows it where the rename box would be). Names can be used in files that are not open:
 * those are read from disk here, so the core stays free of file access.
 */
export function register(ctx: ServerContext, supportsDocumentChanges: () => boolean): void {
  const read = (uri: string) => readFromDisk(uri, ctx.engine.currentConfig.maxFileBytes);

  ctx.connection.onPrepareRename(({ textDocument, position }) => {
    syncAll(ctx);
    const result = ctx.engine.prepareRename(textDocument.uri, position, read);
    if (!result) return null;
    if ('error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    return result;
  });

  ctx.connection.onRenameRequest(({ textDocument, position, newName }): WorkspaceEdit => {
    syncAll(ctx);
    const result = ctx.engine.rename(textDocument.uri, position, newName, read);
    if ('error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    if (!supportsDocumentChanges()) return { changes: result.changes };
    // With versions, a client refuses the edit if a document changed since the server read it.
    return {
      documentChanges: Object.entries(result.changes).map(([uri, edits]) =>
        TextDocumentEdit.create({ uri, version: ctx.documents.get(uri)?.version ?? null }, edits)),
    };
  });
}

/** Every open document's queued edits are applied first: a rename reads all of them. */
function syncAll(ctx: ServerContext): void {
  ctx.sync();
}

function readFromDisk(uri: string, maxBytes: number): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = fileURLToPath(uri);
    if (fs.statSync(file).size > maxBytes) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
