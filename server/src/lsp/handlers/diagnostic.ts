import { LSPErrorCodes, ResponseError, type DiagnosticOptions } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { toDiagnostic } from '../convert';

/** Advertised to clients that pull diagnostics: findings depend on other files (cross-file rules). */
export const OPTIONS: DiagnosticOptions = { identifier: 'headroom', interFileDependencies: true, workspaceDiagnostics: false };

/**
 * textDocument/diagnostic (LSP 3.17 pull diagnostics): answered once every message already received is
 * handled, so the report is for the newest version; "unchanged" when the client already has it. A
 * request the client cancelled meanwhile (it typed again) is answered as cancelled without linting.
 *
 * workspace/diagnostic is not offered: it would mean parsing and linting every file of the workspace,
 * open or not, while the workspace scan keeps only the cross-file facts of unopened files.
 */
export function register(ctx: ServerContext): void {
  ctx.connection.languages.diagnostics.on(async ({ textDocument, previousResultId }, token) => {
    await ctx.quiet();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (!ctx.documents.has(textDocument.uri)) return { kind: 'full', items: [] };
    const { resultId, findings } = ctx.report(textDocument.uri);
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: findings.map(toDiagnostic) };
  });
}
