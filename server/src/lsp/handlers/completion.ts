import type { ServerContext } from '../context';
import { toCompletionItem } from '../convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onCompletion(({ textDocument, position }) => {
    ctx.sync();
    return ctx.engine.completion(textDocument.uri, position).map(toCompletionItem);
  });
}
