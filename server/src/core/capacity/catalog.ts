import type { TierCatalog, TierRecommendation } from './catalog-types';
import { CATALOG_DATA, type RawTier } from './catalog-data';
import { MODEL_TIERS, isFigure, tierFigures } from './model';
import type { TierSizing } from './model-types';
import { configSchemas } from '../config';
import { parseAlloyBytes, parseCpuQuantity, parseGoDuration, parseGoMemLimit, parseMemoryQuantity, type QuantityResult } from '../quantity';

const BUILT_IN = new Set<unknown>(MODEL_TIERS);

/**
 * Builds the catalog from the sizing model's tiers and a workspace's `.headroom.yaml` entries (which add
 * a tier or replace one in place). Bad workspace data throws with the entry and field named.
 */
export function loadCatalog(entries: readonly unknown[] = CATALOG_DATA): TierCatalog {
  const byWorkload = new Map<string, TierRecommendation[]>();
  entries.forEach((entry, index) => {
    let tier: TierRecommendation;
    if (BUILT_IN.has(entry)) {
      tier = fromModel(entry as TierSizing);
    } else {
      const parsed = configSchemas().rawTierSchema.safeParse(entry);
      if (!parsed.success) {
        throw new Error(`catalog entry ${index}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      tier = convert(parsed.data, index);
    }
    const list = byWorkload.get(tier.workload) ?? [];
    const existing = list.findIndex((t) => t.tier === tier.tier);
    if (existing >= 0) list[existing] = { ...tier, rank: list[existing].rank };
    else list.push({ ...tier, rank: list.length });
    byWorkload.set(tier.workload, list);
  });
  return {
    workloads: () => [...byWorkload.keys()],
    tiers: (workload) => byWorkload.get(workload) ?? [],
    get: (workload, tier) => byWorkload.get(workload)?.find((t) => t.tier === tier),
  };
}

function convert(raw: RawTier, index: number): TierRecommendation {
  const where = `catalog entry ${index} (${raw.workload}/${raw.tier})`;
  const value = (result: QuantityResult, field: string): number => {
    if (!result.ok) throw new Error(`${where} ${field}: ${result.error}`);
    return result.value;
  };
  const res = (spec: RawTier['requests'], field: string) => spec && {
    cpu: spec.cpu !== undefined ? value(parseCpuQuantity(spec.cpu), `${field}.cpu`) : undefined,
    memory: spec.memory !== undefined ? value(parseMemoryQuantity(spec.memory), `${field}.memory`) : undefined,
  };
  return {
    workload: raw.workload,
    tier: raw.tier,
    rank: 0,
    source: raw.source,
    fieldSources: raw.fieldSources,
    replicas: raw.replicas,
    requests: res(raw.requests, 'requests'),
    limits: res(raw.limits, 'limits'),
    storage: raw.storage !== undefined ? value(parseMemoryQuantity(raw.storage), 'storage') : undefined,
    hpa: raw.hpa,
    goMemLimit: raw.goMemLimit !== undefined ? value(parseGoMemLimit(raw.goMemLimit), 'goMemLimit') : undefined,
    batch: raw.batch && {
      sendBatchSize: raw.batch.sendBatchSize,
      sendBatchMaxSize: raw.batch.sendBatchMaxSize,
      timeout: raw.batch.timeout !== undefined ? value(parseGoDuration(raw.batch.timeout), 'batch.timeout') : undefined,
    },
    memoryLimiter: raw.memoryLimiter && {
      limit: raw.memoryLimiter.limit !== undefined ? value(parseAlloyBytes(raw.memoryLimiter.limit), 'memoryLimiter.limit') : undefined,
      spikeLimit: raw.memoryLimiter.spikeLimit !== undefined ? value(parseAlloyBytes(raw.memoryLimiter.spikeLimit), 'memoryLimiter.spikeLimit') : undefined,
      checkInterval: raw.memoryLimiter.checkInterval !== undefined ? value(parseGoDuration(raw.memoryLimiter.checkInterval), 'memoryLimiter.checkInterval') : undefined,
    },
    clickhouse: raw.clickhouse && { ...raw.clickhouse, asyncInsert: raw.clickhouse.asyncInsert === undefined ? undefined : Number(raw.clickhouse.asyncInsert) },
    throughput: raw.throughput,
    monthlyCost: raw.monthlyCost,
    notes: raw.notes,
  };
}

/** A model tier with every Figure replaced by its value; the figures and their citations kept beside. */
function fromModel(sizing: TierSizing): TierRecommendation {
  const values = (value: unknown): unknown => {
    if (isFigure(value)) return value.value;
    if (Array.isArray(value) || typeof value !== 'object') return value;
    // Stryker disable next-line ConditionalExpression: equivalent; no model tier holds null (TierSizing has no nullable field), so the check only narrows the type
    if (value === null) return value;
    // A `{ figure, unit }` pair (throughput, perReplica).
    if (isFigure((value as { figure?: unknown }).figure)) {
      return { value: (value as { figure: { value: number } }).figure.value, unit: (value as { unit: string }).unit };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, values(v)]));
  };
  const { load, alerts, conflicts, arithmetic, source, notes, workload, tier, ...fields } = sizing;
  const figures = tierFigures(sizing);
  const fieldSources: Record<string, TierRecommendation['source']> = {};
  for (const [path, figure] of Object.entries(figures)) {
    fieldSources[path] = figure.source;
    const top = path.split('.')[0];
    fieldSources[top] ??= figure.source;
  }
  return { workload, tier, rank: 0, source, fieldSources, figures, load, alerts, conflicts, arithmetic, notes, ...(values(fields) as object) };
}

export const defaultCatalog: TierCatalog = loadCatalog();

/** The citation for one field of a tier (`requests.cpu`, or a group such as `hpa`): its own source, else the tier's. */
export function citeField(tier: TierRecommendation, field: string): TierRecommendation['source'] {
  const top = field.split('.')[0];
  return tier.fieldSources?.[field] ?? tier.fieldSources?.[top] ?? tier.source;
}

/** The document's figure behind a field of a tier, when it is a built-in tier. */
export function figureOf(tier: TierRecommendation, field: string) {
  return tier.figures?.[field];
}
