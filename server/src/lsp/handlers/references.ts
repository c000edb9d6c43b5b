import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.connection.onReferences(({ textDocument, position, context }) => {
    ctx.sync();
    const locations = ctx.engine.references(textDocument.uri, position);
    // The engine lists the declaration first; drop it when the client did not ask for it.
    return context.includeDeclaration ? locations : locations.slice(1);
  });
}
