import type {
  CodeLensResult, CompletionResult, DocumentSymbolResult, Finding, FoldingRangeResult, HoverResult,
  InlayHintResult, LocationResult, Position, Range, TextChange, TextEdit,
} from './types';
import type { LineIndex } from './text';
import type { AnalysisContext } from './context';
import type { DocumentFacts } from './workspace';
import type {
  HighlightResult, PrepareRenameResult, RenameResult, SemanticTokenResult, SignatureHelpResult, WorkspaceDocuments,
  WorkspaceSymbolResult,
} from './editor-types';

export type FormatId = 'alloy' | 'k8s' | 'helm' | 'clickhouse';

export interface SourceDocument {
  uri: string;
  text: string;
  /** The editor's language id when known (`grafana-alloy`, `alloy`, `yaml`, `helm`, `xml`…); the CLI leaves it out. */
  languageId?: string;
  version?: number;
  /**
   * Offsets in `text` where the file's bytes were not UTF-8 (each read as U+FFFD). Only a reader of
   * bytes knows them (the CLI); formats whose tools reject such files report them.
   */
  invalidUtf8?: number[];
}

/** What every format's parse step returns; each format extends it with its own tree. */
export interface ParsedDocument {
  readonly format: FormatId;
  readonly doc: SourceDocument;
  readonly lines: LineIndex;
}

/**
 * One format's language service: pure functions over a parsed document, in the style of
 * yaml-language-server's language service. The LSP handlers and the CLI only call these.
 */
export interface FormatService<P extends ParsedDocument = ParsedDocument> {
  readonly format: FormatId;
  /** One-time asynchronous set-up (Alloy loads its .wasm); the engine awaits it before the first parse. */
  init?(): Promise<void>;
  /** Whether this service owns the document (extension, language id, or content sniffing for YAML/XML). Cheap. */
  claims(doc: SourceDocument): boolean;
  /**
   * Parses `doc`. When `previous` is given, `changes` turned its text into `doc.text` (LSP incremental
   * sync order) and a format may reuse the old tree (Alloy applies tree edits and reparses).
   */
  parse(doc: SourceDocument, previous?: { parsed: P; changes: TextChange[] }): P;
  /** Facts other files need (workloads, container limits, HPA targets, memory_limiter limits…). */
  facts(parsed: P, ctx: AnalysisContext): DocumentFacts;
  /**
   * Whether this document's facts can read the facts of the file `uri` (Alloy: a declare's export types
   * read the declares of its folder's other files and of its imported modules). The engine makes an open
   * document's facts again when those of a file they can read change. Left out: facts read no other file.
   * Called for every open document whenever some file's facts change: it must be cheap.
   */
  factsDependOn?(parsed: P, uri: string): boolean;
  /** Syntax findings plus every rule's findings, before per-rule severity overrides. */
  lint(parsed: P, ctx: AnalysisContext): Finding[];
  hover(parsed: P, position: Position, ctx: AnalysisContext): HoverResult | null;
  inlayHints(parsed: P, range: Range, ctx: AnalysisContext): InlayHintResult[];
  codeLenses(parsed: P, ctx: AnalysisContext): CodeLensResult[];
  symbols(parsed: P): DocumentSymbolResult[];
  foldingRanges(parsed: P): FoldingRangeResult[];
  completion(parsed: P, position: Position, ctx: AnalysisContext): CompletionResult[];
  definition(parsed: P, position: Position, ctx: AnalysisContext): LocationResult[];
  references(parsed: P, position: Position, ctx: AnalysisContext): LocationResult[];
  // Editor features a format may leave out (editor-types.ts).
  semanticTokens?(parsed: P): SemanticTokenResult[];
  documentHighlights?(parsed: P, position: Position): HighlightResult[];
  signatureHelp?(parsed: P, position: Position): SignatureHelpResult | null;
  /** The names this document declares, for workspace/symbol (also kept for files that are not open). */
  workspaceSymbols?(parsed: P): WorkspaceSymbolResult[];
  prepareRename?(parsed: P, position: Position, workspace: WorkspaceDocuments<P>): PrepareRenameResult;
  rename?(parsed: P, position: Position, newName: string, workspace: WorkspaceDocuments<P>): RenameResult;
  /** Formats the document, or only the statements `range` touches; formats without a formatter leave it out. */
  formatEdits?(parsed: P, range?: Range): FormatResult;
}

/** Edits that format a document (none when it is formatted already), or why it cannot be formatted. */
export type FormatResult = { ok: true; edits: TextEdit[] } | { ok: false; message: string; range: Range };
