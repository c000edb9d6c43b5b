// Column alignment for the Alloy formatter: elastic tabstops with the semantics of Go's
// `text/tabwriter` as `alloy fmt` configures it (grafana/alloy syntax/printer/printer.go at 66ebea856d:
// minwidth 0, tabwidth 8, padding 1, padchar ' ', flags DiscardEmptyColumns|TabIndent), followed by the
// removal of trailing blanks on every line (its trimmer.go). The rules, as documented by Go 1.19's
// src/text/tabwriter/tabwriter.go:
//
//  - A line is split into cells by '\t' (a "hard" terminator) and '\v' (a "soft" one); the text after
//    the last terminator is the line's trailing cell, which never takes part in alignment.
//  - Column k of a run of consecutive lines that all have a terminated cell k forms a block; its width
//    is the widest cell plus one (the padding). A line without cell k ends the block, and the blocks of
//    column k+1 are found within each block of column k.
//  - A column whose cells are all empty and soft-terminated is dropped (width 0).
//  - Empty cells before the first text of a line are indentation: they are padded with tabs (the width
//    rounded up to a multiple of 8), every other cell with spaces.
//  - '\f' ends a line and the whole alignment section: nothing after it aligns with anything before.
//  - Widths are counted in Unicode code points.
//  - Verbatim text (comments, and the characters of literals the columns would otherwise mangle) is
//    neither split into cells nor trimmed; it only counts for its width.

const TAB_WIDTH = 8;
const PADDING = 1;

interface Cell {
  /** Pieces of the cell's text in order; verbatim pieces bypass trimming. */
  parts: Piece[];
  /** Width in code points. */
  width: number;
  /** Terminated by '\t' (true) or '\v' / end of line (false). */
  hard: boolean;
}

interface Piece {
  text: string;
  verbatim: boolean;
}

export class ElasticTabs {
  private lines: Cell[][] = [[]];
  private cell: Cell = emptyCell();
  private readonly out = new TrailingBlankTrimmer();

  /** Text in which '\t', '\v', '\n' and '\f' are cell and line terminators. */
  write(text: string): void {
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 9 && ch !== 11 && ch !== 10 && ch !== 12) continue;
      if (i > from) this.append(text.slice(from, i), false);
      from = i + 1;
      const cells = this.terminateCell(ch === 9);
      if (ch === 10 || ch === 12) {
        this.lines.push([]);
        // A line of one cell cannot belong to any column, so what came before is final (tabwriter
        // flushes there too; the result is the same either way, this only bounds the buffer).
        if (ch === 12 || cells === 1) this.flush();
      }
    }
    if (from < text.length) this.append(text.slice(from), false);
  }

  /** Text copied as it is: terminators in it are plain characters and its blanks are never trimmed. */
  writeVerbatim(text: string): void {
    this.append(text, true);
  }

  /** Aligns what is buffered and returns the whole output. */
  finish(): string {
    if (this.cell.parts.length > 0) this.terminateCell(false);
    this.flush();
    return this.out.finish();
  }

  private append(text: string, verbatim: boolean): void {
    if (text.length === 0) return;
    this.cell.parts.push({ text, verbatim });
    this.cell.width += codePoints(text);
  }

  private terminateCell(hard: boolean): number {
    this.cell.hard = hard;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = emptyCell();
    return line.length;
  }

  private flush(): void {
    this.alignColumns(0, this.lines.length, []);
    this.lines = [[]];
  }

  /**
   * Writes lines [from, to) given the widths of the columns left of `widths.length`, finding the blocks
   * of the next column within the range.
   */
  private alignColumns(from: number, to: number, widths: number[]): void {
    const column = widths.length;
    let written = from;
    for (let line = from; line < to; line++) {
      if (column >= this.lines[line].length - 1) continue;
      this.writeLines(written, line, widths);
      const blockStart = line;
      let width = 0;
      let discardable = true;
      for (; line < to && column < this.lines[line].length - 1; line++) {
        const cell = this.lines[line][column];
        width = Math.max(width, cell.width + PADDING);
        if (cell.width > 0 || cell.hard) discardable = false;
      }
      this.alignColumns(blockStart, line, [...widths, discardable ? 0 : width]);
      written = line;
      // The line that ended the block has no cell in this column: the loop's increment may skip it.
    }
    this.writeLines(written, to, widths);
  }

  private writeLines(from: number, to: number, widths: number[]): void {
    for (let i = from; i < to; i++) {
      const line = this.lines[i];
      let indenting = true;
      for (let j = 0; j < line.length; j++) {
        const cell = line[j];
        if (cell.parts.length === 0) {
          if (j < widths.length) this.out.write(padding(cell.width, widths[j], indenting), false);
          continue;
        }
        indenting = false;
        for (const part of cell.parts) this.out.write(part.text, part.verbatim);
        if (j < widths.length) this.out.write(padding(cell.width, widths[j], false), false);
      }
      // The last buffered line is still open (its text, if any, was made a cell by finish()).
      if (i + 1 < this.lines.length) this.out.write('\n', false);
    }
  }
}

function emptyCell(): Cell {
  return { parts: [], width: 0, hard: false };
}

function padding(textWidth: number, cellWidth: number, tabs: boolean): string {
  if (!tabs) return ' '.repeat(cellWidth - textWidth);
  const rounded = Math.ceil(cellWidth / TAB_WIDTH) * TAB_WIDTH;
  return '\t'.repeat(Math.ceil((rounded - textWidth) / TAB_WIDTH));
}

/** Number of Unicode code points (a surrogate pair counts once, as Go counts runes). */
export function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 0xd800 && ch <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** Drops spaces and tabs before each line break and at the end, except inside verbatim text. */
class TrailingBlankTrimmer {
  private readonly chunks: string[] = [];
  private pendingBlanks = '';

  write(text: string, verbatim: boolean): void {
    if (verbatim) {
      this.emitPending();
      this.chunks.push(text);
      return;
    }
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 32 || ch === 9) {
        if (i > from) {
          this.emitPending();
          this.chunks.push(text.slice(from, i));
        }
        this.pendingBlanks += text[i];
        from = i + 1;
      } else if (ch === 10) {
        if (i > from) {
          this.emitPending();
          this.chunks.push(text.slice(from, i));
        }
        this.pendingBlanks = '';
        this.chunks.push('\n');
        from = i + 1;
      }
    }
    if (from < text.length) {
      this.emitPending();
      this.chunks.push(text.slice(from));
    }
  }

  finish(): string {
    return this.chunks.join('');
  }

  private emitPending(): void {
    if (this.pendingBlanks) {
      this.chunks.push(this.pendingBlanks);
      this.pendingBlanks = '';
    }
  }
}
