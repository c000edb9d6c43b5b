import type { FormatService, SourceDocument } from '../service';
import type { AnalysisContext } from '../context';
import type { Finding, HoverResult, Position } from '../types';
import { emptyFacts, type AlloyDeclareFact, type AlloyModuleFact, type DocumentFacts } from '../workspace';
import type { ComponentSpec } from './schema/types';
import { initAlloyParser, parseAlloy, type AlloyParsed } from './parser';
import { definition, documentSymbols, foldingRanges, headerSpan, references } from './navigation';
import { alloyHover } from './hover';
import { codeLenses, inlayHints } from './estimates';
import { completion } from './completion';
import { ALLOY_RULES } from './rules';
import { runRules } from './lint-cache';
import type { AlloyRuleContext } from './rule-context';
import { alloyDirectives, selectTier } from './tier';
import { bytesArg, numberArg } from './rules/values';
import { alloyScope, componentIndex, type AlloyScope } from './scope';
import { semanticTokens } from './semantic-tokens';
import { editSession } from './reuse';
import { documentHighlights, prepareRename, rename } from './rename';
import { signatureHelp, stdlibHover } from './signature-help';
import { workspaceSymbols } from './workspace-symbols';
import { factsCanRead } from './modules';
import { formatAlloyEdits, formatAlloyRange } from './format';

const ALLOY_LANGUAGE_IDS = new Set(['grafana-alloy', 'alloy', 'river']);

export { componentIndex };

/**
 * What the file offers the other files of its folder and the files importing it as a module. With
 * `previous` (the last facts of a document being edited), every part equal to the previous one is
 * that same object: most edits change none, and the comparison below then stops at each part.
 */
function moduleFacts(parsed: AlloyParsed, scope: AlloyScope, previous: AlloyModuleFact | undefined): AlloyModuleFact {
  const { lines } = parsed;
  const components = sameOrNew(previous?.components, scope.index.components, (block, key, old) => {
    const start = lines.positionAt(block.nameSpan.start);
    const end = lines.positionAt(block.labelSpan?.end ?? block.nameSpan.end);
    return old && old.key === key && samePosition(old.range.start, start) && samePosition(old.range.end, end) ? old : { key, range: { start, end } };
  });
  const referencedKeys = new Set<string>();
  for (const reference of scope.index.references) referencedKeys.add(reference.key);
  const referenced = sameOrNew(previous?.referenced, referencedKeys, (key, _, old) => (old === key ? old : key));
  const declares = sameOrNew(previous?.declares, scope.index.declares, (block, name, old) => {
    const spec = scope.modules.localDeclare(name)!;
    const { arguments: args, exports } = specFacts(spec);
    const span = headerSpan(block);
    const start = lines.positionAt(span.start);
    const end = lines.positionAt(span.end);
    return old && old.name === name && old.arguments === args && old.exports === exports && samePosition(old.range.start, start) && samePosition(old.range.end, end)
      ? old : { name, arguments: args, exports, range: { start, end } };
  });
  if (previous && components === previous.components && referenced === previous.referenced && declares === previous.declares) return previous;
  return { components, referenced, declares };
}

/** A spec's arguments and exports as facts, the same arrays for the same spec (a declare an edit did not touch keeps its spec: modules.ts). */
const specFactsOf = new WeakMap<ComponentSpec, Pick<AlloyDeclareFact, 'arguments' | 'exports'>>();
function specFacts(spec: ComponentSpec): Pick<AlloyDeclareFact, 'arguments' | 'exports'> {
  let facts = specFactsOf.get(spec);
  if (!facts) {
    facts = {
      arguments: Object.entries(spec.args).map(([arg, s]) => ({ name: arg, required: Boolean(s.required) })),
      exports: Object.entries(spec.exports).map(([exp, type]) => ({ name: exp, type })),
    };
    specFactsOf.set(spec, facts);
  }
  return facts;
}

/**
 * The items `make` gives for each entry of `source`, in order (`make` gets the previous list's item at
 * the same place, and returns it when equal): the previous list itself when every item is its own.
 */
