import type Parser = require('web-tree-sitter');
import { TokenPrinter, type PrinterOptions, type TokenInfo } from './printer';
import { SourcePositions } from './source-positions';
import { goQuote } from './go-quote';
import { child as field, copyTree, token, type CstNode } from './cst';

type SyntaxNode = CstNode;

// The layout rules of `alloy fmt` (grafana/alloy syntax/printer/walker.go at 66ebea856d), applied to
// Headroom's tree-sitter tree: which spacing goes between which tokens. The printer (printer.ts)
// turns that into text and places the comments; elastic-tabs.ts aligns the columns.
//
//  - Statements: one per line. A block is always preceded by a blank line (except the first statement
//    of its body); a blank line in the source between two statements is kept (one, however many there
//    were). A statement spanning several lines ends its alignment run.
//  - Attributes `name = value` and object fields align their `=` with their neighbours (a soft column
//    break before the `=`).
//  - A block: `name "label" {`, its body indented one tab, `}`; an empty body prints `name { }`.
//  - Arrays, objects and call arguments keep the line breaks of the source between their elements;
//    elements on a line of their own are indented, and a trailing comma is added when the closing
//    bracket is on another line than the last element (otherwise none: `[1, 2]`, `{a = 1}`).
//  - Binary operators have a blank on each side; unary operators, `.`, `[`, `(` none.

/** Deeper than this, the formatter refuses the file instead of risking the stack. */
export const MAX_FORMAT_DEPTH = 1000;

export class NestingTooDeep extends Error {
  constructor(readonly node: SyntaxNode) {
    super(`nesting deeper than ${MAX_FORMAT_DEPTH} levels`);
  }
}

const STATEMENTS = new Set(['attribute', 'block']);
const NOT_AN_ELEMENT = new Set(['comment', 'missing_comma', 'ERROR']);
const POSTFIX = new Set(['access_expression', 'index_expression', 'call_expression']);
const STRING_KEYS = new Set(['string', 'raw_string']);

/**
 * The formatted text (without the final newline), and whether comments had to be placed so that it no
 * longer parses as the input does (see printer.ts; `exactPositions` avoids that).
 */
export function layoutFile(tree: Parser.SyntaxNode, text: string, options: PrinterOptions = {}): { text: string; brokeTheCode: boolean } {
  const { root, comments } = copyTree(tree, text);
  const positions = new SourcePositions(text);
  const printer = new TokenPrinter(positions.commentGroups(comments), options);
  new Layout(printer, positions, text).statements(root);
  const formatted = printer.finish();
  return { text: formatted, brokeTheCode: printer.brokeTheCode };
}

class Layout {
  private depth = 0;

  constructor(private readonly out: TokenPrinter, private readonly positions: SourcePositions, private readonly source: string) {}

  private text(node: SyntaxNode): string {
    return this.source.slice(node.start, node.end);
  }

  private named(node: SyntaxNode): SyntaxNode[] {
    return node.children.filter((c) => c.named);
  }

  statements(container: SyntaxNode): void {
    const list = this.named(container).filter((child) => STATEMENTS.has(child.type));
    list.forEach((statement, i) => {
      if (i > 0) {
        const previousEnd = this.statementEndLine(list[i - 1]);
        if (statement.type === 'block' || this.positions.startLine(statement) - previousEnd > 1) this.out.space('\f');
      }
      if (statement.type === 'block') this.block(statement);
      else this.attribute(statement);
      const spansLines = this.statementEndLine(statement) > this.positions.startLine(statement);
      this.out.space(spansLines ? '\f' : '\n');
    });
  }

  private statementEndLine(statement: SyntaxNode): number {
    if (statement.type === 'block') return this.positions.endLine(token(statement, '}'));
    return this.positions.endLine(field(statement, 'value'));
  }

  private attribute(node: SyntaxNode): void {
    this.placedWord(field(node, 'name'), undefined, { statementBoundary: true });
    this.out.space('\v');
    this.punct('=', token(node, '='));
    this.out.space(' ');
    this.expression(field(node, 'value'));
  }

  private block(node: SyntaxNode): void {
    this.blockName(field(node, 'name'));
    const label = node.children.find((c) => c.field === 'label');
    // An empty label is no label (Alloy drops `""`); a label is re-quoted from its text.
    if (label && this.text(label).length > 2) {
      this.out.space(' ');
      this.placedWord(label, goQuote(this.text(label).slice(1, -1)));
    }
    this.out.space(' ');
    this.placedPunct(token(node, '{'));
    this.out.space('indent');
    const body = node.children.find((c) => c.field === 'body');
    if (body && body.children.some((child) => STATEMENTS.has(child.type))) {
      this.out.space('\f');
      this.nested(body, () => this.statements(body));
    } else {
      this.out.space(' ');
    }
    this.out.space('unindent');
    this.placedPunct(token(node, '}'), { statementBoundary: true });
  }

