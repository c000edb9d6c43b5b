import type { Citation } from '../types';
import type { Figure } from './figures';

// The sizing model as the documents give it: per workload, a ladder of tiers, each field a Figure with
// its own document and section. `catalog.ts` turns it into the consumer-facing TierRecommendation
// (plain numbers, one citation per field), which rules, hovers, hints, lenses, completion and fixes read.

/** The workload characteristics a document sizes a tier for. */
export type LoadMetric =
  | 'otlpRequestsPerMinute'
  | 'telemetryItemsPerMinute'
  | 'concurrentUsers'
  | 'agents'
  | 'requestsPerSecond'
  | 'logRowsPerSecond'
  | 'volumes'
  | 'metricsPerSecond'
  | 'servers'
  | 'clients';

export interface Bound {
  figure: Figure;
  inclusive: boolean;
}

/** One characteristic's range for a tier: `< 1,000` is `max` exclusive, `1,000-10,000` both inclusive, `100+` `min` inclusive. */
export interface LoadBand {
  metric: LoadMetric;
  min?: Bound;
  max?: Bound;
}

export interface FigureResources {
  cpu?: Figure;
  memory?: Figure;
}

export interface HpaSizing {
  minReplicas?: Figure;
  maxReplicas?: Figure;
  cpuUtilization?: Figure;
  memoryUtilization?: Figure;
  /** A Pods metric target (seed 000 scales Alloy on otlp_requests_per_second averaging 500). */
  podsMetric?: { name: string; averageValue: Figure };
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: Figure;
  policy?: { type: 'Pods' | 'Percent'; value: Figure; periodSeconds: Figure };
}

/** A threshold the document alerts on, shown with the workload it watches. */
export interface AlertSizing {
  /** What is measured, in words (`CPU`, `memory of the limit`, `insert rate`). */
  what: string;
  comparison: '>' | '<' | '=';
  warning?: Figure;
  critical?: Figure;
  /** How long it must hold: `for: 5m`. */
  for?: Figure;
}

/** Two parts of one document that disagree, and how the model resolves them (hovers name both). */
export interface Conflict {
  subject: string;
  first: { figure: Figure; says: string };
  second: { figure: Figure; says: string };
  resolution: string;
}

export interface TierSizing {
  workload: string;
  tier: string;
  source: Citation;
  load?: LoadBand[];
  replicas?: Figure;
  requests?: FigureResources;
  limits?: FigureResources;
  storage?: Figure;
  hpa?: HpaSizing;
  goMemLimit?: Figure;
  /** Environment variables the document sets for this workload (GOGC, GOMAXPROCS, CH_*, AI_API_*, …). */
  env?: Record<string, Figure>;
  batch?: { sendBatchSize?: Figure; sendBatchMaxSize?: Figure; timeout?: Figure };
  memoryLimiter?: { limit?: Figure; spikeLimit?: Figure; checkInterval?: Figure };
  /** otelcol.receiver.otlp settings: `grpc.max_recv_msg_size`, `http.max_request_body_size`, … (Alloy argument paths). */
  receiver?: Record<string, Figure>;
  clickhouse?: {
    maxServerMemoryUsageToRamRatio?: Figure;
    maxMemoryUsage?: Figure;
    maxConcurrentQueries?: Figure;
    maxConnections?: Figure;
    backgroundPoolSize?: Figure;
    backgroundSchedulePoolSize?: Figure;
    asyncInsertThreads?: Figure;
  };
  /** What the tier carries, in `unit` (per replica when `perReplica`). */
  throughput?: { figure: Figure; unit: string };
  /** What one replica carries, when the document says (seed 001's 10,000 RPS per server). */
  perReplica?: { figure: Figure; unit: string };
  monthlyCost?: Figure;
  /** The whole deployment the tier belongs to, when the document totals it. */
  deployment?: { cpu?: Figure; memory?: Figure; storage?: Figure; pods?: Figure; costs?: Record<string, Figure> };
  /** Hardware per node, when the document sizes machines rather than pods (seed 002). */
  hardware?: { nodes?: Figure; cpu?: Figure; memory?: Figure; disk?: Figure; networkGbps?: Figure };
  /** Usage the document measured at this scale (seed 003 §3.1). */
  usage?: { reconcilingCpu?: Figure; steadyMemory?: Figure; peakMemory?: Figure };
  alerts?: AlertSizing[];
  conflicts?: Conflict[];
  /** The document's own arithmetic that is wrong: the figure keeps the recomputed value and the printed one. */
  arithmetic?: { figure: Figure; says: string }[];
  notes?: string[];
}
