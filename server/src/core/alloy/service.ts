import type { FormatService, SourceDocument } from '../service';
import type { AnalysisContext } from '../context';
import type { Finding, HoverResult, Position } from '../types';
import { emptyFacts, type DocumentFacts } from '../workspace';
import { initAlloyParser, parseAlloy, type AlloyParsed } from './parser';
import { ComponentIndex } from './components';
import { componentAt, definition, documentSymbols, foldingRanges, references } from './navigation';
import { argumentHover, componentDocs } from './hover';
import { codeLenses, inlayHints } from './estimates';
import { completion } from './completion';
import { ALLOY_RULES } from './rules';
import type { AlloyRuleContext } from './rule-context';
import { selectTier } from './tier';
import { bytesArg, numberArg } from './rules/values';
import { semanticTokens } from './semantic-tokens';
import { documentHighlights, prepareRename, rename } from './rename';
import { signatureHelp, stdlibHover } from './signature-help';
import { workspaceSymbols } from './workspace-symbols';

const ALLOY_LANGUAGE_IDS = new Set(['grafana-alloy', 'alloy', 'river']);

/** Component indexes are derived from the AST; keep one per parse result. */
const indexes = new WeakMap<AlloyParsed, ComponentIndex>();
export function componentIndex(parsed: AlloyParsed): ComponentIndex {
  let index = indexes.get(parsed);
  if (!index) {
    index = new ComponentIndex(parsed.ast);
    indexes.set(parsed, index);
  }
  return index;
}

export const alloyService: FormatService<AlloyParsed> = {
  format: 'alloy',

  init: initAlloyParser,

  claims(doc: SourceDocument): boolean {
    if (doc.languageId && ALLOY_LANGUAGE_IDS.has(doc.languageId)) return true;
    return /\.(alloy|river)$/i.test(doc.uri);
  },

  parse: parseAlloy,

  facts(parsed: AlloyParsed): DocumentFacts {
    const facts = emptyFacts(parsed.doc.uri, 'alloy');
    for (const block of componentIndex(parsed).components.values()) {
      if (block.name !== 'otelcol.processor.memory_limiter') continue;
      const limit = bytesArg(block, 'limit');
      const percentage = numberArg(block, 'limit_percentage');
      facts.memoryLimiters.push({
        label: block.label ?? '',
        limitBytes: limit?.state === 'set' ? limit.value : undefined,
        limitPercentage: percentage?.state === 'set' ? percentage.value : undefined,
        range: parsed.lines.range(block.nameSpan.start, block.labelSpan?.end ?? block.nameSpan.end),
      });
    }
    return facts;
  },

  lint(parsed: AlloyParsed, ctx: AnalysisContext): Finding[] {
    const { selection, findings } = selectTier(parsed, ctx);
    const ruleContext: AlloyRuleContext = { parsed, index: componentIndex(parsed), analysis: ctx, tier: selection };
    const ruleFindings = ALLOY_RULES.flatMap((rule) => rule.check(ruleContext));
    return [...parsed.syntax, ...findings, ...ruleFindings];
  },

  hover(parsed: AlloyParsed, position: Position, ctx: AnalysisContext): HoverResult | null {
    const tier = selectTier(parsed, ctx).selection;
    const argument = argumentHover(parsed, position, ctx, tier);
    if (argument) return argument;
    const stdlib = stdlibHover(parsed, position);
    if (stdlib) return stdlib;
    const index = componentIndex(parsed);
    const target = componentAt(parsed, index, position);
    if (!target) return null;
    const uses = index.referencesTo(target.key);
    const header = target.block.label !== undefined ? `${target.block.name} "${target.block.label}"` : target.block.name;
    const line = parsed.lines.positionAt(target.block.span.start).line + 1;
    const lines = [`**${header}** — component declared at line ${line}`, ''];
    if (uses.length === 0) {
      lines.push('Not referenced by any other component in this file.');
    } else {
      lines.push(`Referenced ${uses.length} time${uses.length === 1 ? '' : 's'}:`);
      for (const use of uses) {
        const from = use.from.label !== undefined ? `${use.from.name} "${use.from.label}"` : use.from.name;
        lines.push(`- line ${parsed.lines.positionAt(use.span.start).line + 1}, in \`${from}\`${use.exportName ? ` (\`.${use.exportName}\`)` : ''}`);
      }
    }
    lines.push(...componentDocs(target.block, ctx, tier));
    return { range: target.range, markdown: lines.join('\n') };
  },

  inlayHints: (parsed, range, ctx) => inlayHints(parsed, componentIndex(parsed), range, selectTier(parsed, ctx).selection, ctx),
  codeLenses: (parsed, ctx) => codeLenses(parsed, ctx, selectTier(parsed, ctx).selection),
  symbols: documentSymbols,
  foldingRanges,

  completion: (parsed, position, ctx) => completion(parsed, position, ctx, selectTier(parsed, ctx).selection),

  definition: (parsed, position) => definition(parsed, componentIndex(parsed), position),
  references: (parsed, position) => references(parsed, componentIndex(parsed), position),

  semanticTokens,
  documentHighlights,
  signatureHelp,
  workspaceSymbols,
  prepareRename,
  rename,
};
