import type Parser = require('web-tree-sitter');
import type {
  AlloyFile, AttributeStmt, BinaryExpr, BlockStmt, Expr, ObjectField, Span, Statement,
} from './ast';

type SyntaxNode = Parser.SyntaxNode;

// Builds Headroom's typed AST from the tree-sitter tree. ERROR regions are skipped (statements) or
// become `error` expressions (values), so rules always see a well-typed tree of what did parse.
// Nesting deeper than MAX_DEPTH becomes an `error` expression / is left out, so hostile input cannot
// exhaust the stack of the recursive passes that follow; syntax.ts reports it.

export const MAX_DEPTH = 200;

/** Where the conversion in progress first passed MAX_DEPTH (conversion is synchronous). */
let truncatedAt: number | undefined;

export function toAst(root: SyntaxNode): AlloyFile {
  truncatedAt = undefined;
  const body = statements(root, 0);
  return truncatedAt === undefined ? { body, span: spanOf(root) } : { body, span: spanOf(root), truncatedAt };
}

function truncate(node: SyntaxNode): void {
  truncatedAt ??= node.startIndex;
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

function statements(container: SyntaxNode, depth: number): Statement[] {
  const out: Statement[] = [];
  if (depth > MAX_DEPTH) {
    truncate(container);
    return out;
  }
  for (const child of container.namedChildren) {
    if (child.type === 'attribute') {
      const attribute = toAttribute(child, depth);
      if (attribute) out.push(attribute);
    } else if (child.type === 'block') {
      const block = toBlock(child, depth);
      if (block) out.push(block);
    }
  }
  return out;
}

function toAttribute(node: SyntaxNode, depth: number): AttributeStmt | undefined {
  const name = node.childForFieldName('name');
  const value = node.childForFieldName('value');
  if (!name || name.isMissing) return undefined;
  return {
    kind: 'attribute',
    name: name.text,
    nameSpan: spanOf(name),
    value: value ? toExpr(value, depth + 1) : { kind: 'error', span: { start: node.endIndex, end: node.endIndex } },
    span: spanOf(node),
  };
}

function toBlock(node: SyntaxNode, depth: number): BlockStmt | undefined {
  const name = node.childForFieldName('name');
  if (!name) return undefined;
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
    kind: 'block',
    name: name.namedChildren.filter((part) => part.type === 'identifier').map((part) => part.text).join('.'),
    nameSpan: spanOf(name),
    label: labelText === '' ? undefined : labelText,
    labelSpan: label ? spanOf(label) : undefined,
    body: body ? statements(body, depth + 1) : [],
    openBrace: openBrace ?? { start: name.endIndex, end: name.endIndex },
    closeBrace,
    span: spanOf(node),
  };
}

function toExpr(node: SyntaxNode, depth: number): Expr {
  const span = spanOf(node);
  if (depth > MAX_DEPTH) {
    truncate(node);
    return { kind: 'error', span };
  }
  const sub = (child: SyntaxNode) => toExpr(child, depth + 1);
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: decodeString(node), raw: node.text, span };
    case 'raw_string':
      // Go's strconv.Unquote drops carriage returns from raw strings; Alloy inherits that.
      return { kind: 'string', value: node.text.slice(1, -1).replace(/\r/g, ''), raw: node.text, rawString: true, span };
    case 'number':
      return { kind: 'number', value: Number(node.text), raw: node.text, span };
    case 'true':
    case 'false':
      return { kind: 'bool', value: node.type === 'true', raw: node.text, span };
    case 'null':
      return { kind: 'null', value: null, raw: node.text, span };
    case 'identifier':
      return { kind: 'identifier', name: node.text, span };
    case 'access_expression': {
      const object = node.childForFieldName('object');
      const member = node.childForFieldName('member');
      if (!object || !member) return { kind: 'error', span };
      return { kind: 'access', object: sub(object), member: member.text, memberSpan: spanOf(member), span };
    }
    case 'index_expression': {
      const object = node.childForFieldName('object');
      const index = node.childForFieldName('index');
      if (!object || !index) return { kind: 'error', span };
      return { kind: 'index', object: sub(object), index: sub(index), span };
    }
    case 'call_expression': {
      const callee = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (!callee) return { kind: 'error', span };
      return { kind: 'call', callee: sub(callee), args: args ? elements(args, depth + 1) : [], span };
    }
    case 'unary_expression': {
      const operand = node.childForFieldName('operand');
      const operator = node.childForFieldName('operator');
      if (!operand || !operator) return { kind: 'error', span };
      return { kind: 'unary', operator: operator.type as '!' | '-', operand: sub(operand), span };
    }
    case 'binary_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator');
      if (!left || !right || !operator) return { kind: 'error', span };
      return { kind: 'binary', operator: operator.type as BinaryExpr['operator'], left: sub(left), right: sub(right), span };
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((child) => child.type !== 'comment');
      return inner ? { kind: 'paren', inner: sub(inner), span } : { kind: 'error', span };
    }
    case 'array':
      return { kind: 'array', elements: elements(node, depth + 1), span };
    case 'object':
      return { kind: 'object', fields: node.namedChildren.filter((c) => c.type === 'object_field').map((field) => toField(field, depth + 1)), span };
    default:
      return { kind: 'error', span };
  }
}

const NOT_AN_ELEMENT = new Set(['comment', 'missing_comma', 'ERROR']);

function elements(list: SyntaxNode, depth: number): Expr[] {
  return list.namedChildren.filter((child) => !NOT_AN_ELEMENT.has(child.type)).map((child) => toExpr(child, depth));
}

function toField(node: SyntaxNode, depth: number): ObjectField {
  const key = node.childForFieldName('key');
  const value = node.childForFieldName('value');
  const quoted = key?.type === 'string';
  return {
    key: key ? (quoted ? decodeString(key) : key.text) : '',
    keySpan: key ? spanOf(key) : spanOf(node),
    quoted,
    value: value ? toExpr(value, depth) : { kind: 'error', span: { start: node.endIndex, end: node.endIndex } },
    span: spanOf(node),
  };
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
  const closing = text.length >= 2 && text.endsWith('"') ? text.length - 1 : text.length;
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
