import type { BlockStmt, Span } from '../ast';

/** Where a finding about a whole block goes: its header (name and label), not the whole body. */
export function navigationSpan(block: BlockStmt): Span {
  return { start: block.nameSpan.start, end: block.labelSpan?.end ?? block.nameSpan.end };
}
