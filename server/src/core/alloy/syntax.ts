import type Parser = require('web-tree-sitter');
import type { Finding, RelatedInformation } from '../types';
import type { SourceDocument } from '../service';
import type { LineIndex } from '../text';
import type { AlloyFile, BlockStmt, Statement } from './ast';
import { decodeEscape } from './cst-to-ast';
import { KEYWORDS, isValidIdentifier } from './identifier';

type SyntaxNode = Parser.SyntaxNode;

export interface Problem {
  start: number;
  end: number;
  message: string;
  related?: RelatedInformation[];
  /** Says only that the parser got stuck somewhere in a region, not what is wrong where. */
  generic?: boolean;
}

/**
 * The syntax problems of one version of a document, collected while its tree is converted
 * (cst-to-ast.ts walks the tree once, and calls one method per node that may hold a problem).
 * Problems are kept in the order of the walk; `findings` sorts them.
 */
export class SyntaxProblems {
  private readonly problems: Problem[];
  /** Missing tokens, described once the AST is built (a missing '}' is described from the blocks around it). */
  private readonly missingTokens: { problem: Problem; expected: string; at: number }[] = [];

  /** `characters`: the text's character problems, if known (see `editCharacterProblems`). */
  constructor(private readonly lines: LineIndex, private readonly doc: SourceDocument, readonly characters = characterProblems(lines.text, 0, lines.text.length)) {
    this.problems = [...characters, ...encodingProblems(doc)];
  }

  size(): number {
    return this.problems.length;
  }

  /** The problems found since `from` (see `size`). */
  since(from: number): Problem[] {
    return this.problems.slice(from).filter(isFound);
  }

  /** Problems found in an earlier version, already at this version's offsets. */
  add(known: readonly Problem[]): void {
    for (const problem of known) this.problems.push(problem);
  }

  /** An ERROR region. */
  error(node: SyntaxNode): void {
    // Error recovery may wrap text that parsed well before the real problem; a missing comma or quote
    // inside is exactly placed, so it wins over a region that says no more than "unexpected".
    const markers = node.descendantsOfType(['missing_comma', 'missing_quote']);
    const described = describeError(node, this.lines);
    if (markers.length === 0 || !described.generic) this.problems.push(described);
    for (const marker of markers) this.problems.push(markerProblem(marker, this.lines));
  }

  /** A token tree-sitter inserted (of type `expected`, at `at`) to recover. */
  missing(expected: string, at: number): void {
    const problem = unfound();
    this.problems.push(problem);
    this.missingTokens.push({ problem, expected, at });
  }

  /** A `missing_comma` or `missing_quote` node. */
  marker(node: SyntaxNode): void {
    this.problems.push(markerProblem(node, this.lines));
  }

  comment(text: string, start: number, end: number): void {
    if (end - start >= 2 && text.startsWith('/*', start) && (end - start < 4 || !text.startsWith('*/', end - 2))) {
      this.problems.push({ start, end: start + 2, message: "block comment is not terminated: add '*/'" });
    }
  }

  unmatchedBrace(start: number, end: number): void {
    this.problems.push({ start, end, message: "unexpected '}': no block is open here, so this brace closes nothing" });
  }

  escape(text: string, start: number, end: number): void {
    const escape = text.slice(start, end);
    if (decodeEscape(escape) === undefined) {
      this.problems.push({ start, end, message: `unknown escape sequence ${escape} in string` });
    }
  }

  /** A place for a problem found later in the walk, in the order of the walk (a block's label); dropped unless filled. */
  reserve(): Problem {
    const problem = unfound();
    this.problems.push(problem);
    return problem;
  }

