import type { AlloyParsed } from '../parser';
import { commentNodes, scannedCommentText } from './source-positions';

/**
 * What formatting must not change, as one comparable string: the AST without positions (statements,
 * names, labels, values with strings decoded), and every comment's text in order as Alloy's scanner
 * reads it. Whether a key was quoted is left out: `` `key` `` and `"key"` name the same key.
 */
export function meaningOf(parsed: AlloyParsed): string {
  const comments = commentNodes(parsed.tree.rootNode).map((node) => scannedCommentText(node.text));
  return JSON.stringify({ body: parsed.ast.body, comments }, (key, value) =>
    key === 'quoted' || key === 'span' || key === 'openBrace' || key === 'closeBrace' || key.endsWith('Span') ? undefined : value);
}
