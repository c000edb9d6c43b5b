import type { AnalysisContext } from '../context';
import { chooseTier, type TierChoice } from '../capacity/choose';
import { parseDirectives } from '../directives';
import type { Finding } from '../types';
import type { AlloyParsed } from './parser';
import type { TierCatalog } from '../capacity/catalog-types';

/** The tier an Alloy file is checked against, how it was chosen, and the load stated for it. */
export type TierSelection = TierChoice;

/**
 * The tier an Alloy file is checked against: a `// headroom: workload=alloy tier=…` directive, else its
 * `// headroom: load otlp=40000/min`, else the workspace's `tiers.alloy`, else `load.alloy`, else
 * `defaultTier` when the alloy workload has it. None otherwise: then only tier-independent checks run.
 */
export function selectTier(parsed: AlloyParsed, ctx: AnalysisContext): { selection?: TierSelection; findings: Finding[] } {
  const scan = alloyDirectives(parsed, ctx.catalog);
  const directives = scan.directives;
  const findings = [...scan.findings];
  const directive = directives.find((d) => (d.tier || d.load) && (d.workload ?? 'alloy') === 'alloy');
  const { choice, problems } = chooseTier(ctx.catalog, ctx.config, 'alloy', directive);
  const range = directive?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (directive?.load) for (const message of problems) findings.push({ code: 'headroom/directive', severity: 'warning', message, range });
  return { selection: choice, findings };
}

const scanned = new WeakMap<AlloyParsed, { catalog: TierCatalog; result: ReturnType<typeof parseDirectives> }>();

/** The `// headroom:` directives of a parse result, scanned once (facts, lint, hover and hints all read them). */
export function alloyDirectives(parsed: AlloyParsed, catalog: TierCatalog): ReturnType<typeof parseDirectives> {
  let entry = scanned.get(parsed);
  if (entry?.catalog !== catalog) {
    entry = { catalog, result: parseDirectives(parsed.lines, 'slash', catalog) };
    scanned.set(parsed, entry);
  }
  return entry.result;
}
