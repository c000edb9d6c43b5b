import { ElasticTabs } from './elastic-tabs';

// The token printer of the Alloy formatter: the layout walk (layout.ts) sends it tokens, the source
// position of some of them, and spacing intents; it decides where the comments of the file go and
// writes everything into the column aligner. Its rules reproduce the observable behaviour of
// grafana/alloy syntax/printer/printer.go at 66ebea856d (`alloy fmt`), which places comments by
// comparing their source offsets with an estimate of where the printer is in the source:
//
//  - The estimate is the last position the walk stated, advanced by the length (in UTF-8 bytes) of
//    every token written since; spacing does not advance it. Positions count lines from 1.
//  - Before each token, every comment group that starts at or before the estimate is written, whole.
//    A group is a run of comments with nothing but white space between them, each starting at most
//    one line below the end of the previous one.
//  - Spacing intents are held until the next token and dropped at the end of the file. Around
//    comments, blanks and line breaks are replaced by what the comments' own lines call for.
//
// Because `=`, `.`, a member name, `(`, `)` and `,` get no stated position, the estimate can lag behind
// the source, in offset and in lines (a line break inside a reference is not written), and Alloy then
// writes a comment after tokens that follow it in the source, or counts line breaks around it from the
// wrong line. Inside a reference (`a. // c` newline `b.c`) or after a multi-line one, that puts a `//`
// comment before the rest of the code on its line, or a line break where the expression goes on, and
// the result no longer parses or means something else. The printer notices when that happens
// (`brokeTheCode`): a `//` comment followed by code on its line, or a line break written with comments
// after a token that ends a statement in Alloy (an identifier, a literal, `)`, `]`, `}`: grafana/alloy
// syntax/scanner/scanner.go inserts a terminator at a line break after them) where the statement goes
// on. With `exactPositions` (used only then) every token states its real position, so comments keep
// their place among the tokens and the line breaks around them are counted from the real lines.
//
// Alloy also writes literals as plain text, so a tab in a string is a column break for the aligner and
// blanks before a line break in a raw string are trimmed, which changes the string unless the tab
// happens to become a tab again. With `verbatimLiterals` (used only when that changed a value) those
// characters are kept as written.

/** Spacing intents: a blank, a soft column break, a line break, a line break that also ends the alignment section, one level of indentation more or less. */
export type Spacing = ' ' | '\v' | '\n' | '\f' | 'indent' | 'unindent';

export interface SourcePos {
  /** UTF-8 byte offset in the source (Alloy's positions are byte offsets). */
  offset: number;
  /** 1-based line. */
  line: number;
}

export interface Comment {
  start: SourcePos;
  /** Text as Alloy's scanner returns it (carriage returns removed). */
  text: string;
  /** Line of the comment's last character, computed as Alloy does (start + text length - 1). */
  endLine: number;
}

/** Departures from Alloy's printer, each for files where its output would not mean what the input means. */
export interface PrinterOptions {
  exactPositions?: boolean;
  verbatimLiterals?: boolean;
}

/** How many buffered spacing intents force them out (Alloy's buffer capacity). */
const SPACING_CAPACITY = 16;
const MAX_NEWLINES = 2;

type Pending = Spacing | null;

type LastWritten = 'spacing' | 'integer' | 'other';

/** What the printer needs to know of a token besides its text. */
export interface TokenInfo {
  /** Where the token really is in the source; none for tokens the formatter adds. */
  actual?: SourcePos;
  /** A number without fraction or exponent (`1 .x` must keep its blank). */
  integer?: boolean;
  /** The first token of a statement, or the `}` that ends a block: a line break may come before it. */
  statementBoundary?: boolean;
}

const ENDS_STATEMENT = new Set([')', ']', '}']);