  /**
   * A block's label [start, end) (`terminated`: it ends with its closing quote; `hasError`: whether it
   * holds an error, asked only when its text is wrong), its problem put in `place` (see `reserve`).
   */
  label(place: Problem, text: string, start: number, end: number, terminated: boolean, hasError: () => boolean): void {
    if (!terminated) return;
    // Alloy checks the label as written, between the quotes (syntax/parser/internal.go
    // parseBlockName); an empty label means no label.
    const written = text.slice(start, end);
    const value = written.slice(1, -1);
    if (value === '' || isValidIdentifier(value) || hasError()) return;
    Object.assign(place, {
      start,
      end,
      message: KEYWORDS.has(value)
        ? `block label ${written} is not a valid identifier: ${value} is a literal in Alloy`
        : `block label ${written} is not a valid identifier: use letters, digits and '_', not starting with a digit`,
    });
  }

  /**
   * One readable `alloy/syntax` finding per problem, and at most one per line as Alloy's own parser
   * reports them, so an unclosed brace or a stray character does not cascade into a page of errors.
   */
  findings(ast: AlloyFile): Finding[] {
    const { lines, doc } = this;
    for (const { problem, expected, at } of this.missingTokens) Object.assign(problem, describeMissing(expected, at, ast, lines, doc.uri));
    const problems = this.problems.filter(isFound);
    problems.sort((a, b) => a.start - b.start);
    const findings: Finding[] = [];
    const reportedLines = new Set<number>();
    for (const problem of problems) {
      const range = lines.range(problem.start, problem.end);
      if (reportedLines.has(range.start.line)) continue;
      reportedLines.add(range.start.line);
      const finding: Finding = { code: 'alloy/syntax', severity: 'error', message: problem.message, range };
      if (problem.related) finding.related = problem.related;
      findings.push(finding);
    }
    return findings;
  }
}

/** A problem not described yet (see `reserve` and `missing`). */
function unfound(): Problem {
  return { start: 0, end: 0, message: '' };
}

function isFound(problem: Problem): boolean {
  return problem.message !== '';
}

/**
 * What Alloy's scanner rejects wherever it stands, in strings and comments too (grafana/alloy
 * syntax/scanner/scanner.go `next`, at 66ebea856d): a NUL character, a byte order mark anywhere but
 * the first character, and text that is not UTF-8 — in a JavaScript string, a lone surrogate, which
 * no UTF-8 file can hold (the CLI reports invalid bytes in the file itself).
 */
function characterProblems(text: string, from: number, to: number): Problem[] {
  const problems: Problem[] = [];
  // Searched in [from, to) and one character either side, which the lookarounds read: a search in
  // the whole text would run on to its end when nothing is found.
  const offset = Math.max(0, from - 1);
  const window = offset === 0 && to >= text.length ? text : text.slice(offset, to + 1);
  ILLEGAL_CHARACTER.lastIndex = from - offset;
  for (let match = ILLEGAL_CHARACTER.exec(window); match && match.index + offset < to; match = ILLEGAL_CHARACTER.exec(window)) {
    const at = match.index + offset;
    const ch = match[0];
    if (ch === '\uFEFF' && at === 0) continue;
    const message = ch === '\0' ? 'illegal character NUL'
      : ch === '\uFEFF' ? 'illegal byte order mark: U+FEFF is only allowed as the very first character of the file'
        : 'illegal UTF-8 encoding: a lone surrogate cannot be saved as UTF-8';
    problems.push({ start: at, end: at + 1, message });
  }
  return problems;
}

