import type { ServerContext } from '../context';
import { toFoldingRange } from '../convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges(({ textDocument }) => {
    ctx.sync();
    return ctx.engine.foldingRanges(textDocument.uri).map(toFoldingRange);
  });
}
