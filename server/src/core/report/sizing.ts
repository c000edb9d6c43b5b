import type { TierCatalog, TierRecommendation } from '../capacity/catalog-types';
import { citeField } from '../capacity/catalog';
import { chooseTier as chooseByModel } from '../capacity/choose';
import { LOAD_METRICS } from '../capacity/load';
import { sizeWorkload, type Cited } from '../capacity/report';
import type { PodShape } from '../capacity/sustains';
import type { HeadroomConfig } from '../config-types';
import type { Directive } from '../directives';
import { formatAlloyBytes, formatDuration } from '../quantity';
import type { Citation } from '../types';

// The one place the capacity report and the pipeline graph read the sizing model (capacity/report.ts
// `sizeWorkload`, capacity/choose.ts): which tier a workload is held to and why, what that tier
// recommends with each number's document and section, what a stated load requires, and what a
// configuration as written sustains. Nothing here holds a capacity number of its own.

export type TierReason = 'directive' | 'load' | 'settings' | 'default' | 'none';

export interface CitedNumber {
  value: number;
  /** The token as the document prints it, when the number is a document's figure. */
  printed?: string;
  source: Citation;
}

export interface TierNumbers {
  /** The tier's HPA range when the document gives one, else its replica count. */
  replicas?: { min: number; max: number; source: Citation };
  requests: { cpu?: CitedNumber; memory?: CitedNumber };
  limits: { cpu?: CitedNumber; memory?: CitedNumber };
  throughput?: CitedNumber & { unit: string };
  /** `deployment`: the document prices the whole deployment the tier belongs to (shared by its workloads). */
  monthlyCost?: CitedNumber & { scope: 'deployment' | 'workload' };
  /** The otelcol.processor.memory_limiter limit the tier's Alloy settings use. */
  memoryLimiterLimit?: CitedNumber;
}

export interface Requirement {
  /** `replicas`, `hpa.maxReplicas`, `requests.cpu`, `requests.memory`. */
  field: string;
  value: number;
  /** The computation, with the document's numbers. */
  why: string;
  source: Citation;
}

export interface Sustained {
  value: number;
  unit: string;
  /** Beyond the document's table: at least this much. */
  atLeast: boolean;
  /** How it was computed, with the document's numbers and sections. */
  how: string;
  /** The tier the documents size for this load, when one contains it. */
  fits?: string;
}

export interface WorkloadNumbers {
  tier?: TierRecommendation;
  reason: TierReason;
  /** In words: `the headroom directive on line 3`, `load.alloy in the Headroom settings (40,000 OTLP requests/minute)`. */
  how: string;
  /** Load → tier, one sentence per stated metric, with the band's source. */
  reasons: string[];
  /** A stated load no tier of this workload is sized by. */
  problems: string[];
  recommended?: TierNumbers;
  requirements: Requirement[];
  sustained?: Sustained;
}

/**
 * Sizes one workload the way the rules do: the tier from its directive (tier or load) or the settings,
 * the tier's numbers, what the stated load requires, and, given its pod, what it sustains.
 */
