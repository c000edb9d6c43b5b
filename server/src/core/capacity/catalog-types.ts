import type { Citation } from '../types';

// The consumer-facing shape of the tier catalog. Quantities are base units: CPU in cores, memory and
// storage in bytes, durations in milliseconds, money in US dollars per month. Every recommendation
// carries the citation of the seed section it was read from; a field read from another section
// names it in `fieldSources` (key = field path such as `hpa.maxReplicas`).

export interface ResourceSpec {
  cpu?: number;
  memory?: number;
}

export interface TierRecommendation {
  workload: string;
  /** Tier name as the document spells it (`small`, `medium`, `enterprise`, `default`, …). */
  tier: string;
  /** Position in the workload's tier ladder, 0 = smallest. */
  rank: number;
  source: Citation;
  fieldSources?: Record<string, Citation>;
  replicas?: number;
  requests?: ResourceSpec;
  limits?: ResourceSpec;
  storage?: number;
  hpa?: { minReplicas?: number; maxReplicas?: number; cpuUtilization?: number; memoryUtilization?: number };
  goMemLimit?: number;
  batch?: { sendBatchSize?: number; sendBatchMaxSize?: number; timeout?: number };
  memoryLimiter?: { limit?: number; spikeLimit?: number; checkInterval?: number; limitPercentage?: number; spikeLimitPercentage?: number };
  clickhouse?: {
    maxServerMemoryUsageToRamRatio?: number;
    maxServerMemoryUsage?: number;
    maxMemoryUsage?: number;
    maxConcurrentQueries?: number;
    maxConnections?: number;
    backgroundPoolSize?: number;
    backgroundSchedulePoolSize?: number;
    asyncInsertThreads?: number;
    asyncInsert?: boolean;
    asyncInsertBusyTimeoutMs?: number;
    asyncInsertMaxDataSize?: number;
  };
  /** Throughput this tier is sized for, e.g. `{ value: 100000, unit: 'req/s' }`. */
  throughput?: { value: number; unit: string };
  monthlyCost?: number;
  notes?: string[];
}

export interface TierCatalog {
  workloads(): string[];
  /** The workload's tiers, smallest first. */
  tiers(workload: string): readonly TierRecommendation[];
  get(workload: string, tier: string): TierRecommendation | undefined;
}