  /**
   * Alloy writes a block name as one word, `a.b.c`, so a comment inside it lands after the whole name;
   * with exact positions (see printer.ts) the name is written part by part, which prints the same text.
   */
  private blockName(name: SyntaxNode): void {
    const parts = name.children.filter((part) => part.type === 'identifier' || part.type === '.');
    if (!this.out.options.exactPositions) {
      this.placedWord(name, parts.map((part) => this.text(part)).join(''), { statementBoundary: true });
      return;
    }
    this.placedWord(parts[0], undefined, { statementBoundary: true });
    for (const part of parts.slice(1)) {
      if (part.type === '.') this.punct('.', part);
      else this.out.word(this.text(part), { actual: this.positions.start(part) });
    }
  }

  /** An identifier or literal Alloy writes at its stated source position. */
  private placedWord(node: SyntaxNode, text = this.text(node), info: TokenInfo = {}): void {
    const pos = this.positions.start(node);
    this.out.at(pos);
    this.out.word(text, { ...info, actual: pos });
  }

  /** Punctuation or an operator Alloy writes at its stated source position. */
  private placedPunct(node: SyntaxNode, info: TokenInfo = {}): void {
    const pos = this.positions.start(node);
    this.out.at(pos);
    this.out.punct(node.type, { ...info, actual: pos });
  }

  /** Punctuation Alloy writes where it estimates the source to be; `node` is where it really is, if anywhere. */
  private punct(text: string, node?: SyntaxNode): void {
    this.out.punct(text, { actual: node && this.positions.start(node) });
  }

  private nested(node: SyntaxNode, write: () => void): void {
    if (++this.depth > MAX_FORMAT_DEPTH) throw new NestingTooDeep(node);
    try {
      write();
    } finally {
      this.depth--;
    }
  }

  private expression(node: SyntaxNode): void {
    this.nested(node, () => {
      if (node.type === 'binary_expression') this.binaryChain(node);
      else if (POSTFIX.has(node.type)) this.postfixChain(node);
      else this.primary(node);
    });
  }

  /** `a + b - c` nests to the left; written in a loop so long chains do not deepen the stack. */
  private binaryChain(node: SyntaxNode): void {
    const spine: SyntaxNode[] = [];
    let left = node;
    while (left.type === 'binary_expression') {
      spine.push(left);
      left = field(left, 'left');
    }
    this.expression(left);
    for (let i = spine.length - 1; i >= 0; i--) {
      this.out.space(' ');
      this.placedPunct(field(spine[i], 'operator'));
      this.out.space(' ');
      this.expression(field(spine[i], 'right'));
    }
  }

  /** `a.b[c](d)` nests to the left too. */
  private postfixChain(node: SyntaxNode): void {
    const spine: SyntaxNode[] = [];
    let inner = node;
    while (POSTFIX.has(inner.type)) {
      spine.push(inner);
      inner = field(inner, inner.type === 'call_expression' ? 'function' : 'object');
    }
    this.primary(inner);
    for (let i = spine.length - 1; i >= 0; i--) {
      const step = spine[i];
      if (step.type === 'access_expression') {
        this.punct('.', token(step, '.'));
        const member = field(step, 'member');
        this.out.word(this.text(member), { actual: this.positions.start(member) });
      } else if (step.type === 'index_expression') {
        this.placedPunct(token(step, '['));
        this.expression(field(step, 'index'));
        this.placedPunct(token(step, ']'));
      } else {
        this.callArguments(field(step, 'arguments'));
      }
    }
  }

  private primary(node: SyntaxNode): void {
    switch (node.type) {
      case 'number':
        this.placedWord(node, this.text(node), { integer: /^[0-9]+$/.test(this.text(node)) });
        return;
      case 'identifier':
      case 'string':
      case 'raw_string':
      case 'true':
      case 'false':
      case 'null':
        this.placedWord(node);
        return;
      case 'unary_expression':
        this.placedPunct(field(node, 'operator'));
        this.expression(field(node, 'operand'));
        return;
      case 'parenthesized_expression':
        this.punct('(', token(node, '('));
        this.expression(this.named(node).find((c) => c.type !== 'comment')!);
        this.punct(')', token(node, ')'));
        return;
      case 'array':
        this.array(node);
        return;
      case 'object':
        this.object(node);
        return;
      case 'binary_expression':
      case 'access_expression':
      case 'index_expression':
      case 'call_expression':
        this.expression(node);
        return;
      default:
        throw new Error(`formatter: unexpected ${node.type} node`);
    }
  }

