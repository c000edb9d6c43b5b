import type { ServerContext } from '../context';
import { toHover } from '../convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onHover(({ textDocument, position }) => {
    ctx.sync();
    const result = ctx.engine.hover(textDocument.uri, position);
    return result ? toHover(result) : null;
  });
}
