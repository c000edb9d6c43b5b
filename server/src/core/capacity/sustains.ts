import type { TierCatalog, TierRecommendation } from './catalog-types';
import { cite } from './figures';
import {
  FORMULA_SOURCES, OTLP_RPS_BY_MEMORY, SORTER_RPS_BY_MEMORY, benchmarkThroughput, clickhouseMemoryGb, gatewayCapacity,
  infrastructureNodes, operatorVolumesFor,
} from './formulas';
import { LOAD_METRICS, selectTierByLoad } from './load';
import type { LoadMetric } from './model-types';
import { FORMULA_002 } from './seeds/seed-002';
import { SERVER_RPS } from './seeds/seed-001';
import { FORMULA_004 } from './seeds/seed-004';

// What a configuration as written sustains, by the documents' benchmark tables and formulas, when no
// load or tier is stated: shown as an estimate ("≈"), with the tier that load would fit, never used as
// a tier for checks.

export interface PodShape {
  replicas?: number;
  requests: { cpu?: number; memory?: number };
  limits: { cpu?: number; memory?: number };
}

export interface Sustained {
  metric: LoadMetric;
  value: number;
  /** The document's figure is a lower bound (`100k+`) or the table was exceeded. */
  atLeast?: boolean;
  /** How it was computed, with the document's numbers and source. */
  how: string;
  /** The tier the documents size for this load, when one contains it. */
  fits?: TierRecommendation;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;

export function describeSustained(s: Sustained): string {
  return `${s.atLeast ? '≥' : '≈'} ${fmt(s.value)} ${LOAD_METRICS[s.metric].label}${s.fits ? ` (${s.fits.tier} tier)` : ''}`;
}

function fit(catalog: TierCatalog, workload: string, s: Omit<Sustained, 'fits'>): Sustained {
  const selection = selectTierByLoad(catalog.tiers(workload), { [s.metric]: s.value });
  return { ...s, ...(selection ? { fits: selection.tier } : {}) };
}

/**
 * ClickHouse log rows/s for a pod's memory by seed 004's profile table (2Gi ↔ 1k, 4Gi ↔ 10k, 8Gi ↔ 50k,
 * 16Gi ↔ 100k+): the largest profile whose memory the pod has. The document's memory formula
 * (2 + rps/10000 × 0.5 GB) would allow far more (280,000 for 16 GB); its own table is the conservative
 * reading, and the tooltip names both.
 */
export function clickhouseSustained(catalog: TierCatalog, podMemory: number): Sustained {
  const profiles = catalog.tiers('clickhouse').filter((t) => t.limits?.memory !== undefined && t.throughput?.unit === 'log rows/s');
  const fitted = [...profiles].reverse().find((t) => t.limits!.memory! <= podMemory);
  const formula = Math.max(0, ((podMemory / 1e9 - clickhouseMemoryGb(0)) / FORMULA_004.gbPerStep.value) * FORMULA_004.rpsStep.value);
  const table = profiles.map((t) => `${t.figures?.['limits.memory']?.printed ?? mib(t.limits!.memory!)} ↔ ${t.figures?.throughput?.printed ?? fmt(t.throughput!.value)}`).join(', ');
  const formulaNote = `seed 004's memory formula (memory_gb = 2 + log_rps / 10000 × 0.5) would give ≈ ${fmt(formula)} for ${(podMemory / 1e9).toFixed(1)} GB; its profile table (${table}) is used, being the document's own pairing and the more conservative`;
  if (!fitted) {
    const smallest = profiles[0];
    return { metric: 'logRowsPerSecond', value: 0, how: `below the smallest profile (${smallest ? `${mib(smallest.limits!.memory!)} ↔ ${fmt(smallest.throughput!.value)}` : 'none'}); ${formulaNote} (${cite(FORMULA_SOURCES.sizingFormula)})` };
  }
  const atLeast = fitted === profiles[profiles.length - 1];
  return {
    metric: 'logRowsPerSecond', value: fitted.throughput!.value, atLeast, fits: fitted,
    how: `the ${fitted.tier} profile pairs ${fitted.figures?.['limits.memory']?.printed ?? mib(fitted.limits!.memory!)} with ${fitted.figures?.throughput?.printed ?? fmt(fitted.throughput!.value)} (${cite(fitted.figures?.throughput?.source ?? fitted.source)}); ${formulaNote}`,
  };
}

/** What a pod spec of a recognised workload sustains, when the documents give a way to tell. */
export function sustainedBy(catalog: TierCatalog, workload: string, pod: PodShape): Sustained | undefined {
  const replicas = pod.replicas ?? 1;
  const memory = pod.limits.memory ?? pod.requests.memory;
  const perReplicas = replicas === 1 ? 'one replica' : `${replicas} replicas`;
  switch (workload) {
    case 'alloy':
    case 'ai-sorter': {
      if (memory === undefined) return undefined;
      const table = workload === 'alloy' ? OTLP_RPS_BY_MEMORY : SORTER_RPS_BY_MEMORY;
      const { rps, capped } = benchmarkThroughput(table, memory);
      const metric: LoadMetric = workload === 'alloy' ? 'otlpRequestsPerMinute' : 'telemetryItemsPerMinute';
      const value = workload === 'alloy' ? rps * 60 * replicas : rps * replicas;
      const unitNote = workload === 'alloy' ? `${fmt(rps)} req/s per pod × 60 × ${perReplicas}` : `${fmt(rps)} req/s per pod × ${perReplicas} (a request carries a batch of items; the tiers count items/minute, so this is a lower bound of the tier)`;
      return fit(catalog, workload, { metric, value, atLeast: capped, how: `${mib(memory)} per pod: seed 000's benchmark measured ${fmt(rps)} req/s at that memory in use${capped ? ' (its largest row; it measured no more)' : ''}; ${unitNote} (${cite(table.source)})` });
    }
    case 'gateway': {
      const { agents, rps } = gatewayCapacity(replicas);
      return fit(catalog, workload, { metric: 'agents', value: agents, how: `${perReplicas} × ~${FORMULA_004.agentsPerReplica.printed} agents each = ${fmt(agents)} agents, ${fmt(rps)} req/s at 1,000 per agent (${cite(FORMULA_SOURCES.sizingFormula)})` });
    }
    case 'ingestion': {
      const rps = replicas * SERVER_RPS.value;
      return fit(catalog, workload, { metric: 'requestsPerSecond', value: rps, how: `${perReplicas} × ${SERVER_RPS.printed} req/s per server (${cite(SERVER_RPS.source)})` });
    }
    case 'clickhouse':
      return pod.limits.memory !== undefined ? clickhouseSustained(catalog, pod.limits.memory) : undefined;
    case 'operator': {
      const request = pod.requests.memory ?? pod.limits.memory;
      // No memory given covers no row, as no memory does.
      const row = operatorVolumesFor(request ?? 0);
      if (!row) return undefined;
      return fit(catalog, workload, { metric: 'volumes', value: row.volumes.value, how: `memory request ${mib(request!)} covers §8.1's ${row.volumes.printed}-volume row (${row.memory.printed}) (${cite(row.memory.source)})` });
    }
    case 'kafka':
    case 'timescaledb': {
      const formula = FORMULA_002[workload];
      const value = replicas * formula.perNode.value - 1;
      if (infrastructureNodes(value)[workload] > replicas) return undefined;
      return fit(catalog, workload, { metric: 'metricsPerSecond', value, how: `seed 002's planner sizes ${perReplicas} for up to ${fmt(value)} metrics/s (nodes = max(${formula.min.printed}, int(rate / ${formula.perNode.printed}) + 1)) (${cite(formula.perNode.source)})` });
    }
  }
  return undefined;
}
