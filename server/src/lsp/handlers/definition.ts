import type { ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.connection.onDefinition(({ textDocument, position }) => {
    ctx.sync();
    return ctx.engine.definition(textDocument.uri, position);
  });
}
