import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { toCodeActions, toDiagnostic } from '../convert';
import { LineIndex } from '../../core/text';
import { suppressFix } from '../../core/suppressions';
import type { FormatId } from '../../core/service';
import type { Finding } from '../../core/types';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.headroom`;

/**
 * Quick fixes for findings in the requested range, each followed by "Ignore <code> on this line" (an
 * in-place suppression comment), and `source.fixAll.headroom` for the whole file.
 */
export function register(ctx: ServerContext): void {
  ctx.connection.onCodeAction(({ textDocument, range, context }) => {
    ctx.sync();
    const only = context.only;
    const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      let lines: LineIndex | undefined;
      const format = ctx.engine.formatOf(textDocument.uri) as FormatId | undefined;
      for (const finding of ctx.findings(textDocument.uri)) {
        const { start, end } = finding.range;
        const intersects = !(end.line < range.start.line || (end.line === range.start.line && end.character < range.start.character) ||
          start.line > range.end.line || (start.line === range.end.line && start.character > range.end.character));
        if (!intersects) continue;
        actions.push(...toCodeActions(textDocument.uri, finding));
        if (format) {
          lines ??= new LineIndex(ctx.engine.text(textDocument.uri) ?? '');
          const suppression = suppressionAction(textDocument.uri, finding, format, lines);
          if (suppression) actions.push(suppression);
        }
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

function suppressionAction(uri: string, finding: Finding, format: FormatId, lines: LineIndex): CodeAction | undefined {
  const fix = suppressFix(finding, { format, lines });
  return fix && { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(finding)], edit: { changes: { [uri]: fix.edits } } };
}
