import type Parser = require('web-tree-sitter');
import type { Comment, SourcePos } from './printer';
import { utf8Length } from './printer';
import type { CstNode } from './cst';

/**
 * Source positions as Alloy's scanner counts them: byte offsets into the UTF-8 text and 1-based lines
 * that end at '\n' only (tree-sitter counts rows the same way). Node indices are UTF-16 units.
 */
export class SourcePositions {
  /** UTF-8 offset of every UTF-16 index, or undefined when the text is ASCII (both are equal). */
  private readonly bytes: Uint32Array | undefined;

  constructor(private readonly text: string) {
    if (/[^\x00-\x7f]/.test(text)) {
      const bytes = new Uint32Array(text.length + 1);
      let offset = 0;
      for (let i = 0; i < text.length; i++) {
        bytes[i] = offset;
        const ch = text.charCodeAt(i);
        if (ch < 0x80) offset += 1;
        else if (ch < 0x800) offset += 2;
        else if (ch >= 0xd800 && ch <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          offset += 4;
          bytes[++i] = offset; // the low surrogate never starts a token
        } else offset += 3;
      }
      bytes[text.length] = offset;
      this.bytes = bytes;
    }
  }

  byteOffset(index: number): number {
    return this.bytes ? this.bytes[index] : index;
  }

  start(node: CstNode): SourcePos {
    return { offset: this.byteOffset(node.start), line: node.startRow + 1 };
  }

  startLine(node: CstNode): number {
    return node.startRow + 1;
  }

  /** Line of a node's last character (nodes never end with a line break). */
  endLine(node: CstNode): number {
    return node.endRow + 1;
  }

  /**
   * The line of the byte `delta` bytes after the start of `node`. Alloy computes some end positions
   * as start + length - 1 over a shortened text (a quoted key without its quotes, a comment without
   * its carriage returns), so they can fall on an earlier character than the real last one.
   */
  lineAtByte(node: CstNode, delta: number): number {
    let line = node.startRow + 1;
    let bytes = 0;
    for (let i = node.start; i < this.text.length && bytes <= delta; i++) {
      const ch = this.text.charCodeAt(i);
      const width = ch < 0x80 ? 1 : ch < 0x800 ? 2 : (ch & 0xfc00) === 0xd800 ? 4 : 3;
      if (bytes + width > delta) break;
      if (ch === 10) line++;
      bytes += width;
      if (width === 4) i++;
    }
    return line;
  }

  /**
   * The comments of the file in groups, as Alloy's parser groups them: consecutive comments with only
   * white space between them, each starting at most one line after the previous one ends.
   */
  commentGroups(comments: CstNode[]): Comment[][] {
    const groups: Comment[][] = [];
    let previous: { node: CstNode; endLine: number } | undefined;
    for (const node of comments) {
      const text = scannedCommentText(this.text.slice(node.start, node.end));
      const comment: Comment = { start: this.start(node), text, endLine: this.lineAtByte(node, utf8Length(text) - 1) };
      const startLine = comment.start.line;
      const joins = previous !== undefined && startLine <= previous.endLine + 1 &&
        /^[ \t\r\n]*$/.test(this.text.slice(previous.node.end, node.start));
      if (joins) groups[groups.length - 1].push(comment);
      else groups.push([comment]);
      // Alloy's parser counts the line breaks of the text to find where a comment ends.
      previous = { node, endLine: startLine + countChar(text, '\n') };
    }
    return groups;
  }
}

/** Every comment node of the tree, in source order. */
export function commentNodes(root: Parser.SyntaxNode): Parser.SyntaxNode[] {
  return root.descendantsOfType('comment');
}

/**
 * A comment's text as grafana/alloy syntax/scanner/scanner.go (scanComment, stripCR) returns it: a
 * line comment loses the carriage return that ends it, and every other carriage return is removed,
 * except in a block comment one that separates a '*' from a '/' (removing it would end the comment).
 */
export function scannedCommentText(source: string): string {
  if (!source.includes('\r')) return source;
  const block = source.startsWith('/*');
  let text = source;
  if (!block && text.endsWith('\r')) text = text.slice(0, -1);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\r' || (block && out.length > 2 && out.endsWith('*') && text[i + 1] === '/')) out += ch;
  }
  return out;
}

function countChar(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) count++;
  return count;
}
