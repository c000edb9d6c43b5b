import type { HeadroomConfig } from '../config-types';
import type { Directive } from '../directives';
import type { TierCatalog, TierRecommendation } from './catalog-types';
import { LOAD_METRICS, type Load, type LoadSelection, describeLoad, selectTierByLoad } from './load';
import type { LoadMetric } from './model-types';

// Which tier a workload is checked against, the same way for every format: a directive's tier, else its
// load, else the workspace's `tiers.<workload>`, else its `load.<workload>`, else `defaultTier`. Nothing
// said: no tier (only tier-independent checks run, and estimates say what the config sustains).

export interface TierChoice {
  tier: TierRecommendation;
  /** How it was chosen, for hovers and messages. */
  how: string;
  /** The load stated for this workload (directive or `.headroom.yaml`), even when a tier is named too. */
  load?: Load;
  /** How that load maps to tiers, when stated. */
  selection?: LoadSelection;
}

export interface ChoiceResult {
  choice?: TierChoice;
  /** Sentences about a stated load that could not be used (metrics no tier is sized by). */
  problems: string[];
}

export function chooseTier(catalog: TierCatalog, config: HeadroomConfig, workload: string, directive?: Directive): ChoiceResult {
  const tiers = catalog.tiers(workload);
  const applies = directive && (directive.workload === undefined || directive.workload === workload);
  const line = directive ? directive.line + 1 : 0;
  const directiveLoad = applies && directive!.load && Object.keys(directive!.load).length > 0 ? directive!.load : undefined;
  const configLoad = config.load?.[workload] && Object.keys(config.load[workload]).length > 0 ? config.load[workload] : undefined;
  const load = directiveLoad ?? configLoad;
  const selection = load ? selectTierByLoad(tiers, load) : undefined;
  const problems = load ? unusable(tiers, workload, selection?.ignored ?? (Object.keys(load) as LoadMetric[])) : [];
  const loadWhere = directiveLoad ? `the load on line ${line}` : `load.${workload} in the Headroom settings`;
  const withLoad = (tier: TierRecommendation, how: string): TierChoice => ({ tier, how, ...(load ? { load } : {}), ...(selection ? { selection } : {}) });

  const named = applies ? directive!.tier : undefined;
  const namedTier = named ? catalog.get(workload, named) : undefined;
  if (namedTier) return { choice: withLoad(namedTier, `the headroom directive on line ${line}`), problems };
  if (directiveLoad && selection) return { choice: withLoad(selection.tier, `${loadWhere} (${describeLoad(directiveLoad)})`), problems };
  const configured = config.tiers?.[workload] ? catalog.get(workload, config.tiers[workload]) : undefined;
  if (configured) return { choice: withLoad(configured, `tiers.${workload} in the Headroom settings`), problems };
  if (load && selection) return { choice: withLoad(selection.tier, `${loadWhere} (${describeLoad(load)})`), problems };
  const fallback = config.defaultTier ? catalog.get(workload, config.defaultTier) : undefined;
  if (fallback) return { choice: withLoad(fallback, 'headroom.defaultTier'), problems };
  return { problems };
}

function unusable(tiers: readonly TierRecommendation[], workload: string, metrics: LoadMetric[]): string[] {
  const sizedBy = [...new Set(tiers.flatMap((t) => (t.load ?? []).map((b) => LOAD_METRICS[b.metric].short)))];
  return metrics.map((m) => `no ${workload} tier is sized by ${LOAD_METRICS[m].label} (${LOAD_METRICS[m].short})${sizedBy.length ? `; its tiers are sized by ${sizedBy.join(', ')}` : '; the documents give its tiers no load'}`);
}
