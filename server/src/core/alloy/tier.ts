import type { AnalysisContext } from '../context';
import type { TierRecommendation } from '../capacity/catalog-types';
import { parseDirectives } from '../directives';
import type { Finding } from '../types';
import type { AlloyParsed } from './parser';

export interface TierSelection {
  tier: TierRecommendation;
  /** How it was chosen, shown in hovers and messages. */
  how: string;
}

/**
 * The tier an Alloy file is checked against: a `// headroom: workload=alloy tier=…` directive, else the
 * workspace's `tiers.alloy`, else `defaultTier` when the alloy workload has it. None otherwise: then
 * only tier-independent checks run.
 */
export function selectTier(parsed: AlloyParsed, ctx: AnalysisContext): { selection?: TierSelection; findings: Finding[] } {
  const { directives, findings } = parseDirectives(parsed.lines, 'slash', ctx.catalog);
  const directive = directives.find((d) => d.tier && (d.workload ?? 'alloy') === 'alloy');
  if (directive?.tier) {
    const tier = ctx.catalog.get('alloy', directive.tier);
    if (tier) return { selection: { tier, how: `the headroom directive on line ${directive.line + 1}` }, findings };
  }
  const configured = ctx.config.tiers.alloy;
  if (configured && ctx.catalog.get('alloy', configured)) {
    return { selection: { tier: ctx.catalog.get('alloy', configured)!, how: 'tiers.alloy in the Headroom settings' }, findings };
  }
  if (ctx.config.defaultTier && ctx.catalog.get('alloy', ctx.config.defaultTier)) {
    return { selection: { tier: ctx.catalog.get('alloy', ctx.config.defaultTier)!, how: 'headroom.defaultTier' }, findings };
  }
  return { findings };
}
