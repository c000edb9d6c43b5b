import type { SymbolInformation } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { toSymbolKind } from '../convert';

/** workspace/symbol over every open and scanned document. */
export function register(ctx: ServerContext): void {
  ctx.connection.onWorkspaceSymbol(({ query }): SymbolInformation[] => {
    ctx.sync();
    return ctx.engine.workspaceSymbols(query).map((symbol) => ({
      name: symbol.name,
      kind: toSymbolKind(symbol.kind),
      location: { uri: symbol.uri, range: symbol.range },
      containerName: symbol.containerName,
    }));
  });
}