  private array(node: SyntaxNode): void {
    const elements = this.named(node).filter((c) => !NOT_AN_ELEMENT.has(c.type));
    const open = token(node, '[');
    const close = token(node, ']');
    this.placedPunct(open);
    let previousLine = this.positions.startLine(open);
    elements.forEach((element, i) => {
      const ownLine = this.positions.startLine(element) !== previousLine;
      // The indentation is stated before the line break so comments above the element indent too.
      if (ownLine) this.out.space('indent', '\f');
      else if (i > 0) this.out.space(' ');
      previousLine = this.positions.endLine(element);
      this.expression(element);
      if (i + 1 < elements.length) this.punct(',');
      if (ownLine) this.out.space('unindent');
    });
    if (elements.length > 0 && previousLine !== this.positions.startLine(close)) {
      this.punct(',');
      this.out.space('indent', '\f', 'unindent');
    }
    this.placedPunct(close);
  }

  private object(node: SyntaxNode): void {
    const fields = node.children.filter((c) => c.type === 'object_field');
    const open = token(node, '{');
    const close = token(node, '}');
    this.placedPunct(open);
    this.out.space('indent');
    let previousLine = this.positions.startLine(open);
    fields.forEach((objectField, i) => {
      const key = field(objectField, 'key');
      if (this.positions.startLine(key) !== previousLine) {
        // A field after a one-line value stays in its alignment run.
        const previousValue = i > 0 ? field(fields[i - 1], 'value') : undefined;
        const oneLine = previousValue && this.positions.startLine(previousValue) === this.positions.endLine(previousValue);
        this.out.space(oneLine ? '\n' : '\f');
      } else if (i > 0) {
        this.out.space(' ');
      }
      this.key(key);
      previousLine = this.keyEndLine(key);
      this.out.space('\v');
      this.punct('=', token(objectField, '='));
      this.out.space(' ');
      this.expression(field(objectField, 'value'));
      if (i + 1 < fields.length) this.punct(',');
    });
    if (fields.length > 0 && previousLine !== this.positions.startLine(close)) {
      this.punct(',');
      this.out.space('\f');
    }
    this.out.space('unindent');
    this.placedPunct(close);
  }

  /**
   * A quoted key is re-quoted from its text as Alloy does, when that keeps the key Alloy evaluates
   * (the text between the quotes, escapes not decoded: grafana/alloy syntax/vm/vm.go `fields[field.Name.Name]`).
   * Alloy also re-quotes keys whose text holds a backslash, a quote or an unprintable character,
   * which changes the key; those are kept as written.
   */
  private key(key: SyntaxNode): void {
    const text = this.text(key);
    if (STRING_KEYS.has(key.type) && text.length > 2) {
      const inner = text.slice(1, -1);
      const quoted = goQuote(inner);
      this.placedWord(key, quoted === `"${inner}"` ? quoted : text);
    } else {
      this.placedWord(key);
    }
  }

  /** Alloy takes a quoted key's end as its start plus the length of the text between the quotes, minus one. */
  private keyEndLine(key: SyntaxNode): number {
    if (STRING_KEYS.has(key.type) && key.end - key.start > 2) {
      const innerBytes = this.positions.byteOffset(key.end - 1) - this.positions.byteOffset(key.start + 1);
      return this.positions.lineAtByte(key, innerBytes - 1);
    }
    return this.positions.endLine(key);
  }

  private callArguments(node: SyntaxNode): void {
    const args = this.named(node).filter((c) => !NOT_AN_ELEMENT.has(c.type));
    const open = token(node, '(');
    const close = token(node, ')');
    this.punct('(', open);
    let previousLine = this.positions.startLine(open);
    args.forEach((argument, i) => {
      const ownLine = this.positions.startLine(argument) !== previousLine;
      if (ownLine) this.out.space('\f', 'indent');
      this.expression(argument);
      previousLine = this.positions.endLine(argument);
      if (i + 1 < args.length) {
        this.punct(',');
        this.out.space(' ');
      }
      if (ownLine) this.out.space('unindent');
    });
    if (previousLine !== this.positions.startLine(close)) {
      // Alloy writes the comma even with no argument, and `f(,\n)` does not parse: none then.
      if (args.length > 0) this.punct(',');
      this.out.space('\f');
    }
    this.punct(')', close);
  }
}
