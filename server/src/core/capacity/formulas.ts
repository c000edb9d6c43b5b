import type { Citation } from '../types';
import type { Figure } from './figures';
import { OTLP_ROWS, SORTER_ROWS } from './seeds/seed-000';
import { FORMULA_001, REDUNDANCY, SCALING_MATH, SERVER_RPS } from './seeds/seed-001';
import { FORMULA_002, PLANNER, TARGETS } from './seeds/seed-002';
import { CALCULATOR, CALCULATOR_ROWS } from './seeds/seed-003';
import { FORMULA_004, LOAD_FIGURES, SIZING_FORMULA } from './seeds/seed-004';

// The sizing formulas of the capacity-planning documents, as functions whose constants are the
// documents' figures (seeds/*). Each cites its section; the tests reproduce the documents' worked
// examples, the wrong ones included (asserting the recomputed value and the printed one).

export const FORMULA_SOURCES = {
  sizingFormula: SIZING_FORMULA.source,
  // Read when used: seeds/seed-001.ts imports this module for its arithmetic notes.
  get ingestion() { return SCALING_MATH.source; },
  metricsPerSecond: TARGETS.source,
  infrastructureNodes: PLANNER.source,
  operatorCalculator: CALCULATOR.source,
  otlpBenchmark: OTLP_ROWS[0].rps.source,
  sorterBenchmark: SORTER_ROWS[0].rps.source,
} satisfies Record<string, Citation>;

const v = (f: Figure) => f.value;

/** Seed 004: gateway replicas = ceil(agents / 20) + 1 (the +1 "for headroom"). */
export function gatewayReplicas(agents: number): { required: number; withHeadroom: number } {
  const required = Math.ceil(agents / v(FORMULA_004.agentsPerReplica));
  return { required, withHeadroom: required + v(FORMULA_004.headroomReplicas) };
}

/** Seed 004: what a gateway deployment of `replicas` carries: 20 agents per replica, 1,000 RPS per agent. */
export function gatewayCapacity(replicas: number): { agents: number; rps: number } {
  const agents = replicas * v(FORMULA_004.agentsPerReplica);
  return { agents, rps: agents * v(LOAD_FIGURES.rpsPerAgent) };
}

/** Seed 004: ClickHouse memory (GB) = 2 + (log_rps / 10000) × 0.5. */
export function clickhouseMemoryGb(logRps: number): number {
  return v(FORMULA_004.clickhouseBaseGb) + (logRps / v(FORMULA_004.rpsStep)) * v(FORMULA_004.gbPerStep);
}

/** Seed 004: storage (GB) = log_rps × retention_seconds × avg_log_size_bytes × compression_ratio / 1e9. */
export function clickhouseStorageGb(logRps: number, retentionSeconds: number, avgLogSizeBytes: number, compressionRatio: number): number {
  return (logRps * retentionSeconds * avgLogSizeBytes * compressionRatio) / 1e9;
}

/** Hours of logs a volume holds at seed 004's example rate (100,000 log rows/s, 500 bytes, ratio 0.15: 648 GB/day). */
export function clickhouseRetentionHours(storageBytes: number, logRps = v(FORMULA_004.storageExample.logRps)): number {
  const e = FORMULA_004.storageExample;
  const gbPerDay = clickhouseStorageGb(logRps, v(e.retentionSeconds) / 1000, v(e.logBytes), v(e.compressionRatio));
  return (storageBytes / 1e9 / gbPerDay) * 24;
}

/**
 * Seed 001: servers = ceil(rps / 10,000); the document adds 2 for redundancy (12 servers at 83% for
 * 100,000 RPS) while its roadmap, cost table and HPA run 10.
 */
export function ingestionServers(rps: number, perServerRps = v(SERVER_RPS), redundancy = v(REDUNDANCY)): { required: number; withRedundancy: number; utilization: number } {
  const required = Math.ceil(rps / perServerRps);
  const withRedundancy = required + redundancy;
  return { required, withRedundancy, utilization: rps / (withRedundancy * perServerRps) };
}

/** Seed 001's calculate_server_capacity, as printed: (cores × GHz × 1e9 / cycles) / 0.35. */
export function calculateServerCapacity(cpuCores: number, cpuFreqGhz: number, jsonParseCycles: number): number {
  return (cpuCores * cpuFreqGhz * 1e9) / jsonParseCycles / v(FORMULA_001.jsonShare);
}

/** Seed 001's calculate_memory, as printed: 50 MB + 16 threads × 2 MB + clients × KB / 1024 (MB). */
export function calculateMemoryMb(numClients: number, statePerClientKb: number): number {
  return v(FORMULA_001.baselineMb) + v(FORMULA_001.threads) * v(FORMULA_001.stackMb) + (numClients * statePerClientKb) / v(FORMULA_001.kbPerMb);
}

/** Seed 001: cost per million metrics = monthly cost / (writes per second × seconds in 30 days / 1e6). */
export function costPerMillionMetrics(monthlyCost: number, writesPerSecond: number): number {
  return monthlyCost / ((writesPerSecond * 60 * 60 * 24 * 30) / 1e6);
}

