import {
  DocumentFormattingRequest, DocumentRangeFormattingRequest, MessageType, ShowMessageNotification, type ClientCapabilities, type TextEdit,
} from 'vscode-languageserver/node';
import type { FormatResult } from '../../core/service';
import type { ServerContext } from '../context';
import { ALLOY_DOCUMENTS } from '../alloyFeatures';

// Only Alloy has a formatter. Advertised statically, formatting would be offered for every document the
// client sends (VS Code's client sends YAML and XML too, and would then ask which YAML formatter to
// use), so clients that can register dynamically get it for Alloy documents only (as alloyFeatures.ts
// does for the other Alloy-only features).

export function registersDynamically(capabilities: ClientCapabilities): boolean {
  return capabilities.textDocument?.formatting?.dynamicRegistration === true &&
    capabilities.textDocument?.rangeFormatting?.dynamicRegistration === true;
}

/** After `initialized`, for clients for which `registersDynamically`. */
export function registerForAlloy(ctx: ServerContext): void {
  void ctx.connection.client.register(DocumentFormattingRequest.type, { documentSelector: ALLOY_DOCUMENTS });
  void ctx.connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector: ALLOY_DOCUMENTS });
}

/**
 * `textDocument/formatting`: the whole document as `alloy fmt` prints it. A document with a syntax
 * error is not formatted: the reply is null and the client is told why and where (the error itself
 * is also a diagnostic).
 */
export function register(ctx: ServerContext): void {
  ctx.connection.onDocumentFormatting(({ textDocument }) => {
    ctx.sync();
    return formattingReply(ctx, ctx.engine.formatEdits(textDocument.uri));
  });
}

/** The edits, or null with a warning naming the position (1-based, as editors show it) of the problem. */
export function formattingReply(ctx: ServerContext, result: FormatResult | null): TextEdit[] | null {
  if (!result) return null;
  if (result.ok) return result.edits;
  const { line, character } = result.range.start;
  // A notification, not window/showMessageRequest: nothing to answer, and Neovim would prompt for one.
  void ctx.connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Warning,
    message: `Headroom did not format the file: ${line + 1}:${character + 1}: ${result.message}`,
  });
  return null;
}
