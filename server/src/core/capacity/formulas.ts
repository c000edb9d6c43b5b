import type { Citation } from '../types';

// The sizing formulas of the capacity-planning documents, as functions. Each cites its section; the
// tests reproduce the documents' own worked examples.

const SEED_000 = '000_e875b2fa46e39bfd.txt';
const SEED_001 = '001_ceeee9e23b0c10f7.txt';
const SEED_002 = '002_36fe083ec8095de5.txt';
const SEED_003 = '003_55bf389a4119086e.txt';
const SEED_004 = '004_8f602a648d2b47bd.txt';

export const FORMULA_SOURCES: Record<string, Citation> = {
  gatewayReplicas: { document: SEED_004, section: 'Capacity Planning > Sizing Formula' },
  gatewayMemoryMb: { document: SEED_004, section: 'Capacity Planning > Sizing Formula' },
  clickhouseMemoryGb: { document: SEED_004, section: 'Capacity Planning > Sizing Formula' },
  clickhouseStorageGb: { document: SEED_004, section: 'Capacity Planning > Sizing Formula' },
  ingestionServers: { document: SEED_001, section: 'Horizontal Scaling Strategy > Scaling Math' },
  costPerMillionMetrics: { document: SEED_001, section: 'Cost Analysis > Cost Per Metric' },
  metricsPerSecond: { document: SEED_002, section: 'Scale Requirements Analysis > Current Scale Targets' },
  infrastructureNodes: { document: SEED_002, section: 'Capacity Planning > Resource Utilization Projections' },
  otlpIngestion: { document: SEED_000, section: 'Performance Benchmarks > OTLP Ingestion Performance Characteristics' },
  aiSorter: { document: SEED_000, section: 'Performance Benchmarks > AI Sorter Performance Characteristics' },
  operatorResources: { document: SEED_003, section: '8. Capacity Planning > 8.1 Resource Calculator' },
};

/** Seed 004: gateway replicas = ceil(agents / 20) + 1 (one for headroom). */
export function gatewayReplicas(agents: number): number {
  return Math.ceil(agents / 20) + 1;
}

/** Seed 004: gateway memory per replica (MB) = 256 + agents_per_replica × 2 + buffer_size_mb × 2. */
export function gatewayMemoryMb(agentsPerReplica: number, bufferSizeMb: number): number {
  return 256 + agentsPerReplica * 2 + bufferSizeMb * 2;
}

/** Seed 004: ClickHouse memory (GB) = 2 + (log_rps / 10000) × 0.5. */
export function clickhouseMemoryGb(logRps: number): number {
  return 2 + (logRps / 10000) * 0.5;
}

/** The inverse of clickhouseMemoryGb: the log rows/s a given memory sustains by that formula. */
export function clickhouseSustainedLogRps(memoryGb: number): number {
  return Math.max(0, ((memoryGb - 2) / 0.5) * 10000);
}

/** Seed 004: storage (GB) = log_rps × retention_seconds × avg_log_size_bytes × compression_ratio / 1e9. */
export function clickhouseStorageGb(logRps: number, retentionSeconds: number, avgLogSizeBytes: number, compressionRatio: number): number {
  return (logRps * retentionSeconds * avgLogSizeBytes * compressionRatio) / 1e9;
}

/**
 * Seed 001: servers = ceil(rps / per-server capacity) plus redundancy; the resulting utilisation is
 * rps / (servers × capacity).
 */
export function ingestionServers(rps: number, perServerRps: number, redundancy: number): { servers: number; utilization: number } {
  const servers = Math.ceil(rps / perServerRps) + redundancy;
  return { servers, utilization: rps / (servers * perServerRps) };
}

/** Seed 001: cost per million metrics = monthly cost / (writes per second × seconds in 30 days / 1e6). */
export function costPerMillionMetrics(monthlyCost: number, writesPerSecond: number): number {
  const monthly = writesPerSecond * 60 * 60 * 24 * 30;
  return monthlyCost / (monthly / 1e6);
}

/** Seed 002: metrics per second = servers × metrics per server / collection interval (s). */
export function metricsPerSecond(servers: number, metricsPerServer: number, intervalSeconds: number): number {
  return (servers * metricsPerServer) / intervalSeconds;
}

