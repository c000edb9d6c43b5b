import type Parser = require('web-tree-sitter');
import type { Range, TextEdit } from '../../types';
import { minimalEdit } from '../../text';
import { parseAlloy, type AlloyParsed } from '../parser';
import { layoutFile, NestingTooDeep } from './layout';
import type { PrinterOptions } from './printer';
import { meaningOf } from './meaning';

type SyntaxNode = Parser.SyntaxNode;

// Headroom's Alloy formatter: the output of `alloy fmt` (grafana/alloy at 66ebea856d), byte for byte,
// for every file Alloy accepts, except where Alloy's output would not mean what the file means:
//  - a comment that breaks the line inside or after a multi-line reference (`a. // c` newline `b`):
//    Alloy moves it after later tokens or breaks the line where the expression goes on;
//  - a tab in a string, or blanks before a line break in a raw string, that Alloy's column aligner
//    or trimmer rewrites;
//  - an object key whose text holds a backslash, a quote or an unprintable character, which Alloy
//    re-escapes (kept as written; layout.ts);
//  - `f(` newline `)`, printed `f(,` by Alloy, which does not parse (layout.ts).
// The faithful layout is tried first and kept when it parses and means what the input means,
// comments included; otherwise the departures of printer.ts are tried, faithful ones first. An
// output that does not mean the same is never returned: the file is refused instead.

export interface FormatRefusal {
  message: string;
  range: Range;
}

export type FormatOutcome = { ok: true; text: string } | { ok: false; refusal: FormatRefusal };

export type RangeFormatOutcome = { ok: true; edits: TextEdit[] } | { ok: false; refusal: FormatRefusal };

/** The whole file formatted, or why it cannot be: a file with a syntax error is never formatted. */
export function formatAlloy(parsed: AlloyParsed): FormatOutcome {
  const problem = parsed.syntax[0];
  if (problem) return refuse(`cannot format a file with a syntax error: ${problem.message}`, problem.range);
  const root = parsed.tree.rootNode;
  if (root.hasError) {
    const bad = firstError(root) ?? root;
    return refuse('cannot format a file with a syntax error', parsed.lines.range(bad.startIndex, bad.endIndex));
  }
  let meaning: string | undefined;
  for (const options of DEPARTURES) {
    let layout: { text: string; brokeTheCode: boolean };
    try {
      layout = layoutFile(root, parsed.doc.text, options);
    } catch (error) {
      if (!(error instanceof NestingTooDeep)) throw error;
      return refuse(`cannot format: ${error.message}`, parsed.lines.range(error.node.start, error.node.start));
    }
    if (layout.brokeTheCode) continue;
    const text = `${layout.text}\n`;
    if (text === parsed.doc.text) return { ok: true, text };
    meaning ??= meaningOf(parsed);
    if (sameMeaning(parsed.doc.uri, text, meaning)) return { ok: true, text };
  }
  return refuse('Headroom cannot format this file without changing its meaning (a formatter bug: please report it); it is left unchanged',
    parsed.lines.range(0, 0));
}

const DEPARTURES: PrinterOptions[] = [
  {},
  { verbatimLiterals: true },
  { exactPositions: true },
  { exactPositions: true, verbatimLiterals: true },
];

/** Whether `text` parses without error and means `meaning`. */
function sameMeaning(uri: string, text: string, meaning: string): boolean {
  const reparsed = parseAlloy({ uri: `${uri}#formatted`, text });
  try {
    return reparsed.syntax.length === 0 && meaningOf(reparsed) === meaning;
  } finally {
    reparsed.dispose();
  }
}

/** The edit that formats the whole document (none when it is formatted already). */
export function formatAlloyEdits(parsed: AlloyParsed): RangeFormatOutcome {
  const outcome = formatAlloy(parsed);
  if (!outcome.ok) return outcome;
  const original = parsed.doc.text;
  return { ok: true, edits: outcome.text === original ? [] : [minimalEdit(original, outcome.text)] };
}

/**
 * Formats the statements `range` touches (with their indentation: a cursor at the start of a line
 * touches the statement on it; a selection of whole lines does not touch the line after it), at the
 * deepest level that holds them all: a selection inside one block's body formats the statements of
 * that body it touches, not the whole block. Those
 * statements, with the comments and blank lines before them, get exactly the lines formatting the whole
 * document gives them. So an alignment run that crosses the range's boundary is aligned as a whole
 * (the touched lines take the column width of the complete run, as `alloy fmt` would), while the lines
 * outside the range are left as they are; formatting the rest later completes the same result as
 * formatting the whole document. A range touching no statement (only comments or blank lines) formats
 * nothing. Every result is checked: if the spliced document would not mean the same as the original,
 * the enclosing statement is formatted instead, up to the whole document.
 */
