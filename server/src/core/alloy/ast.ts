// Headroom's own typed view of an Alloy file, built from the tree-sitter tree by `parser.ts`.
// Rules, hovers and estimates work on this, never on tree-sitter nodes, so they stay independent of
// the grammar's internal node names. Spans are [start, end) offsets into the document text
// (JavaScript string indices); convert with the document's LineIndex.

export interface Span {
  start: number;
  end: number;
}

export interface AlloyFile {
  body: Statement[];
  span: Span;
}

export type Statement = BlockStmt | AttributeStmt;

export interface BlockStmt {
  kind: 'block';
  /** Dotted name as written, e.g. `otelcol.processor.batch`, `output`, `stage.json`. */
  name: string;
  nameSpan: Span;
  /** Label text without quotes, e.g. `default`; undefined for unlabelled blocks. */
  label?: string;
  /** Span of the label including its quotes. */
  labelSpan?: Span;
  body: Statement[];
  /** Span of `{`; the body lies between it and `closeBrace`. */
  openBrace: Span;
  /** Undefined when the block is never closed (a syntax finding reports it). */
  closeBrace?: Span;
  span: Span;
}

export interface AttributeStmt {
  kind: 'attribute';
  name: string;
  nameSpan: Span;
  value: Expr;
  span: Span;
}

export type Expr =
  | LiteralExpr
  | ArrayExpr
  | ObjectExpr
  | IdentifierExpr
  | AccessExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ParenExpr
  | ErrorExpr;

export interface LiteralExpr {
  kind: 'string' | 'number' | 'bool' | 'null';
  /** Decoded value: string contents with escapes resolved, the number, the boolean, or null. */
  value: string | number | boolean | null;
  /** Source text, quotes included for strings. */
  raw: string;
  /** For strings: true for back-tick raw strings. */
  rawString?: boolean;
  span: Span;
}

export interface ArrayExpr {
  kind: 'array';
  elements: Expr[];
  span: Span;
}

export interface ObjectField {
  key: string;
  keySpan: Span;
  quoted: boolean;
  value: Expr;
  span: Span;
}

export interface ObjectExpr {
  kind: 'object';
  fields: ObjectField[];
  span: Span;
}

export interface IdentifierExpr {
  kind: 'identifier';
  name: string;
  span: Span;
}

/** `object.member` */
export interface AccessExpr {
  kind: 'access';
  object: Expr;
  member: string;
  memberSpan: Span;
  span: Span;
}

/** `object[index]` */
export interface IndexExpr {
  kind: 'index';
  object: Expr;
  index: Expr;
  span: Span;
}

export interface CallExpr {
  kind: 'call';
  callee: Expr;
  args: Expr[];
  span: Span;
}

export interface UnaryExpr {
  kind: 'unary';
  operator: '!' | '-';
  operand: Expr;
  span: Span;
}

export interface BinaryExpr {
  kind: 'binary';
  operator: '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '^';
  left: Expr;
  right: Expr;
  span: Span;
}

export interface ParenExpr {
  kind: 'paren';
  inner: Expr;
  span: Span;
}

/** A value the parser could not read (the syntax finding says why). */
export interface ErrorExpr {
  kind: 'error';
  span: Span;
}

/**
 * The dotted path of a plain reference chain (`otelcol.processor.batch.default.input`), or undefined
 * when the expression is not made only of identifiers and `.member` accesses.
 */
export function referencePath(expr: Expr): { parts: string[]; spans: Span[] } | undefined {
  // Walks down the chain once, without recursion: an access chain may be as long as the AST is deep.
  const parts: string[] = [];
  const spans: Span[] = [];
  let current = expr;
  while (current.kind === 'access') {
    parts.push(current.member);
    spans.push(current.memberSpan);
    current = current.object;
  }
  if (current.kind !== 'identifier') return undefined;
  parts.push(current.name);
  spans.push(current.span);
  return { parts: parts.reverse(), spans: spans.reverse() };
}