/** Seed 002: node counts for a metrics rate, and their monthly cost at the document's AWS prices. */
export function infrastructureNodes(metricsPerSec: number): { kafka: number; timescaledb: number; clickhouse: number; monthlyCost: number } {
  const kafka = Math.max(3, Math.trunc(metricsPerSec / 150_000) + 1);
  const timescaledb = Math.max(2, Math.trunc(metricsPerSec / 200_000) + 1);
  const clickhouse = Math.max(3, Math.trunc(metricsPerSec / 50_000) + 1);
  return { kafka, timescaledb, clickhouse, monthlyCost: kafka * 800 + timescaledb * 1200 + clickhouse * 2000 };
}

/** A measured table: rows of (x, y); `interpolate` is linear between rows and clamps outside them. */
export interface BenchmarkTable {
  x: string;
  y: string;
  rows: readonly (readonly [number, number])[];
  source: Citation;
}

export function interpolate(table: BenchmarkTable, x: number): { value: number; extrapolated: boolean } {
  const rows = table.rows;
  if (x <= rows[0][0]) return { value: rows[0][1], extrapolated: x < rows[0][0] };
  const last = rows[rows.length - 1];
  if (x >= last[0]) return { value: last[1], extrapolated: x > last[0] };
  for (let i = 1; i < rows.length; i++) {
    const [x1, y1] = rows[i];
    if (x <= x1) {
      const [x0, y0] = rows[i - 1];
      return { value: y0 + ((y1 - y0) * (x - x0)) / (x1 - x0), extrapolated: false };
    }
  }
  return { value: last[1], extrapolated: true };
}

/** Seed 000 OTLP ingestion: CPU usage (%) against requests per second (5KB payloads). */
export const OTLP_RPS_BY_CPU: BenchmarkTable = {
  x: 'CPU usage %', y: 'OTLP req/s', source: FORMULA_SOURCES.otlpIngestion,
  rows: [[25, 400], [45, 800], [70, 1200], [90, 1500]],
};

/** Seed 000 OTLP ingestion: memory in use (MiB) against requests per second. */
export const OTLP_RPS_BY_MEMORY_MIB: BenchmarkTable = {
  x: 'memory MiB', y: 'OTLP req/s', source: FORMULA_SOURCES.otlpIngestion,
  rows: [[300, 400], [600, 800], [1.2 * 1024, 1200], [2.0 * 1024, 1500]],
};

/** Seed 000 AI Sorter: memory in use (MiB) against requests per second. */
export const AI_SORTER_RPS_BY_MEMORY_MIB: BenchmarkTable = {
  x: 'memory MiB', y: 'req/s', source: FORMULA_SOURCES.aiSorter,
  rows: [[200, 15], [350, 25], [500, 35], [800, 45]],
};

/** Seed 003 resource calculator: volumes against CPU request (millicores) and memory request (MiB). */
export const OPERATOR_CPU_BY_VOLUMES: BenchmarkTable = {
  x: 'volumes', y: 'CPU request (m)', source: FORMULA_SOURCES.operatorResources,
  rows: [[100, 100], [250, 150], [500, 200], [750, 300], [1000, 400], [2000, 600]],
};
export const OPERATOR_MEMORY_BY_VOLUMES: BenchmarkTable = {
  x: 'volumes', y: 'memory request (MiB)', source: FORMULA_SOURCES.operatorResources,
  rows: [[100, 128], [250, 192], [500, 256], [750, 384], [1000, 512], [2000, 768]],
};

/**
 * OTLP requests per second one pod carries with this much memory, by seed 000's ingestion benchmark
 * (memory in use at each measured load). Beyond the last row it is capped: the benchmark measured
 * no more, and error rates were already 3.5% there.
 */
export function otlpThroughputPerPod(memoryBytes: number): { rps: number; capped: boolean } {
  const result = interpolate(OTLP_RPS_BY_MEMORY_MIB, memoryBytes / 2 ** 20);
  return { rps: Math.round(result.value), capped: result.extrapolated };
}
