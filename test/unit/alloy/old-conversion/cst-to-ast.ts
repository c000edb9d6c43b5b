import type Parser = require('web-tree-sitter');
import type {
  AlloyFile, AttributeStmt, BinaryExpr, BlockStmt, Expr, ObjectField, Span, Statement,
} from '../../../../server/src/core/alloy/ast';

type SyntaxNode = Parser.SyntaxNode;

// Builds Headroom's typed AST from the tree-sitter tree. ERROR regions are skipped (statements) or
// become `error` expressions (values), so rules always see a well-typed tree of what did parse.
// Alloy sets no limit on nesting (a flat `a + b + …` of any length is a deep left-leaning tree, and
// it is valid), so the conversion runs on an explicit stack instead of the call stack. The analyses
// that walk the AST recurse, though, so the AST keeps MAX_DEPTH levels: below that, an expression
// becomes an `error` expression and statements are left out. That is a limit of the analysis only,
// not of the language: nothing is reported for it.

export const MAX_DEPTH = 1000;

export function toAst(root: SyntaxNode, cache?: StatementCache): AlloyFile {
  return { body: toStatements(root, cache), span: spanOf(root) };
}

/** The statements (attributes and blocks) directly inside `container` (the file or a block body). */
export function toStatements(container: SyntaxNode, cache?: StatementCache): Statement[] {
  return convert<Statement[]>(statementsStep(container), cache);
}

/**
 * Lets a caller reuse the statements it converted for an earlier version of the tree (reuse.ts): a
 * statement's AST depends only on its own subtree and on its depth (the MAX_DEPTH cut).
 */
export interface StatementCache {
  /** The AST of the statement `node` at `depth`, if its subtree is one converted before; else undefined, and it is converted now. */
  reuse(node: SyntaxNode, depth: number): Statement | undefined;
  /** The statement just converted from `node` at `depth` (undefined: it had no name), after the statements inside it. */
  converted(node: SyntaxNode, depth: number, statement: Statement | undefined): void;
}

/**
 * One conversion step: the CST children still to convert, and how to make this node's AST from their
 * results (in the same order).
 */
interface Step {
  children: SyntaxNode[];
  make(results: unknown[]): unknown;
  /** How each child is converted; as an expression by default. */
  plan?: (child: SyntaxNode) => Step;
  /** What a child below MAX_DEPTH becomes; an `error` expression for expressions. */
  cut?: (child: SyntaxNode) => unknown;
}

const cutExpression = (child: SyntaxNode): Expr => ({ kind: 'error', span: spanOf(child) });

/** Runs `top` and every step it leads to, depth first, children before parents, without recursion. */
function convert<T>(top: Step, cache?: StatementCache): T {
  const frames: { step: Step; results: unknown[]; statement?: SyntaxNode }[] = [{ step: top, results: [] }];
  for (;;) {
    const frame = frames[frames.length - 1];
    const { step, results } = frame;
    if (results.length < step.children.length) {
      const child = step.children[results.length];
      const cut = step.plan ? step.cut : cutExpression;
      if (frames.length > MAX_DEPTH && cut) results.push(cut(child));
      else if (cache && step.plan === statementStep) {
        const reused = cache.reuse(child, frames.length);
        if (reused) results.push(reused);
        else frames.push({ step: statementStep(child), results: [], statement: child });
      } else frames.push({ step: (step.plan ?? exprStep)(child), results: [] });
      continue;
    }
    frames.pop();
    const value = step.make(results);
    if (frame.statement) cache!.converted(frame.statement, frames.length, value as Statement | undefined);
    if (frames.length === 0) return value as T;
    frames[frames.length - 1].results.push(value);
  }
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

const leaf = (value: unknown): Step => ({ children: [], make: () => value });

function statementsStep(container: SyntaxNode): Step {
  return {
    children: container.namedChildren.filter((child) => child.type === 'attribute' || child.type === 'block'),
    plan: statementStep,
    cut: () => undefined,
    make: (results) => results.filter((statement): statement is Statement => statement !== undefined),
  };
}

function statementStep(node: SyntaxNode): Step {
  return node.type === 'attribute' ? attributeStep(node) : blockStep(node);
}

function attributeStep(node: SyntaxNode): Step {
  const name = node.childForFieldName('name');
  const value = node.childForFieldName('value');
  if (!name || name.isMissing) return leaf(undefined);
  return {
    children: value ? [value] : [],
    make: ([converted]): AttributeStmt => ({
      kind: 'attribute',
      name: name.text,
      nameSpan: spanOf(name),
      value: (converted as Expr | undefined) ?? { kind: 'error', span: { start: node.endIndex, end: node.endIndex } },
      span: spanOf(node),
    }),
  };
}

function blockStep(node: SyntaxNode): Step {
  const name = node.childForFieldName('name');
  if (!name) return leaf(undefined);
  const label = node.childForFieldName('label');
  const body = node.childForFieldName('body');
  let openBrace: Span | undefined;
  let closeBrace: Span | undefined;
  for (const child of node.children) {
    if (child.type === '{' && !openBrace) openBrace = spanOf(child);
    if (child.type === '}' && !child.isMissing) closeBrace = spanOf(child);
  }
  const labelText = label ? decodeString(label) : undefined;
  return {
    children: body ? [body] : [],
    plan: statementsStep,
    cut: () => [],
    make: ([statements]): BlockStmt => ({
      kind: 'block',
      name: name.namedChildren.filter((part) => part.type === 'identifier').map((part) => part.text).join('.'),
      nameSpan: spanOf(name),
      label: labelText === '' ? undefined : labelText,
      labelSpan: label ? spanOf(label) : undefined,
      body: (statements as Statement[] | undefined) ?? [],
      openBrace: openBrace ?? { start: name.endIndex, end: name.endIndex },
      closeBrace,
      span: spanOf(node),
    }),
  };
}

function exprStep(node: SyntaxNode): Step {
  const span = spanOf(node);
  const error = leaf({ kind: 'error', span });
  switch (node.type) {
    case 'string':
      return leaf({ kind: 'string', value: decodeString(node), raw: node.text, span });
    case 'raw_string':
      return leaf({ kind: 'string', value: decodeRawString(node.text), raw: node.text, rawString: true, span });
    case 'number':
      return leaf({ kind: 'number', value: Number(node.text), raw: node.text, span });
    case 'true':
    case 'false':
      return leaf({ kind: 'bool', value: node.type === 'true', raw: node.text, span });
    case 'null':
      return leaf({ kind: 'null', value: null, raw: node.text, span });
    case 'identifier':
      return leaf({ kind: 'identifier', name: node.text, span });
    case 'access_expression': {
      const object = node.childForFieldName('object');
      const member = node.childForFieldName('member');
      if (!object || !member) return error;
      return { children: [object], make: ([converted]) => ({ kind: 'access', object: converted, member: member.text, memberSpan: spanOf(member), span }) };
    }
    case 'index_expression': {
      const object = node.childForFieldName('object');
      const index = node.childForFieldName('index');
      if (!object || !index) return error;
      return { children: [object, index], make: ([o, i]) => ({ kind: 'index', object: o, index: i, span }) };
    }
    case 'call_expression': {
      const callee = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (!callee) return error;
      return { children: [callee, ...(args ? elementsOf(args) : [])], make: ([c, ...a]) => ({ kind: 'call', callee: c, args: a, span }) };
    }
    case 'unary_expression': {
      const operand = node.childForFieldName('operand');
      const operator = node.childForFieldName('operator');
      if (!operand || !operator) return error;
      return { children: [operand], make: ([o]) => ({ kind: 'unary', operator: operator.type as '!' | '-', operand: o, span }) };
    }
    case 'binary_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator');
      if (!left || !right || !operator) return error;
      return { children: [left, right], make: ([l, r]) => ({ kind: 'binary', operator: operator.type as BinaryExpr['operator'], left: l, right: r, span }) };
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((child) => child.type !== 'comment');
      return inner ? { children: [inner], make: ([i]) => ({ kind: 'paren', inner: i, span }) } : error;
    }
    case 'array':
      return { children: elementsOf(node), make: (elements) => ({ kind: 'array', elements, span }) };
    case 'object':
      return {
        children: node.namedChildren.filter((child) => child.type === 'object_field'),
        plan: fieldStep,
        make: (fields) => ({ kind: 'object', fields, span }),
      };
    default:
      return error;
  }
}

