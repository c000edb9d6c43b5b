import type { ServerContext } from '../context';
import { toCompletionItem } from '../convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onCompletion(({ textDocument, position }) =>
    ctx.engine.completion(textDocument.uri, position).map(toCompletionItem));
}
