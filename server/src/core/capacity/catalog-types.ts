import type { Citation } from '../types';
import type { Figure } from './figures';
import type { AlertSizing, Conflict, LoadBand } from './model-types';

// The consumer-facing shape of the sizing model. Quantities are base units: CPU in cores, memory and
// storage in bytes, durations in milliseconds, money in US dollars per month. Every field of a built-in
// tier has its Figure (`figures['requests.cpu']`: printed token, document, section, printed value when
// the document's arithmetic is wrong) and its citation (`citeField`). Tiers a workspace adds in
// `.headroom.yaml` carry only their own `source`.

export interface ResourceSpec {
  cpu?: number;
  memory?: number;
}

export interface ScalingRulesValues {
  stabilizationWindowSeconds?: number;
  policy?: { type: 'Pods' | 'Percent'; value: number; periodSeconds: number };
}

export interface TierRecommendation {
  workload: string;
  /** Tier name as the document spells it (`small`, `medium`, `enterprise`, `default`, `phase-3`, …). */
  tier: string;
  /** Position in the workload's tier ladder, 0 = smallest. */
  rank: number;
  source: Citation;
  /** Citation per field path (`requests.cpu`) and per group (`requests`). */
  fieldSources?: Record<string, Citation>;
  /** The document's figure behind each field path. */
  figures?: Record<string, Figure>;
  /** The workload characteristics this tier is sized for. */
  load?: LoadBand[];
  replicas?: number;
  requests?: ResourceSpec;
  limits?: ResourceSpec;
  storage?: number;
  hpa?: {
    minReplicas?: number; maxReplicas?: number; cpuUtilization?: number; memoryUtilization?: number;
    podsMetric?: { name: string; averageValue: number };
    scaleUp?: ScalingRulesValues; scaleDown?: ScalingRulesValues;
  };
  goMemLimit?: number;
  env?: Record<string, number>;
  batch?: { sendBatchSize?: number; sendBatchMaxSize?: number; timeout?: number };
  memoryLimiter?: { limit?: number; spikeLimit?: number; checkInterval?: number };
  receiver?: Record<string, number>;
  clickhouse?: {
    maxServerMemoryUsageToRamRatio?: number;
    maxMemoryUsage?: number;
    maxConcurrentQueries?: number;
    maxConnections?: number;
    backgroundPoolSize?: number;
    backgroundSchedulePoolSize?: number;
    asyncInsert?: number;
    asyncInsertThreads?: number;
    asyncInsertMaxDataSize?: number;
    asyncInsertBusyTimeoutMs?: number;
  };
  /** What the tier is sized to carry, e.g. `{ value: 100000, unit: 'req/s' }`. */
  throughput?: { value: number; unit: string };
  /** What one replica carries, when the document says. */
  perReplica?: { value: number; unit: string };
  monthlyCost?: number;
  deployment?: { cpu?: number; memory?: number; storage?: number; pods?: number; costs?: Record<string, number> };
  hardware?: { nodes?: number; cpu?: number; memory?: number; disk?: number; networkGbps?: number };
  usage?: { reconcilingCpu?: number; steadyMemory?: number; peakMemory?: number };
  alerts?: AlertSizing[];
  conflicts?: Conflict[];
  arithmetic?: { figure: Figure; says: string }[];
  notes?: string[];
}

export interface TierCatalog {
  workloads(): string[];
  /** The workload's tiers, smallest first. */
  tiers(workload: string): readonly TierRecommendation[];
  get(workload: string, tier: string): TierRecommendation | undefined;
}
