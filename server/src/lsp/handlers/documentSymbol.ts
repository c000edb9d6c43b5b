import type { ServerContext } from '../context';
import { toDocumentSymbol } from '../convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(({ textDocument }) => {
    ctx.sync();
    return ctx.engine.symbols(textDocument.uri).map(toDocumentSymbol);
  });
}
