import {
  CodeAction, CodeActionKind, CompletionItemKind, Diagnostic, DiagnosticSeverity, DocumentSymbol,
  FoldingRange, InsertTextFormat, MarkupKind, SymbolKind, type CompletionItem, type Hover, type InlayHint,
} from 'vscode-languageserver/node';
import type {
  CompletionKindName, CompletionResult, DocumentSymbolResult, Finding, FoldingRangeResult, HoverResult,
  InlayHintResult, Severity, SymbolKindName,
} from '../core/types';
import { rulePageUri } from '../core/rule-docs';

// Core results → LSP types. The only place where the two meet.

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const citation = finding.citation ? ` [${finding.citation.document} § ${finding.citation.section}]` : '';
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: codeDescription(finding.code),
    source: 'headroom',
    message: `${finding.message}${citation}`,
    relatedInformation: finding.related?.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message })),
  };
}

/** The rule's page, shipped with the server (docs/rules/<code>.md), so the link works offline. */
function codeDescription(code: string): { href: string } | undefined {
  const href = rulePageUri(code);
  return href ? { href } : undefined;
}

export function toCodeActions(uri: string, finding: Finding): CodeAction[] {
  return (finding.fixes ?? []).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toDiagnostic(finding)],
    isPreferred: fix.isPreferred,
    edit: { changes: { [uri]: fix.edits } },
  }));
}

export function toHover(result: HoverResult): Hover {
  return { range: result.range, contents: { kind: MarkupKind.Markdown, value: result.markdown } };
}

export function toInlayHint(hint: InlayHintResult): InlayHint {
  return { position: hint.position, label: hint.label, tooltip: hint.tooltip, paddingLeft: hint.paddingLeft };
}

const SYMBOL_KIND: Record<SymbolKindName, SymbolKind> = {
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  class: SymbolKind.Class,
  object: SymbolKind.Object,
  property: SymbolKind.Property,
  field: SymbolKind.Field,
  variable: SymbolKind.Variable,
  array: SymbolKind.Array,
  key: SymbolKind.Key,
};

export function toDocumentSymbol(symbol: DocumentSymbolResult): DocumentSymbol {
  return {
    name: symbol.name || '(unnamed)',
    detail: symbol.detail,
    kind: SYMBOL_KIND[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
}

export function toFoldingRange(range: FoldingRangeResult): FoldingRange {
  return { startLine: range.startLine, endLine: range.endLine, kind: range.kind };
}

const COMPLETION_KIND: Record<CompletionKindName, CompletionItemKind> = {
  module: CompletionItemKind.Module,
  class: CompletionItemKind.Class,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  keyword: CompletionItemKind.Keyword,
  field: CompletionItemKind.Field,
};

export function toCompletionItem(item: CompletionResult): CompletionItem {
  return {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    detail: item.detail,
    documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
    insertTextFormat: item.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(item.range ? { textEdit: { range: item.range, newText: item.insertText ?? item.label } } : { insertText: item.insertText }),
  };
}

export function toSymbolKind(kind: SymbolKindName): SymbolKind {
  return SYMBOL_KIND[kind];
}
