import type { ServerContext } from '../context';
import { toInlayHint } from '../convert';

export function register(ctx: ServerContext, enabled: () => boolean): void {
  ctx.connection.languages.inlayHint.on(({ textDocument, range }) => {
    if (!enabled()) return [];
    ctx.sync();
    return ctx.engine.inlayHints(textDocument.uri, range).map(toInlayHint);
  });
}