const NOT_AN_ELEMENT = new Set(['comment', 'missing_comma', 'ERROR']);

function elementsOf(list: SyntaxNode): SyntaxNode[] {
  return list.namedChildren.filter((child) => !NOT_AN_ELEMENT.has(child.type));
}

function fieldStep(node: SyntaxNode): Step {
  const key = node.childForFieldName('key');
  const value = node.childForFieldName('value');
  // A key is an identifier or a string; Alloy takes a raw string as a quoted key too (syntax/parser
  // internal.go parseField accepts any STRING token).
  const quoted = key?.type === 'string' || key?.type === 'raw_string';
  const keyText = !key ? '' : key.type === 'string' ? decodeString(key) : key.type === 'raw_string' ? decodeRawString(key.text) : key.text;
  return {
    children: value ? [value] : [],
    make: ([converted]): ObjectField => ({
      key: keyText,
      keySpan: key ? spanOf(key) : spanOf(node),
      quoted,
      value: (converted as Expr | undefined) ?? { kind: 'error', span: { start: node.endIndex, end: node.endIndex } },
      span: spanOf(node),
    }),
  };
}

/** A back-tick string's value: Go's strconv.Unquote drops carriage returns from raw strings; Alloy inherits that. */
function decodeRawString(text: string): string {
  return text.slice(1, -1).replace(/\r/g, '');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"',
};

/**
 * The value of a double-quoted string node, escapes resolved as Go's strconv.Unquote does. The plain
 * content between escapes is a hidden token, so it is read from the source text around the escape
 * children. An invalid escape (reported by the syntax check) is kept as written.
 */
export function decodeString(node: SyntaxNode): string {
  const text = node.text;
  const start = node.startIndex;
  let out = '';
  let cursor = 1;
  for (const child of node.children) {
    if (child.type !== 'escape_sequence') continue;
    out += text.slice(cursor, child.startIndex - start);
    out += decodeEscape(child.text) ?? child.text;
    cursor = child.endIndex - start;
  }
  const terminated = node.lastChild?.type === '"';
  const closing = terminated ? text.length - 1 : text.length;
  return out + text.slice(cursor, closing);
}

export function decodeEscape(escape: string): string | undefined {
  const body = escape.slice(1);
  if (body.length === 1 && body in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[body];
  if (/^[0-7]{3}$/.test(body)) {
    const code = parseInt(body, 8);
    return code <= 255 ? String.fromCharCode(code) : undefined;
  }
  if (/^x[0-9a-fA-F]{2}$/.test(body)) return String.fromCharCode(parseInt(body.slice(1), 16));
  if (/^(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})$/.test(body)) {
    const code = parseInt(body.slice(1), 16);
    if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return undefined;
    return String.fromCodePoint(code);
  }
  return undefined;
}
