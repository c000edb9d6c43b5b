import type Parser = require('web-tree-sitter');

/**
 * A plain-JavaScript copy of the tree-sitter tree, made in one cursor walk: the formatter reads every
 * node several times, and each read of a web-tree-sitter node crosses into WebAssembly. Tokens whose
 * inside the formatter never looks at (strings, comments) are copied without their children.
 */
export interface CstNode {
  type: string;
  named: boolean;
  /** The field this node fills in its parent (`name`, `value`, `left`…), if any. */
  field: string | undefined;
  /** [start, end) in UTF-16 units. */
  start: number;
  end: number;
  /** 0-based rows of the first and last character. */
  startRow: number;
  endRow: number;
  children: CstNode[];
}

const LEAVES = new Set(['string', 'raw_string', 'comment', 'identifier', 'number']);

export function copyTree(root: Parser.SyntaxNode, text: string): { root: CstNode; comments: CstNode[] } {
  const comments: CstNode[] = [];
  const rowOf = rowsOf(text);
  const cursor = root.walk();
  try {
    const copy = (): CstNode => {
      const type = cursor.nodeType;
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      const node: CstNode = {
        type,
        // Anonymous nodes of this grammar are punctuation and operators; named ones start with a letter.
        named: /^[A-Za-z_]/.test(type),
        field: cursor.currentFieldName ?? undefined,
        start,
        end,
        startRow: rowOf(start),
        endRow: rowOf(Math.max(start, end - 1)),
        children: [],
      };
      if (node.type === 'comment') comments.push(node);
      return node;
    };
    const top = copy();
    // Iterative, so that deep nesting cannot exhaust the stack here.
    const stack: CstNode[] = [top];
    let descend = !LEAVES.has(top.type);
    for (;;) {
      if (descend && cursor.gotoFirstChild()) {
        const child = copy();
        stack[stack.length - 1].children.push(child);
        stack.push(child);
        descend = !LEAVES.has(child.type);
        continue;
      }
      // Done with the current node: move to its next sibling, or climb.
      let moved = false;
      while (stack.length > 1) {
        stack.pop();
        if (cursor.gotoNextSibling()) {
          const sibling = copy();
          stack[stack.length - 1].children.push(sibling);
          stack.push(sibling);
          descend = !LEAVES.has(sibling.type);
          moved = true;
          break;
        }
        cursor.gotoParent();
      }
      if (!moved) break;
    }
    return { root: top, comments };
  } finally {
    cursor.delete();
  }
}

/** Row (counting '\n' only, like tree-sitter and Alloy) of a UTF-16 index. */
function rowsOf(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

export function child(node: CstNode, field: string): CstNode {
  const found = node.children.find((c) => c.field === field);
  if (!found) throw new Error(`formatter: ${node.type} without ${field}`);
  return found;
}

export function token(node: CstNode, type: string): CstNode {
  const found = node.children.find((c) => c.type === type);
  if (!found) throw new Error(`formatter: ${node.type} without '${type}'`);
  return found;
}
