import type { TierCatalog, TierRecommendation } from '../capacity/catalog-types';
import { citeField } from '../capacity/catalog';
import { otlpThroughputPerPod, OTLP_RPS_BY_MEMORY_MIB } from '../capacity/formulas';
import type { HeadroomConfig } from '../config-types';
import type { Directive } from '../directives';
import { formatAlloyBytes, formatDuration } from '../quantity';
import type { Citation } from '../types';

// The one place the capacity report and the pipeline graph read the sizing model: which tier a
// workload is held to and why, what that tier recommends (with each number's document and section),
// and what a configuration as written sustains. Nothing here holds a capacity number of its own.

export type TierReason = 'directive' | 'settings' | 'default' | 'none';

export interface TierChoice {
  tier?: TierRecommendation;
  reason: TierReason;
  /** In words, for people: `the headroom directive on line 3`, `tiers.alloy in the Headroom settings`. */
  how: string;
}

/**
 * The tier a workload is checked against, the way the format services choose it: the directive's tier
 * (when it names this workload or none), else `tiers.<workload>`, else `defaultTier`; none otherwise.
 */
export function chooseTier(catalog: TierCatalog, config: HeadroomConfig, workload: string, directive: Directive | undefined): TierChoice {
  const named = directive && (directive.workload === undefined || directive.workload === workload) ? directive.tier : undefined;
  const fromDirective = named ? catalog.get(workload, named) : undefined;
  if (fromDirective) return { tier: fromDirective, reason: 'directive', how: `the headroom directive on line ${directive!.line + 1}` };
  const configured = config.tiers[workload] ? catalog.get(workload, config.tiers[workload]) : undefined;
  if (configured) return { tier: configured, reason: 'settings', how: `tiers.${workload} in the Headroom settings` };
  const fallback = config.defaultTier ? catalog.get(workload, config.defaultTier) : undefined;
  if (fallback) return { tier: fallback, reason: 'default', how: 'headroom.defaultTier' };
  return { reason: 'none', how: 'no tier or load stated' };
}

export interface CitedNumber {
  value: number;
  source: Citation;
}

export interface TierNumbers {
  replicas?: { min: number; max: number; source: Citation };
  requests: { cpu?: CitedNumber; memory?: CitedNumber };
  limits: { cpu?: CitedNumber; memory?: CitedNumber };
  throughput?: { value: number; unit: string; source: Citation };
  monthlyCost?: { value: number; source: Citation };
  /** The otelcol.processor.memory_limiter limit the tier's Alloy settings use. */
  memoryLimiterLimit?: CitedNumber;
}

/** What the tier recommends, each number with the document section the sizing model read it from. */
export function tierNumbers(tier: TierRecommendation): TierNumbers {
  const cited = (value: number | undefined, field: string): CitedNumber | undefined => (value === undefined ? undefined : { value, source: citeField(tier, field) });
  const out: TierNumbers = { requests: {}, limits: {} };
  const hpa = tier.hpa;
  if (hpa?.minReplicas !== undefined || hpa?.maxReplicas !== undefined) {
    const min = hpa.minReplicas ?? hpa.maxReplicas!;
    out.replicas = { min, max: hpa.maxReplicas ?? min, source: citeField(tier, 'hpa') };
  } else if (tier.replicas !== undefined) {
    out.replicas = { min: tier.replicas, max: tier.replicas, source: citeField(tier, 'replicas') };
  }
  for (const kind of ['requests', 'limits'] as const) {
    const cpu = cited(tier[kind]?.cpu, `${kind}.cpu`);
    const memory = cited(tier[kind]?.memory, `${kind}.memory`);
    if (cpu) out[kind].cpu = cpu;
    if (memory) out[kind].memory = memory;
  }
  if (tier.throughput) out.throughput = { ...tier.throughput, source: citeField(tier, 'throughput') };
  if (tier.monthlyCost !== undefined) out.monthlyCost = { value: tier.monthlyCost, source: citeField(tier, 'monthlyCost') };
  const limiter = cited(tier.memoryLimiter?.limit, 'memoryLimiter');
  if (limiter) out.memoryLimiterLimit = limiter;
  return out;
}

export interface Sustained {
  value: number;
  unit: string;
  /** The document's table ends below this configuration: it sustains at least this much. */
  atLeast: boolean;
  how: string;
  source: Citation;
}

/** What a pod of `workload` with this memory sustains by the documents' benchmarks, when they give a way to tell. */
export function sustainedBy(workload: string, replicas: number, memory: number | undefined): Sustained | undefined {
  if (workload !== 'alloy' || memory === undefined) return undefined;
  const { rps, capped } = otlpThroughputPerPod(memory);
  return {
    value: rps * replicas,
    unit: 'OTLP req/s',
    atLeast: capped,
    how: `${Math.round(memory / 2 ** 20)} MiB per pod: the benchmark measured ${rps.toLocaleString('en-US')} req/s at that memory in use, × ${replicas} pod${replicas === 1 ? '' : 's'}`,
    source: OTLP_RPS_BY_MEMORY_MIB.source,
  };
}

/** The tier's value for an Alloy component argument, formatted as Alloy writes it, with its source. */
export function recommendedAlloySetting(tier: TierRecommendation, component: string, path: string): { value: string; source: string } | undefined {
  const cite = (field: string) => {
    const source = citeField(tier, field);
    return `${source.document} § ${source.section}`;
  };
  if (component === 'otelcol.processor.batch' && tier.batch) {
    const { sendBatchSize, sendBatchMaxSize, timeout } = tier.batch;
    if (path === 'send_batch_size' && sendBatchSize !== undefined) return { value: String(sendBatchSize), source: cite('batch') };
    if (path === 'send_batch_max_size' && sendBatchMaxSize !== undefined) return { value: String(sendBatchMaxSize), source: cite('batch') };
    if (path === 'timeout' && timeout !== undefined) return { value: `"${formatDuration(timeout)}"`, source: cite('batch') };
  }
  if (component === 'otelcol.processor.memory_limiter' && tier.memoryLimiter) {
    const { limit, spikeLimit, checkInterval } = tier.memoryLimiter;
    if (path === 'limit' && limit !== undefined) return { value: `"${formatAlloyBytes(limit)}"`, source: cite('memoryLimiter') };
    if (path === 'spike_limit' && spikeLimit !== undefined) return { value: `"${formatAlloyBytes(spikeLimit)}"`, source: cite('memoryLimiter') };
    if (path === 'check_interval' && checkInterval !== undefined) return { value: `"${formatDuration(checkInterval)}"`, source: cite('memoryLimiter') };
  }
  return undefined;
}
