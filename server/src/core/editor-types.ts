import type { Range, SymbolKindName, TextEdit } from './types';

// Result types of the editor features that not every format offers (semantic tokens, rename,
// document highlights, signature help, workspace symbols). Positions follow types.ts: 0-based, UTF-16.

/**
 * The semantic token legend: LSP's standard token types and modifiers only, so every theme colours
 * them without the extension contributing custom types. The order is the wire encoding (index / bit).
 */
export const SEMANTIC_TOKEN_TYPES = ['namespace', 'class', 'function', 'parameter', 'variable', 'property', 'keyword'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'readonly', 'deprecated', 'defaultLibrary'] as const;

export type SemanticTokenType = typeof SEMANTIC_TOKEN_TYPES[number];
export type SemanticTokenModifier = typeof SEMANTIC_TOKEN_MODIFIERS[number];

/** One token on one line, in document order, never overlapping the next. */
export interface SemanticTokenResult {
  line: number;
  character: number;
  length: number;
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

export interface HighlightResult {
  range: Range;
  /** `write` where the name is declared, `read` where it is used, `text` for the same word elsewhere. */
  kind: 'read' | 'write' | 'text';
}

export interface SignatureParameter {
  /** [start, end) of the parameter inside the signature label. */
  label: [number, number];
  documentation?: string;
}

export interface SignatureHelpResult {
  label: string;
  /** Markdown. */
  documentation: string;
  parameters: SignatureParameter[];
  activeParameter: number;
}

export interface WorkspaceSymbolResult {
  name: string;
  kind: SymbolKindName;
  uri: string;
  range: Range;
  containerName?: string;
}

/** Where a rename may start: the name's range and its current text, or why it cannot. */
export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

/** The edits of a rename, per document URI, or why it was refused. */
export type RenameResult = { changes: Record<string, TextEdit[]> } | { error: string };

/**
 * The workspace a cross-file feature may read: the URIs of every document of the format (open or
 * found by the workspace scan) and their parsed form (the open version when a document is open).
 * The engine owns what it parses for this and frees it after the call.
 */
export interface WorkspaceDocuments<P> {
  uris(): readonly string[];
  get(uri: string): P | undefined;
}