export function sizeFor(catalog: TierCatalog, config: HeadroomConfig, workload: string, directive: Directive | undefined, pod?: PodShape): WorkloadNumbers {
  const { choice, problems } = chooseByModel(catalog, config, workload, directive);
  const sizing = sizeWorkload(catalog, config, workload, { directive, ...(pod ? { pod } : {}) });
  const out: WorkloadNumbers = {
    reason: choice ? reasonOf(catalog, config, workload, directive, choice.selection !== undefined) : 'none',
    how: choice?.how ?? 'no tier or load stated',
    reasons: choice?.selection?.reasons ?? [],
    problems,
    requirements: sizing.requirements.map((r) => ({ field: r.field, value: r.value, why: r.why, source: r.citation })),
  };
  if (choice) out.tier = choice.tier;
  const r = sizing.recommended;
  if (r && choice) {
    const numbers: TierNumbers = { requests: {}, limits: {} };
    const min = r.hpa.minReplicas ?? r.hpa.maxReplicas;
    if (min) numbers.replicas = { min: min.value, max: (r.hpa.maxReplicas ?? min).value, source: min.source };
    else if (r.replicas) numbers.replicas = { min: r.replicas.value, max: r.replicas.value, source: r.replicas.source };
    for (const kind of ['requests', 'limits'] as const) {
      if (r[kind].cpu) numbers[kind].cpu = cited(r[kind].cpu!);
      if (r[kind].memory) numbers[kind].memory = cited(r[kind].memory!);
    }
    if (r.throughput) numbers.throughput = { ...cited(r.throughput), unit: r.throughput.unit };
    if (r.monthlyCost) numbers.monthlyCost = { ...cited(r.monthlyCost), scope: r.monthlyCost.scope };
    const limit = choice.tier.memoryLimiter?.limit;
    if (limit !== undefined) numbers.memoryLimiterLimit = { value: limit, source: citeField(choice.tier, 'memoryLimiter.limit') };
    out.recommended = numbers;
  }
  const s = sizing.sustained;
  if (s) {
    out.sustained = { value: s.value, unit: LOAD_METRICS[s.metric].label, atLeast: s.atLeast === true, how: s.how, ...(s.fits ? { fits: s.fits.tier } : {}) };
  }
  return out;
}

/** Why the model chose the tier, in the order capacity/choose.ts tries: directive tier, its load, `tiers.`, `load.`, `defaultTier`. */
function reasonOf(catalog: TierCatalog, config: HeadroomConfig, workload: string, directive: Directive | undefined, byLoad: boolean): TierReason {
  const applies = directive !== undefined && (directive.workload === undefined || directive.workload === workload);
  if (applies && directive!.tier && catalog.get(workload, directive!.tier)) return 'directive';
  if (applies && directive!.load && Object.keys(directive!.load).length > 0 && byLoad) return 'load';
  if (config.tiers[workload] && catalog.get(workload, config.tiers[workload])) return 'settings';
  if (byLoad) return 'load';
  return 'default';
}

function cited(c: Cited): CitedNumber {
  return { value: c.value, ...(c.printed !== undefined ? { printed: c.printed } : {}), source: c.source };
}

/** The tier's value for an Alloy component argument, formatted as Alloy writes it, with its source. */
export function recommendedAlloySetting(tier: TierRecommendation, component: string, path: string): { value: string; source: string } | undefined {
  const cite = (field: string) => {
    const source = citeField(tier, field);
    return `${source.document} § ${source.section}`;
  };
  if (component === 'otelcol.processor.batch' && tier.batch) {
    const { sendBatchSize, sendBatchMaxSize, timeout } = tier.batch;
    if (path === 'send_batch_size' && sendBatchSize !== undefined) return { value: String(sendBatchSize), source: cite('batch.sendBatchSize') };
    if (path === 'send_batch_max_size' && sendBatchMaxSize !== undefined) return { value: String(sendBatchMaxSize), source: cite('batch.sendBatchMaxSize') };
    if (path === 'timeout' && timeout !== undefined) return { value: `"${formatDuration(timeout)}"`, source: cite('batch.timeout') };
  }
  if (component === 'otelcol.processor.memory_limiter' && tier.memoryLimiter) {
    const { limit, spikeLimit, checkInterval } = tier.memoryLimiter;
    if (path === 'limit' && limit !== undefined) return { value: `"${formatAlloyBytes(limit)}"`, source: cite('memoryLimiter.limit') };
    if (path === 'spike_limit' && spikeLimit !== undefined) return { value: `"${formatAlloyBytes(spikeLimit)}"`, source: cite('memoryLimiter.spikeLimit') };
    if (path === 'check_interval' && checkInterval !== undefined) return { value: `"${formatDuration(checkInterval)}"`, source: cite('memoryLimiter.checkInterval') };
  }
  return undefined;
}