export function formatAlloyRange(parsed: AlloyParsed, range: Range): RangeFormatOutcome {
  const outcome = formatAlloy(parsed);
  if (!outcome.ok) return outcome;
  const original = parsed.doc.text;
  if (outcome.text === original) return { ok: true, edits: [] };
  const formatted = parseAlloy({ uri: `${parsed.doc.uri}#formatted`, text: outcome.text });
  try {
    const from = parsed.lines.offsetAt(range.start);
    let to = Math.max(from, parsed.lines.offsetAt(range.end));
    // A selection of whole lines ends at the start of the next line, which it does not touch.
    if (to > from && original[to - 1] === '\n') to--;
    const levels = touchedLevels(parsed.tree.rootNode, formatted.tree.rootNode, from, to);
    if (levels.length === 0) return { ok: true, edits: [] };
    const meaning = meaningOf(parsed);
    // Deepest level first; each later one is the enclosing statement at its parent's level.
    for (const level of levels) {
      const spliced = original.slice(0, level.original.start) + outcome.text.slice(level.formatted.start, level.formatted.end) +
        original.slice(level.original.end);
      if (sameMeaning(parsed.doc.uri, spliced, meaning)) return { ok: true, edits: spliced === original ? [] : [minimalEdit(original, spliced)] };
    }
    return { ok: true, edits: [minimalEdit(original, outcome.text)] };
  } finally {
    formatted.dispose();
  }
}

interface Span {
  start: number;
  end: number;
}

interface Level {
  original: Span;
  formatted: Span;
}

/**
 * The spans to replace, deepest level first: at each level, the touched statements of one statement
 * list, from the end of the line of the statement before them (or the opening brace, or the start of
 * the file) to the end of the line of the last one (or the closing brace, or the end of the file), in
 * the original and in the formatted tree, which have the same statements.
 */
function touchedLevels(original: SyntaxNode, formatted: SyntaxNode, from: number, to: number): Level[] {
  const levels: Level[] = [];
  let containers: [SyntaxNode, SyntaxNode] | undefined = [original, formatted];
  while (containers) {
    const [inOriginal, inFormatted] = containers;
    const statements = statementsOf(inOriginal);
    const counterparts = statementsOf(inFormatted);
    if (statements.length !== counterparts.length) break;
    const first = statements.findIndex((s) => s.endIndex >= from);
    let last = statements.length - 1;
    // A statement's line starts with its indentation: a range touching only that touches the statement.
    const text = inOriginal.tree.rootNode.text;
    while (last >= 0 && text.lastIndexOf('\n', statements[last].startIndex - 1) + 1 > to) last--;
    // Only comments or blank lines (of the file, or of the block the range lies in): nothing to do.
    if (first < 0 || first > last) return [];
    levels.unshift({
      original: listSpan(inOriginal, statements, first, last),
      formatted: listSpan(inFormatted, counterparts, first, last),
    });
    containers = undefined;
    if (first === last && statements[first].type === 'block') {
      const body = bodySpan(statements[first]);
      if (body && from >= body.start && to <= body.end) {
        const inner = statements[first].childForFieldName('body');
        const innerFormatted = counterparts[first].childForFieldName('body');
        if (inner && innerFormatted) containers = [inner, innerFormatted];
      }
    }
  }
  return levels;
}

function statementsOf(container: SyntaxNode): SyntaxNode[] {
  return container.namedChildren.filter((child) => child.type === 'attribute' || child.type === 'block');
}

/** Between the braces of a block. */
function bodySpan(block: SyntaxNode): Span | undefined {
  const open = block.children.find((c) => c.type === '{');
  const close = block.children.find((c) => c.type === '}');
  return open && close ? { start: open.endIndex, end: close.startIndex } : undefined;
}

function listSpan(container: SyntaxNode, statements: SyntaxNode[], first: number, last: number): Span {
  const text = container.tree.rootNode.text;
  const outer = container.type === 'body' ? container.parent : undefined;
  const braces = outer ? bodySpan(outer) : undefined;
  const start = first > 0 ? lineTailEnd(text, statements[first - 1].endIndex) : braces ? braces.start : 0;
  const end = last < statements.length - 1 ? lineTailEnd(text, statements[last].endIndex) : braces ? braces.end : text.length;
  return { start, end };
}

/** After `offset`: past blanks and comments up to the end of the line (a block comment may span lines). */
function lineTailEnd(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    if (text.startsWith('//', i)) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return text.length;
      i = close + 2;
    } else {
      return i;
    }
  }
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (child.hasError || child.isMissing || child.type === 'ERROR') {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return undefined;
}

function refuse(message: string, range: Range): { ok: false; refusal: FormatRefusal } {
  return { ok: false, refusal: { message, range } };
}
