import type Parser = require('web-tree-sitter');
import type { Finding } from '../types';
import type { LineIndex } from '../text';
import type { AlloyFile, BlockStmt, Statement } from './ast';
import { MAX_DEPTH, decodeEscape } from './cst-to-ast';

type SyntaxNode = Parser.SyntaxNode;

interface Problem {
  start: number;
  end: number;
  message: string;
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/**
 * One readable `alloy/syntax` finding per problem, and at most one per line as Alloy's own parser
 * reports them, so an unclosed brace or a stray character does not cascade into a page of errors.
 */
export function syntaxFindings(root: SyntaxNode, ast: AlloyFile, lines: LineIndex): Finding[] {
  const problems: Problem[] = [];
  const cursor = root.walk();
  try {
    let descend = true;
    for (;;) {
      if (descend) {
        const verdict = inspect(cursor, ast, lines, problems);
        if (verdict === 'descend' && cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!cursor.gotoParent()) break;
      descend = false;
    }
  } finally {
    cursor.delete();
  }

  if (ast.truncatedAt !== undefined) {
    problems.push({ start: ast.truncatedAt, end: ast.truncatedAt + 1, message: `nesting deeper than ${MAX_DEPTH} levels: Headroom does not analyse what lies deeper` });
  }
  problems.sort((a, b) => a.start - b.start);
  const findings: Finding[] = [];
  const reportedLines = new Set<number>();
  for (const problem of problems) {
    const range = lines.range(problem.start, problem.end);
    if (reportedLines.has(range.start.line)) continue;
    reportedLines.add(range.start.line);
    findings.push({ code: 'alloy/syntax', severity: 'error', message: problem.message, range });
  }
  return findings;
}

function inspect(cursor: Parser.TreeCursor, ast: AlloyFile, lines: LineIndex, problems: Problem[]): 'descend' | 'skip' {
  const type = cursor.nodeType;
  if (type === 'ERROR') {
    problems.push(describeError(cursor.currentNode, lines));
    return 'skip';
  }
  if (cursor.nodeIsMissing) {
    problems.push(describeMissing(cursor.currentNode, ast, lines));
    return 'skip';
  }
  if (type === 'missing_comma') {
    const node = cursor.currentNode;
    const element = node.previousNamedSibling;
    const start = element ? element.startIndex : node.startIndex;
    problems.push({
      start,
      end: element ? element.endIndex : node.startIndex,
      message: "missing ',' after this element: in a multi-line list, object or call, every element followed by a newline needs a trailing comma",
    });
    return 'skip';
  }
  if (type === 'escape_sequence') {
    const text = cursor.nodeText;
    if (decodeEscape(text) === undefined) {
      problems.push({ start: cursor.startIndex, end: cursor.endIndex, message: `unknown escape sequence ${text} in string` });
    }
    return 'skip';
  }
  if (type === 'block') {
    const node = cursor.currentNode;
    const label = node.childForFieldName('label');
    if (label && !label.hasError) {
      const value = label.text.slice(1, -1);
      if (value !== '' && !IDENTIFIER.test(value)) {
        problems.push({
          start: label.startIndex,
          end: label.endIndex,
          message: `block label ${label.text} is not a valid identifier: use letters, digits and '_', not starting with a digit`,
        });
      }
    }
  }
  return 'descend';
}

function describeError(node: SyntaxNode, lines: LineIndex): Problem {
  const start = node.startIndex;
  const firstLineEnd = lines.lineEnd(lines.positionAt(start).line);
  const end = Math.max(start + 1, Math.min(node.endIndex, firstLineEnd));
  const text = node.text;
  const firstChar = text.trimStart().charAt(0);
  if (firstChar === '#' || /(^|\s)#/.test(text.split('\n')[0])) {
    return { start, end, message: "'#' does not start a comment in Alloy: use // or /* */" };
  }
  if (text.includes("'")) {
    return { start, end, message: 'single-quoted strings are not allowed in Alloy: use double quotes' };
  }
  if (text.includes(';')) {
    return { start, end, message: "';' is not valid in Alloy: put each attribute or block on its own line" };
  }
  const previous = node.previousSibling;
  if (previous && (previous.type === 'attribute' || previous.type === 'block') &&
      lines.positionAt(previous.endIndex).line === lines.positionAt(start).line) {
    return { start, end, message: 'attributes and blocks must be separated by a newline' };
  }
  if (/^\s*[\p{L}_][\p{L}\p{Nd}_]*\s*:/u.test(text) || /^\s*"[^"]*"\s*:/.test(text)) {
    return { start, end, message: "Alloy objects and blocks use '=', not ':'" };
  }
  const shown = text.split(/\r?\n/)[0].trim();
  const excerpt = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  return { start, end, message: excerpt ? `unexpected '${excerpt}'` : 'unexpected input' };
}

function describeMissing(node: SyntaxNode, ast: AlloyFile, lines: LineIndex): Problem {
  const expected = node.type;
  const opener = expected === '}' ? innermostOpenBlock(ast.body, node.startIndex) : undefined;
  if (opener) {
    const unclosed = firstMisplacedClose(opener.body, lines) ?? opener;
    if (unclosed) {
      const header = blockHeader(unclosed);
      const line = lines.positionAt(unclosed.span.start).line + 1;
      return {
        start: unclosed.nameSpan.start,
        end: unclosed.openBrace.end,
        message: `block ${header} opened at line ${line} is never closed: add '}'`,
      };
    }
  }
  if (expected === '"') {
    return { start: Math.max(0, node.startIndex - 1), end: node.startIndex, message: 'string is not terminated: add \'"\' before the end of the line' };
  }
  const at = node.startIndex;
  return { start: Math.max(0, at - 1), end: at, message: `missing '${expected}'` };
}

function blockHeader(block: BlockStmt): string {
  return block.label !== undefined ? `${block.name} "${block.label}"` : block.name;
}

/**
 * The block tree-sitter had to close at `at` (its AST node has no closing brace). Tree-sitter closes an
 * unclosed block at the end of the file, so the `}` of each later block really belonged to an enclosing
 * one; `firstMisplacedClose` then finds the block the author actually left open.
 */
function innermostOpenBlock(statements: Statement[], at: number): BlockStmt | undefined {
  for (const statement of statements) {
    if (statement.kind !== 'block' || statement.span.start >= at || statement.span.end < at) continue;
    return innermostOpenBlock(statement.body, at) ?? (statement.closeBrace ? undefined : statement);
  }
  return undefined;
}

/**
 * Among the blocks whose `}` sits to the left of their own header, the one whose `}` comes first: that
 * brace was meant for an outer block, and from there on every brace closed the wrong block, so this is
 * the block the author left open. Later misaligned braces are only a consequence (or sloppy indentation).
 */
function firstMisplacedClose(statements: Statement[], lines: LineIndex): BlockStmt | undefined {
  let first: BlockStmt | undefined;
  const visit = (list: Statement[]) => {
    for (const statement of list) {
      if (statement.kind !== 'block') continue;
      const close = statement.closeBrace;
      if (close && (!first || close.start < first.closeBrace!.start)) {
        const sameLine = lines.positionAt(close.start).line === lines.positionAt(statement.span.start).line;
        if (!sameLine && indentWidth(lines, close.start) < indentWidth(lines, statement.span.start)) first = statement;
      }
      visit(statement.body);
    }
  };
  visit(statements);
  return first;
}

/** Width of the indentation of the line holding `offset`, with tab stops every 4 columns. */
function indentWidth(lines: LineIndex, offset: number): number {
  const text = lines.lineText(lines.positionAt(offset).line);
  let width = 0;
  for (const ch of text) {
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}
