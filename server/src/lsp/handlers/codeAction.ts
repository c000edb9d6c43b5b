import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { toCodeActions } from '../convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.headroom`;

/** Quick fixes for findings in the requested range, and `source.fixAll.headroom` for the whole file. */
export function register(ctx: ServerContext): void {
  ctx.connection.onCodeAction(({ textDocument, range, context }) => {
    ctx.sync(textDocument.uri);
    const only = context.only;
    const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const finding of ctx.findings(textDocument.uri)) {
        const { start, end } = finding.range;
        const intersects = !(end.line < range.start.line || (end.line === range.start.line && end.character < range.start.character) ||
          start.line > range.end.line || (start.line === range.end.line && start.character > range.end.character));
        if (intersects) actions.push(...toCodeActions(textDocument.uri, finding));
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edits = ctx.engine.fixAll(textDocument.uri);
      if (edits.length > 0) {
        actions.push({ title: 'Headroom: fix all auto-fixable problems', kind: FIX_ALL_KIND, edit: { changes: { [textDocument.uri]: edits } } });
      }
    }
    return actions;
  });
}
