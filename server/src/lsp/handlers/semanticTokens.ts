import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import {
  SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticTokenResult,
} from '../../core/editor-types';

/** textDocument/semanticTokens/full and …/full/delta. */

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

const TYPE_INDEX = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((type, i) => [type, i]));
const MODIFIER_BIT = new Map<string, number>(SEMANTIC_TOKEN_MODIFIERS.map((modifier, i) => [modifier, 1 << i]));

/** The last result sent per document: a delta request names it, and gets the edits from it to now. */
const previous = new Map<string, { resultId: string; data: number[] }>();
let nextResultId = 1;

export function register(ctx: ServerContext): void {
  ctx.connection.languages.semanticTokens.on(({ textDocument }): SemanticTokens => {
    ctx.sync();
    return remember(textDocument.uri, encode(ctx.engine.semanticTokens(textDocument.uri)));
  });

  ctx.connection.languages.semanticTokens.onDelta(({ textDocument, previousResultId }): SemanticTokens | SemanticTokensDelta => {
    ctx.sync();
    const data = encode(ctx.engine.semanticTokens(textDocument.uri));
    const before = previous.get(textDocument.uri);
    // An unknown result id (the server restarted, or the client skipped one): send everything.
    if (!before || before.resultId !== previousResultId) return remember(textDocument.uri, data);
    const edits = diff(before.data, data);
    const { resultId } = remember(textDocument.uri, data);
    return { resultId, edits };
  });

  function remember(uri: string, data: number[]): SemanticTokens {
    // Closed documents need no previous result (didClose belongs to textDocumentSync.ts, so forget them here).
    for (const known of previous.keys()) if (!ctx.documents.has(known)) previous.delete(known);
    const resultId = String(nextResultId++);
    previous.set(uri, { resultId, data });
    return { resultId, data };
  }
}

/** LSP's relative encoding: per token, line delta, start delta (on the same line), length, type, modifier bits. */
export function encode(tokens: SemanticTokenResult[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of tokens) {
    const deltaLine = token.line - line;
    data.push(deltaLine, deltaLine === 0 ? token.character - character : token.character, token.length,
      TYPE_INDEX.get(token.type)!, token.modifiers.reduce((bits, m) => bits | MODIFIER_BIT.get(m)!, 0));
    line = token.line;
    character = token.character;
  }
  return data;
}

/**
 * The edit turning `before` into `after`: what lies between their common prefix and common suffix
 * (none when they are equal). A keystroke changes the tokens of one region, so this is small.
 */
export function diff(before: number[], after: number[]): SemanticTokensEdit[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  if (prefix === before.length && prefix === after.length) return [];
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return [{ start: prefix, deleteCount: before.length - prefix - suffix, data: after.slice(prefix, after.length - suffix) }];
}