function sameOrNew<K, V, T>(previous: readonly T[] | undefined, source: { forEach(visit: (value: V, key: K) => void): void; size: number }, make: (value: V, key: K, old: T | undefined) => T): T[] {
  let out: T[] | undefined = previous && previous.length === source.size ? undefined : [];
  let i = 0;
  source.forEach((value, key) => {
    const old = previous?.[i];
    const item = make(value, key, old);
    if (!out && item !== old) out = previous!.slice(0, i);
    out?.push(item);
    i++;
  });
  return out ?? (previous as T[]);
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

const FACTS_KEY = 'alloyFacts';

/** Whether two values made of plain objects, arrays and primitives are equal (the same keys, in any order). */
function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!(key in y) || !samePlainData(x[key], y[key])) return false;
    keys++;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const key in y) keys--;
  return keys === 0;
}

export const alloyService: FormatService<AlloyParsed> = {
  format: 'alloy',

  init: initAlloyParser,

  claims(doc: SourceDocument): boolean {
    if (doc.languageId && ALLOY_LANGUAGE_IDS.has(doc.languageId)) return true;
    return /\.(alloy|river)$/i.test(doc.uri);
  },

  parse: parseAlloy,

  facts(parsed: AlloyParsed, ctx: AnalysisContext): DocumentFacts {
    const facts = emptyFacts(parsed.doc.uri, 'alloy');
    const index = componentIndex(parsed);
    facts.directives = alloyDirectives(parsed, ctx.catalog).directives;
    for (const block of index.components.values()) {
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
    // A document being edited: facts equal to the last ones it gave are those same objects, so the
    // engine sees at once that nothing changed for the other files (engine.ts sameFacts), and the
    // lint caches of the other files, which compare the facts they read by identity, stay valid.
    const session = editSession(parsed);
    const previous = session?.[FACTS_KEY] as DocumentFacts | undefined;
    facts.alloy = moduleFacts(parsed, alloyScope(parsed, ctx), previous?.alloy);
    if (session) {
      if (previous && samePlainData(previous, facts)) return previous;
      session[FACTS_KEY] = facts;
    }
    return facts;
  },

  factsDependOn: (parsed: AlloyParsed, uri: string) => factsCanRead(parsed.doc.uri, componentIndex(parsed), uri),

  lint(parsed: AlloyParsed, ctx: AnalysisContext): Finding[] {
    const { selection, findings } = selectTier(parsed, ctx);
    const ruleContext: AlloyRuleContext = { parsed, analysis: ctx, tier: selection, ...alloyScope(parsed, ctx) };
    const ruleFindings = runRules(ruleContext, ALLOY_RULES);
    return [...parsed.syntax, ...findings, ...ruleFindings];
  },

  hover(parsed: AlloyParsed, position: Position, ctx: AnalysisContext): HoverResult | null {
    return alloyHover(parsed, position, ctx, alloyScope(parsed, ctx), selectTier(parsed, ctx).selection, () => stdlibHover(parsed, position));
  },

  inlayHints: (parsed, range, ctx) => inlayHints(parsed, componentIndex(parsed), range, selectTier(parsed, ctx).selection, ctx),
  codeLenses: (parsed, ctx) => codeLenses(parsed, ctx, selectTier(parsed, ctx).selection),
  symbols: documentSymbols,
  foldingRanges,

  completion: (parsed, position, ctx) => completion(parsed, position, ctx, alloyScope(parsed, ctx), selectTier(parsed, ctx).selection),

  definition: (parsed, position, ctx) => definition(parsed, alloyScope(parsed, ctx), position),
  references: (parsed, position, ctx) => references(parsed, alloyScope(parsed, ctx), position),

  semanticTokens,
  documentHighlights,
  signatureHelp,
  workspaceSymbols,
  prepareRename,
  rename,
  formatEdits(parsed, range) {
    const outcome = range ? formatAlloyRange(parsed, range) : formatAlloyEdits(parsed);
    return outcome.ok ? outcome : { ok: false, ...outcome.refusal };
  },
};
