// Core value types shared by every format. Positions are 0-based and counted in UTF-16 code units
// (JavaScript string indices), which is also LSP's default position encoding, so handlers pass them
// through unchanged. Nothing here may import LSP or VS Code.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of `range` (in the document as it is now) by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Where a number comes from: one of the capacity-planning documents and the heading it sits under. */
export interface Citation {
  /** Seed file name, e.g. `000_e875b2fa46e39bfd.txt`, or a public reference such as `alloy docs: otelcol.processor.batch`. */
  document: string;
  /** Section heading as written in the document, e.g. `Deployment Sizes > Medium Deployment`. */
  section: string;
}

/** A quick fix: edits to the same document, minimal, touching only what the title names. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a "fix all" source action applies. At most one preferred fix per finding. */
  isPreferred?: boolean;
}

export interface RelatedInformation {
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  /** `<format>/<rule>`, e.g. `alloy/syntax`, `alloy/batch-max-below-size`, `k8s/requests-above-limits`. */
  code: string;
  severity: Severity;
  /** Says what is wrong, the recommended value, why, and the source section when a number is recommended. */
  message: string;
  range: Range;
  fixes?: Fix[];
  citation?: Citation;
  related?: RelatedInformation[];
}

/** Markdown shown on hover. */
export interface HoverResult {
  range: Range;
  markdown: string;
}

export interface InlayHintResult {
  position: Position;
  label: string;
  tooltip?: string;
  /** Pad with a space before the label. */
  paddingLeft?: boolean;
}

export interface CodeLensResult {
  range: Range;
  title: string;
}

export type SymbolKindName = 'module' | 'namespace' | 'class' | 'object' | 'property' | 'field' | 'variable' | 'array' | 'key';

export interface DocumentSymbolResult {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbolResult[];
}

export interface FoldingRangeResult {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export interface LocationResult {
  uri: string;
  range: Range;
}

export type CompletionKindName = 'module' | 'class' | 'property' | 'value' | 'snippet' | 'keyword' | 'field';

export interface CompletionResult {
  label: string;
  kind: CompletionKindName;
  detail?: string;
  documentation?: string;
  /** Text to insert; a snippet with $1 placeholders when `isSnippet`. */
  insertText?: string;
  isSnippet?: boolean;
  /** Range replaced by the completion; defaults to the word at the cursor. */
  range?: Range;
}

/** A change to a document as LSP sends it (incremental sync): `range` is in the text before the change. */
export interface TextChange {
  range: Range;
  text: string;
}
