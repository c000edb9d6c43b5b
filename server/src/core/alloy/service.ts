import type { FormatService, SourceDocument } from '../service';
import type { AnalysisContext } from '../context';
import type { CompletionResult, Finding, HoverResult, Position } from '../types';
import { emptyFacts, type DocumentFacts } from '../workspace';
import { initAlloyParser, parseAlloy, type AlloyParsed } from './parser';
import { ComponentIndex } from './components';
import { componentAt, definition, documentSymbols, foldingRanges, references } from './navigation';
import { ALLOY_COMPONENT_NAMES } from './schema/component-names';
import { ALLOY_RULES } from './rules';
import type { AlloyRuleContext } from './rule-context';
import { selectTier } from './tier';
import { bytesArg, numberArg } from './rules/values';

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

  hover(parsed: AlloyParsed, position: Position): HoverResult | null {
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
    return { range: target.range, markdown: lines.join('\n') };
  },

  inlayHints: () => [],
  codeLenses: () => [],
  symbols: documentSymbols,
  foldingRanges,

  completion(parsed: AlloyParsed, position: Position): CompletionResult[] {
    const offset = parsed.lines.offsetAt(position);
    const insideBlock = parsed.ast.body.some((s) => s.kind === 'block' && s.openBrace.end <= offset && offset <= (s.closeBrace?.start ?? s.span.end));
    if (insideBlock) return [];
    return ALLOY_COMPONENT_NAMES.map((name) => ({
      label: name,
      kind: 'class' as const,
      detail: 'Alloy component',
      insertText: `${name} "\${1:default}" {\n\t$0\n}`,
      isSnippet: true,
    }));
  },

  definition: (parsed, position) => definition(parsed, componentIndex(parsed), position),
  references: (parsed, position) => references(parsed, componentIndex(parsed), position),
};