export class TokenPrinter {
  private readonly sink = new ElasticTabs();
  private indent = 0;
  private pending: Pending[] = [];
  private lastWritten: LastWritten = 'other';
  private wroteAnything = false;
  private atLineStart = true;
  /** Estimated source position of the next token. */
  private pos: SourcePos = { offset: 0, line: 1 };
  /** Estimated source position right after the last token or comment written (line 0: nothing yet). */
  private last: SourcePos = { offset: 0, line: 0 };
  private groupIndex = 0;
  /** Whether the last token would let Alloy end the statement at a line break after it. */
  private lastMayEndStatement = false;
  /** Line breaks written so far. */
  private lineBreaks = 0;
  /** Set when comments were placed so that the output no longer parses as the input did. */
  brokeTheCode = false;

  constructor(private readonly groups: Comment[][], readonly options: PrinterOptions = {}) {}

  space(...intents: Spacing[]): void {
    for (const intent of intents) {
      if (this.pending.length === SPACING_CAPACITY) this.applyPending(this.pending.length);
      this.pending.push(intent);
      this.lastWritten = 'spacing';
    }
  }

  /** States the source position of the next token. */
  at(pos: SourcePos): void {
    this.pos = pos;
  }

  /** An identifier or a literal. */
  word(text: string, info: TokenInfo = {}): void {
    this.lastWritten = info.integer ? 'integer' : 'other';
    this.emit(text, info, true);
  }

  /** Punctuation or an operator. */
  punct(text: string, info: TokenInfo = {}): void {
    // `1 .x` must not become `1.x`, which scans as a float.
    if (this.lastWritten === 'integer' && text.startsWith('.')) this.pending = [' '];
    this.lastWritten = 'other';
    this.emit(text, info, ENDS_STATEMENT.has(text));
  }

  /** Writes the comments left at the end of the file and returns the aligned text (no final newline). */
  finish(): string {
    const end: SourcePos = { offset: Number.MAX_SAFE_INTEGER, line: Number.MAX_SAFE_INTEGER };
    if (this.commentBefore(end)) this.injectComments(end, true, true);
    return this.sink.finish();
  }

  private emit(text: string, info: TokenInfo, mayEndStatement: boolean): void {
    if (this.options.exactPositions && info.actual) this.pos = info.actual;
    const next = { ...this.pos };
    if (this.commentBefore(next)) this.injectComments(next, false, info.statementBoundary === true);
    else this.applyPending(this.pending.length);
    this.writeText(next, text, false);
    this.lastMayEndStatement = mayEndStatement;
  }

  private commentBefore(next: SourcePos): boolean {
    const group = this.groups[this.groupIndex];
    return group !== undefined && group[0].start.offset <= next.offset;
  }

  private injectComments(next: SourcePos, atEnd: boolean, beforeBoundary: boolean): void {
    const lineBreaksBefore = this.lineBreaks;
    let lastComment: Comment | undefined;
    while (this.commentBefore(next)) {
      for (const comment of this.groups[this.groupIndex]) {
        this.spaceBeforeComment(next, comment);
        this.writeText(comment.start, comment.text, true);
        lastComment = comment;
      }
      this.groupIndex++;
    }
    if (atEnd || !lastComment) return;
    this.spaceAfterComments(next, lastComment);
    if (this.lineBreaks > lineBreaksBefore && this.lastMayEndStatement && !beforeBoundary) this.brokeTheCode = true;
  }

  private spaceBeforeComment(next: SourcePos, comment: Comment): void {
    if (!this.wroteAnything) return;
    if (comment.start.line === this.last.line) {
      // A trailing comment: a column break before it, or a blank when code follows on its line.
      this.writeSpacing(comment.start.line === next.line ? ' ' : '\t', 1);
      return;
    }
    // The comment has lines of its own: apply the indentation changes held before the first other
    // intent (which is dropped if it is a blank or line break), then break as many lines (at most
    // two) as the source has between the last token and the comment.
    const first = this.pending.findIndex((intent) => intent !== 'indent' && intent !== 'unindent');
    if (first >= 0) {
      if (this.pending[first] !== null) this.pending[first] = null;
      this.applyPending(first);
    }
    const newlines = this.last.line > 0 ? comment.start.line - this.last.line : 0;
    if (newlines > 0) this.writeSpacing('\f', Math.min(newlines, MAX_NEWLINES));
  }

