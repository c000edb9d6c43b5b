import { MarkupKind, type SignatureHelp } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';

/** textDocument/signatureHelp for standard-library calls. */

export const TRIGGER_CHARACTERS = ['(', ','];
export const RETRIGGER_CHARACTERS = [')'];

export function register(ctx: ServerContext): void {
  ctx.connection.onSignatureHelp(({ textDocument, position }): SignatureHelp | null => {
    ctx.sync();
    const help = ctx.engine.signatureHelp(textDocument.uri, position);
    if (!help) return null;
    return {
      signatures: [{
        label: help.label,
        documentation: { kind: MarkupKind.Markdown, value: help.documentation },
        parameters: help.parameters.map((p) => ({ label: p.label, documentation: p.documentation && { kind: MarkupKind.Markdown, value: p.documentation } })),
      }],
      activeSignature: 0,
      activeParameter: help.activeParameter,
    };
  });
}
