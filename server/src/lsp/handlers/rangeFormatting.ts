import type { ServerContext } from '../context';
import { formattingReply } from './formatting';

/**
 * `textDocument/rangeFormatting`: formats the statements the range touches, with the lines formatting
 * the whole document gives them (see core/alloy/format/index.ts for alignment runs that cross the
 * range's boundary).
 */
export function register(ctx: ServerContext): void {
  ctx.connection.onDocumentRangeFormatting(({ textDocument, range }) => {
    ctx.sync();
    return formattingReply(ctx, ctx.engine.formatEdits(textDocument.uri, range));
  });
}
