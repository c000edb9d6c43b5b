import { DocumentHighlightKind } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';

/** textDocument/documentHighlight: where the name under the cursor is declared (write) and used (read), or the same word (text). */
export function register(ctx: ServerContext): void {
  ctx.connection.onDocumentHighlight(({ textDocument, position }) => {
    ctx.sync();
    return ctx.engine.documentHighlights(textDocument.uri, position).map((h) => ({
      range: h.range,
      kind: h.kind === 'write' ? DocumentHighlightKind.Write : h.kind === 'read' ? DocumentHighlightKind.Read : DocumentHighlightKind.Text,
    }));
  });
}
