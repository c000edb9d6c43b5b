import type { ServerContext } from '../context';
import { toFoldingRange } from '../convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges(({ textDocument }) => {
    ctx.sync(textDocument.uri);
    return ctx.engine.foldingRanges(textDocument.uri).map(toFoldingRange);
  });
}
