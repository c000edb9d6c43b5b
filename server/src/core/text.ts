import type { Position, Range } from './types';

/**
 * Where a LineIndex collects line starts before it keeps a copy of their exact size (a LineIndex is made
 * for every version of an edited file: an array grown by pushes left about three times its size in
 * garbage). Its first element, the first line's start, is always 0; it grows to the most lines a text
 * had, 4 bytes a line.
 */
let scratch: Uint32Array = new Uint32Array(1024);

function grown(starts: Uint32Array): Uint32Array {
  const larger = new Uint32Array(starts.length * 2);
  larger.set(starts);
  return larger;
}

/**
 * Converts between string offsets and line/character positions for one text. Lines end at `\n`,
 * `\r\n` or a lone `\r`, as LSP defines them; out-of-range positions are clamped, never thrown on.
 */
export class LineIndex {
  /** Offsets fit: a JavaScript string holds fewer than 2^32 characters. */
  private readonly lineStarts: Uint32Array;

  constructor(readonly text: string) {
    if (text.indexOf('\r') === -1) {
      // No carriage return (the usual case): the native search is several times faster than a loop.
      let count = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        if (count === scratch.length) scratch = grown(scratch);
        scratch[count++] = i + 1;
      }
      this.lineStarts = scratch.slice(0, count);
      return;
    }
    let count = 1;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */ || ch === 10 /* \n */) {
        if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
        if (count === scratch.length) scratch = grown(scratch);
        scratch[count++] = i + 1;
      }
    }
    this.lineStarts = scratch.slice(0, count);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /**
   * The line break a new line near `line` should use: that line's own, else the one before it, else `\n`
   * (a one-line document). Keeps CRLF files CRLF when a fix inserts lines.
   */
  lineBreakAt(line: number): string {
    for (const candidate of [line, line - 1]) {
      if (candidate < 0 || candidate + 1 >= this.lineStarts.length) continue;
      const brk = this.text.slice(this.lineEnd(candidate), this.lineStarts[candidate + 1]);
      if (brk) return brk;
    }
    return '\n';
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line] ?? this.text.length, this.lineEnd(line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
}

export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/** Applies non-overlapping edits, all given against `text`, and returns the new text. */
export function applyTextEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const span of spans) out = out.slice(0, span.start) + span.text + out.slice(span.end);
  return out;
}

/** One edit turning `before` into `after`: the changed middle, between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): { range: Range; newText: string } {
  let prefix = 0;
  const limit = Math.min(before.length, after.length);
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const lines = new LineIndex(before);
  return { range: lines.range(prefix, before.length - suffix), newText: after.slice(prefix, after.length - suffix) };
}