  private spaceAfterComments(next: SourcePos, lastComment: Comment): void {
    if (lastComment.text[1] === '*' && next.line === lastComment.endLine) this.writeSpacing(' ', 1);
    const newlines = next.line - this.last.line;
    let droppedSectionBreak = false;
    for (let i = 0; i < this.pending.length; i++) {
      const intent = this.pending[i];
      if (intent === 'indent' || intent === 'unindent') continue;
      if (intent === '\f') droppedSectionBreak = true;
      this.pending[i] = null;
    }
    this.applyPending(this.pending.length);
    if (newlines > 0) this.writeSpacing(droppedSectionBreak ? '\f' : '\n', Math.min(newlines, MAX_NEWLINES));
    else if (lastComment.text.startsWith('//')) this.brokeTheCode = true; // the next token would be commented out
  }

  private applyPending(count: number): void {
    for (let i = 0; i < count; i++) {
      const intent = this.pending[i];
      if (intent === null) continue;
      if (intent === 'indent') this.indent++;
      else if (intent === 'unindent') {
        if (--this.indent < 0) throw new Error('formatter: negative indentation');
      } else this.writeSpacing(intent, 1);
    }
    if (count > 0) this.pending.splice(0, count);
  }

  private writeIndentIfAtLineStart(): void {
    if (!this.atLineStart) return;
    if (this.indent > 0) {
      this.sink.write('\t'.repeat(this.indent));
      this.atLineStart = false;
      this.wroteAnything = true;
    }
  }

  private writeSpacing(ch: ' ' | '\t' | '\v' | '\n' | '\f', count: number): void {
    this.writeIndentIfAtLineStart();
    this.sink.write(ch.repeat(count));
    if (ch === '\n' || ch === '\f') this.lineBreaks += count;
    this.wroteAnything = true;
    this.atLineStart = ch === '\n' || ch === '\f';
  }

  /** A token at `pos` (comments are verbatim), moving the position estimate past it. */
  private writeText(pos: SourcePos, text: string, comment: boolean): void {
    this.writeIndentIfAtLineStart();
    if (comment) this.sink.writeVerbatim(text);
    else if (this.options.verbatimLiterals) writeLiteral(this.sink, text);
    else this.sink.write(text);
    if (text.length > 0) this.wroteAnything = true;

    let newlines = 0;
    let lastBreak = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || ch === 12) {
        newlines++;
        lastBreak = i;
      }
    }
    this.pos = { offset: pos.offset + utf8Length(text), line: pos.line + newlines };
    this.lineBreaks += newlines;
    if (newlines > 0) this.atLineStart = lastBreak === text.length - 1;
    else if (text.length > 0) this.atLineStart = false;
    this.last = this.pos;
  }
}

const MAY_BE_MANGLED = /[\t\v\f]| \n/;

/**
 * Writes a token with the characters the aligner or the trimmer would rewrite (tabs, vertical tabs,
 * form feeds, blanks before a line break) kept verbatim. Its line breaks (multi-line raw strings) stay
 * line breaks for the alignment, as in `alloy fmt`.
 */
function writeLiteral(sink: ElasticTabs, text: string): void {
  if (!MAY_BE_MANGLED.test(text)) {
    sink.write(text);
    return;
  }
  const mangled = /[\t\v\f]|[ \t]+(?=\n)/g;
  let from = 0;
  for (let match = mangled.exec(text); match; match = mangled.exec(text)) {
    if (match.index > from) sink.write(text.slice(from, match.index));
    sink.writeVerbatim(match[0]);
    from = match.index + match[0].length;
  }
  if (from < text.length) sink.write(text.slice(from));
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 0x80) bytes += 1;
    else if (ch < 0x800) bytes += 2;
    else if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
