import { MODEL_TIERS } from './model';
import type { TierSizing } from './model-types';

// The shape a workspace writes in `.headroom.yaml` `catalog:` to add or replace tiers (quantities as
// the manifests write them), and the built-in entries that list starts from: the sizing model's tiers.

export interface RawTier {
  workload: string;
  tier: string;
  source: { document: string; section: string };
  fieldSources?: Record<string, { document: string; section: string }>;
  replicas?: number;
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
  storage?: string;
  hpa?: { minReplicas?: number; maxReplicas?: number; cpuUtilization?: number; memoryUtilization?: number };
  goMemLimit?: string;
  batch?: { sendBatchSize?: number; sendBatchMaxSize?: number; timeout?: string };
  memoryLimiter?: { limit?: string; spikeLimit?: string; checkInterval?: string };
  clickhouse?: {
    maxServerMemoryUsageToRamRatio?: number;
    maxMemoryUsage?: number;
    maxConcurrentQueries?: number;
    maxConnections?: number;
    backgroundPoolSize?: number;
    backgroundSchedulePoolSize?: number;
    asyncInsert?: boolean;
    asyncInsertThreads?: number;
    asyncInsertMaxDataSize?: number;
    asyncInsertBusyTimeoutMs?: number;
  };
  throughput?: { value: number; unit: string };
  monthlyCost?: number;
  notes?: string[];
}

/** The built-in tiers (the sizing model), which a workspace's `catalog:` entries extend or replace. */
export const CATALOG_DATA: readonly TierSizing[] = MODEL_TIERS;
