import type { ServerContext } from '../context';
import { toInlayHint } from '../convert';

export function register(ctx: ServerContext, enabled: () => boolean): void {
  ctx.connection.languages.inlayHint.on(({ textDocument, range }) =>
    enabled() ? ctx.engine.inlayHints(textDocument.uri, range).map(toInlayHint) : []);
}