/** Seed 002: metrics per second = servers × metrics per server / collection interval (s). */
export function metricsPerSecond(servers: number, metricsPerServer: number, intervalSeconds: number): number {
  return (servers * metricsPerServer) / intervalSeconds;
}

/** Seed 002's capacity planner: node counts for a metrics rate (max(min, int(rate / per node) + 1)) and their monthly cost. */
export function infrastructureNodes(metricsPerSec: number): { kafka: number; timescaledb: number; clickhouse: number; monthlyCost: number } {
  const nodes = (f: typeof FORMULA_002.kafka) => Math.max(v(f.min), Math.trunc(metricsPerSec / v(f.perNode)) + v(f.plus));
  const kafka = nodes(FORMULA_002.kafka);
  const timescaledb = nodes(FORMULA_002.timescaledb);
  const clickhouse = nodes(FORMULA_002.clickhouse);
  return { kafka, timescaledb, clickhouse, monthlyCost: kafka * v(FORMULA_002.kafka.monthly) + timescaledb * v(FORMULA_002.timescaledb.monthly) + clickhouse * v(FORMULA_002.clickhouse.monthly) };
}

/** A measured table: rows of (x, y) figures; `interpolate` is linear between rows and clamps outside them. */
export interface BenchmarkTable {
  figures: readonly (readonly [Figure, Figure])[];
  source: Citation;
}

/** The table's rows as numbers, read from its figures when used. */
export function rowsOf(table: BenchmarkTable): [number, number][] {
  return table.figures.map(([x, y]) => [x.value, y.value]);
}

export function interpolate(table: BenchmarkTable, x: number): { value: number; extrapolated: boolean } {
  const rows = rowsOf(table);
  if (x < rows[0][0]) return { value: rows[0][1], extrapolated: true };
  const last = rows[rows.length - 1];
  if (x > last[0]) return { value: last[1], extrapolated: true };
  let i = 0;
  while (x > rows[i][0]) i++;
  // A row's own x gives its y exactly (no interpolation arithmetic to round it).
  if (x === rows[i][0]) return { value: rows[i][1], extrapolated: false };
  const [x0, y0] = rows[i - 1];
  const [x1, y1] = rows[i];
  return { value: y0 + ((y1 - y0) * (x - x0)) / (x1 - x0), extrapolated: false };
}

/** Seed 000 OTLP ingestion benchmark: memory in use (bytes) against requests per second (5KB payloads). */
export const OTLP_RPS_BY_MEMORY: BenchmarkTable = {
  source: FORMULA_SOURCES.otlpBenchmark,
  figures: OTLP_ROWS.map((r) => [r.memory, r.rps] as const),
};

/** Seed 000 AI Sorter benchmark: memory in use (bytes) against requests per second. */
export const SORTER_RPS_BY_MEMORY: BenchmarkTable = {
  source: FORMULA_SOURCES.sorterBenchmark,
  figures: SORTER_ROWS.map((r) => [r.memory, r.rps] as const),
};

/** Seed 003 resource calculator: volumes against CPU request (cores) and memory request (bytes). */
export const OPERATOR_CPU_BY_VOLUMES: BenchmarkTable = {
  source: FORMULA_SOURCES.operatorCalculator,
  figures: CALCULATOR_ROWS.map((r) => [r.volumes, r.cpu] as const),
};
export const OPERATOR_MEMORY_BY_VOLUMES: BenchmarkTable = {
  source: FORMULA_SOURCES.operatorCalculator,
  figures: CALCULATOR_ROWS.map((r) => [r.volumes, r.memory] as const),
};

/**
 * Requests per second one pod carries when this much memory is in use, by a seed 000 benchmark. Beyond
 * the last row it is capped: the benchmark measured no more (the OTLP error rate was 3.5% there).
 */
export function benchmarkThroughput(table: BenchmarkTable, memoryBytes: number): { rps: number; capped: boolean } {
  const result = interpolate(table, memoryBytes);
  return { rps: Math.round(result.value), capped: memoryBytes > table.figures[table.figures.length - 1][0].value };
}

/** Seed 003 §8.1: the requests for a volume count; between rows the next row up (never below the document). */
export function operatorRequests(volumes: number): { cpu: number; memory: number; row: (typeof CALCULATOR_ROWS)[number]; beyond: boolean } {
  const row = CALCULATOR_ROWS.find((r) => r.volumes.value >= volumes) ?? CALCULATOR_ROWS[CALCULATOR_ROWS.length - 1];
  return { cpu: row.cpu.value, memory: row.memory.value, row, beyond: volumes > CALCULATOR_ROWS[CALCULATOR_ROWS.length - 1].volumes.value };
}

/** Seed 003 §8.1 the other way: the most volumes whose recommended memory request fits in `memoryBytes`. */
export function operatorVolumesFor(memoryBytes: number): (typeof CALCULATOR_ROWS)[number] | undefined {
  return [...CALCULATOR_ROWS].reverse().find((r) => r.memory.value <= memoryBytes);
}