/** One character each (lookbehind and lookahead included), so whether a character is illegal depends on it and its two neighbours only. */
const ILLEGAL_CHARACTER = /[\0\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The character problems of a text after one edit, from those before it: the edit replaced
 * [start, oldEnd) of the previous text with what is now [start, newEnd) of `text`. A character's
 * verdict depends on its neighbours (a surrogate half) and on its offset (a byte order mark at 0),
 * so the characters next to the edit are checked again; the others keep theirs, moved.
 */
export function editCharacterProblems(problems: readonly Problem[], text: string, start: number, oldEnd: number, newEnd: number): Problem[] {
  const from = Math.max(0, start - 1);
  const edited: Problem[] = [];
  let i = 0;
  for (; i < problems.length && problems[i].start < from; i++) edited.push(problems[i]);
  while (i < problems.length && problems[i].start <= oldEnd) i++;
  for (const problem of characterProblems(text, from, Math.min(text.length, newEnd + 1))) edited.push(problem);
  const delta = newEnd - oldEnd;
  for (; i < problems.length; i++) edited.push({ ...problems[i], start: problems[i].start + delta, end: problems[i].end + delta });
  return edited;
}

/** Bytes that are not UTF-8, which Alloy's scanner rejects ("illegal UTF-8 encoding"), wherever they are. */
function encodingProblems(doc: SourceDocument): Problem[] {
  return (doc.invalidUtf8 ?? []).map((at) => ({
    start: at,
    end: at + 1,
    message: 'illegal UTF-8 encoding: the bytes here are not UTF-8 (shown as U+FFFD); save the file as UTF-8',
  }));
}

/** The error a `missing_comma` or `missing_quote` node stands for. */
function markerProblem(node: SyntaxNode, lines: LineIndex): Problem {
  if (node.type === 'missing_quote') {
    // Alloy reports it at the opening quote (syntax/scanner/scanner.go scanString).
    const start = node.parent?.startIndex ?? node.startIndex;
    return { start, end: Math.max(start + 1, node.startIndex), message: 'string is not terminated: add \'"\' before the end of the line' };
  }
  // On the element's last line, where the comma belongs (and where Alloy reports it).
  let element = node.previousNamedSibling;
  while (element?.type === 'comment') element = element.previousNamedSibling;
  const end = element ? element.endIndex : node.startIndex;
  const lastLine = lines.positionAt(end).line;
  const indent = /^[ \t]*/.exec(lines.lineText(lastLine))![0].length;
  return {
    start: element ? Math.max(element.startIndex, lines.offsetAt({ line: lastLine, character: indent })) : node.startIndex,
    end,
    message: "missing ',' after this element: in a multi-line list, object or call, every element followed by a newline needs a trailing comma",
  };
}

const SAME_LINE = 'attributes and blocks must be separated by a newline';

const STATEMENT_TYPES = new Set(['attribute', 'block', 'unmatched_brace']);

/** A statement header left alone on its line: a (dotted) name, maybe a label, then the end of the line. */
const NAME_ALONE = /^([\p{L}_][\p{L}\p{Nd}_]*(?:\.[\p{L}_][\p{L}\p{Nd}_]*)*(?:[ \t]+"[^"\n]*")?)[ \t\r]*(?:\/\/[^\n]*)?(?:\n|$)/u;

const NOT_A_NAME = 'is a literal in Alloy (true, false and null always are), so it cannot name an attribute, block, object key or member';

function describeError(node: SyntaxNode, lines: LineIndex): Problem {
  const bad = firstUnlexable(node);
  if (bad) return describeCharacter(bad.startIndex, lines);
  let start = node.startIndex;
  let text = node.text;
  let previous = node.previousSibling;
  while (previous?.type === 'comment') previous = previous.previousSibling;
  if (!previous || STATEMENT_TYPES.has(previous.type)) {
    // The region starts with the newline that ended the statement before it: the problem is what follows.
    const blank = /^[ \t\r\n\uFEFF]*/.exec(text)![0].length;
    if (blank < text.length) {
      start += blank;
      text = text.slice(blank);
    }
  }
  const end = Math.max(start + 1, Math.min(node.endIndex, lines.lineEnd(lines.positionAt(start).line)));
  const keyword = misusedKeyword(node);
  if (keyword) return { start: keyword.startIndex, end: keyword.endIndex, message: `'${keyword.type}' ${NOT_A_NAME}` };
  const header = NAME_ALONE.exec(text);
  if (header) {
    return { start, end: start + header[1].length, message: `'${header[1]}' must be followed on the same line by '=' (an attribute) or '{' (a block)` };
  }
  const parent = node.parent;
  if (/^[ \t\r]*(\n|$)/.test(text) && previous && parent && (parent.type === 'attribute' || parent.type === 'block') &&
      (previous.type === 'identifier' || previous.type === 'block_name' || previous.type === 'string')) {
    // The statement header stops at the end of its line (Alloy: "expected block label, got TERMINATOR").
    const written = lines.text.slice(parent.startIndex, previous.endIndex);
    const wanted = previous.type === 'string' ? "'{'" : "'=' (an attribute) or '{' (a block)";
    return { start, end: start + 1, message: `'${written}' must be followed on the same line by ${wanted}` };
  }
  if (/^[ \t\r]*(\n|$)/.test(text) && start > 0) {
    // The newline is Alloy's statement terminator here (syntax/scanner/scanner.go inserts one after a
    // name, a value, ')', ']' or '}'), which nothing in the middle of a statement may be.
    return { start, end: start + 1, message: "unexpected end of line: Alloy ends the statement at this newline, so what follows must stay on this line (a line may end after '=', '(', '[', '{', ',', '.' or an operator)" };
  }
  if (previous && STATEMENT_TYPES.has(previous.type) &&
      lines.positionAt(previous.endIndex).line === lines.positionAt(start).line) {
    return { start, end, message: SAME_LINE };
  }
  // Error recovery may also take the first statement in and leave the second one after the region.
  const last = node.lastChild;
  const next = node.nextSibling;
  if (last && next && STATEMENT_TYPES.has(last.type) && STATEMENT_TYPES.has(next.type) &&
      lines.positionAt(last.endIndex).line === lines.positionAt(next.startIndex).line) {
    return { start: next.startIndex, end: Math.min(next.endIndex, lines.lineEnd(lines.positionAt(next.startIndex).line)), message: SAME_LINE };
  }
  const shown = text.split(/\r?\n/)[0].trim();
  const excerpt = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  return { start, end, message: excerpt ? `unexpected '${excerpt}'` : 'unexpected input', generic: true };
}

/**
 * The first text no token can start with (tree-sitter keeps it as an ERROR leaf) inside an error
 * region: Alloy's scanner rejects it right there, whatever parsed before it in the region.
 */
function firstUnlexable(node: SyntaxNode): SyntaxNode | undefined {
  const pending: SyntaxNode[] = [node];
  for (let current = pending.pop(); current; current = pending.pop()) {
    // (A newline alone is a terminator the parser could not use, not a character Alloy rejects.)
    if (current.type === 'ERROR' && current.childCount === 0 && current.text !== '' && !current.text.startsWith('\n')) return current;
    for (let i = current.childCount - 1; i >= 0; i--) pending.push(current.child(i)!);
  }
  return undefined;
}

/** What Alloy's scanner says of a character that starts no token (syntax/scanner/scanner.go Scan). */
function describeCharacter(at: number, lines: LineIndex): Problem {
  const source = lines.text;
  const ch = String.fromCodePoint(source.codePointAt(at) ?? 0);
  const end = at + ch.length;
  switch (ch) {
    case '#': return { start: at, end, message: "'#' does not start a comment in Alloy: use // or /* */" };
    case "'": return { start: at, end, message: 'single-quoted strings are not allowed in Alloy: use double quotes' };
    case ';': return { start: at, end, message: "';' is not valid in Alloy: put each attribute or block on its own line" };
    case ':': return { start: at, end, message: "Alloy objects and blocks use '=', not ':'" };
    case '`': return { start: at, end, message: "raw string is not terminated: add '`' (a raw string may span lines, so it runs to the end of the file)" };
    case '|': return { start: at, end, message: "missing second '|' in '||'" };
    case '&': return { start: at, end, message: "missing second '&' in '&&'" };
    case '\f': return { start: at, end, message: 'illegal character U+000C (form feed): Alloy takes only spaces, tabs and newlines as white space' };
    default: break;
  }
  if (ch === '*' && source.charAt(at - 1) === '/') return { start: at - 1, end, message: "block comment is not terminated: add '*/'" };
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return { start: at, end, message: /\p{C}|\s/u.test(ch) ? `illegal character ${code}` : `illegal character ${code} '${ch}'` };
}

/**
 * `true`, `false` or `null` where a name belongs: the first thing in the error region, or right
 * after it when the region ends with the '.' that wants a member or name part.
 */
function misusedKeyword(node: SyntaxNode): SyntaxNode | undefined {
  const isKeyword = (candidate: SyntaxNode | null) => candidate !== null && KEYWORDS.has(candidate.type);
  const named = node.namedChildren.filter((child) => child.type !== 'comment');
  if (named.length > 0 && isKeyword(named[0])) return named[0];
  const next = node.nextSibling;
  if (node.text.trimEnd().endsWith('.') && isKeyword(next)) return next!;
  const dot = named.findIndex((child, i) => i > 0 && isKeyword(child) && child.previousSibling?.type === '.');
  return dot >= 0 ? named[dot] : undefined;
}

const VALUE_TOKENS = new Set(['identifier', 'number', 'string', 'raw_string', 'true', 'false', 'null']);

function describeMissing(expected: string, at: number, ast: AlloyFile, lines: LineIndex, uri: string): Problem {
  const opener = expected === '}' ? innermostOpenBlock(ast.body, at) : undefined;
  if (opener) {
    const unclosed = firstMisplacedClose(opener.body, lines) ?? opener;
    const header = blockHeader(unclosed);
    const line = lines.positionAt(unclosed.span.start).line + 1;
    // Alloy reports this at the end of the file ("expected }, got EOF"); the header says which block.
    const eof = lines.range(lines.text.length, lines.text.length);
    return {
      start: unclosed.nameSpan.start,
      end: unclosed.openBrace.end,
      message: `block ${header} opened at line ${line} is never closed: expected '}' before end of file`,
      related: [{ uri, range: eof, message: "end of file reached with this block still open: expected '}'" }],
    };
  }
  if (expected === '"') {
    return { start: Math.max(0, at - 1), end: at, message: 'string is not terminated: add \'"\' before the end of the line' };
  }
  if (VALUE_TOKENS.has(expected)) return { start: Math.max(0, at - 1), end: at, message: 'expected a value here' };
  return { start: Math.max(0, at - 1), end: at, message: `missing '${expected}'` };
}

function blockHeader(block: BlockStmt): string {
  return block.label !== undefined ? `${block.name} "${block.label}"` : block.name;
}

/**
 * The block tree-sitter had to close at `at` (its AST node has no closing brace). Tree-sitter closes an
 * unclosed block at the end of the file, so the `}` of each later block really belonged to an enclosing
 * one; `firstMisplacedClose` then finds the block the author actually left open. Walks down one block
 * per level, with no recursion: nesting has no limit.
 */
function innermostOpenBlock(statements: Statement[], at: number): BlockStmt | undefined {
  let open: BlockStmt | undefined;
  let list = statements;
  for (;;) {
    const block = list.find((s): s is BlockStmt => s.kind === 'block' && s.span.start < at && s.span.end >= at);
    if (!block) return open;
    if (!block.closeBrace) open = block;
    list = block.body;
  }
}

/**
 * Among the blocks whose `}` sits to the left of their own header, the one whose `}` comes first: that
 * brace was meant for an outer block, and from there on every brace closed the wrong block, so this is
 * the block the author left open. Later misaligned braces are only a consequence (or sloppy indentation).
 */
function firstMisplacedClose(statements: Statement[], lines: LineIndex): BlockStmt | undefined {
  let first: BlockStmt | undefined;
  const pending: Statement[][] = [statements];
  for (let list = pending.pop(); list; list = pending.pop()) {
    for (const statement of list) {
      if (statement.kind !== 'block') continue;
      const close = statement.closeBrace;
      if (close && (!first || close.start < first.closeBrace!.start)) {
        const sameLine = lines.positionAt(close.start).line === lines.positionAt(statement.span.start).line;
        if (!sameLine && indentWidth(lines, close.start) < indentWidth(lines, statement.span.start)) first = statement;
      }
      pending.push(statement.body);
    }
  }
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
