import type { Citation } from '../types';
import { cite } from './figures';
import { FORMULA_SOURCES, gatewayReplicas, infrastructureNodes, ingestionServers, metricsPerSecond, operatorRequests } from './formulas';
import type { Load } from './load';
import { LOAD_FIGURES, FORMULA_004 } from './seeds/seed-004';
import { SCALE } from './seeds/seed-002';
import { SERVER_RPS } from './seeds/seed-001';
import { TESTED_VOLUMES } from './seeds/seed-003';
import type { TierRecommendation } from './catalog-types';

// What a stated load requires beyond the tier's own numbers, by the documents' formulas: gateway
// replicas from agents, ingestion servers from RPS, operator requests from volumes, node counts from a
// metrics rate, HPA ceilings from per-pod targets. Rules flag what falls short of these.

export type RequirementField = 'replicas' | 'requests.cpu' | 'requests.memory' | 'hpa.maxReplicas';

export interface Requirement {
  field: RequirementField;
  value: number;
  /** The computation, in words, with the document's numbers. */
  why: string;
  citation: Citation;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function loadRequirements(workload: string, load: Load, tier?: TierRecommendation): Requirement[] {
  const out: Requirement[] = [];
  const replicas = (value: number, why: string, citation: Citation) => {
    out.push({ field: 'replicas', value, why, citation });
    if (tier?.hpa) out.push({ field: 'hpa.maxReplicas', value, why, citation });
  };
  if (workload === 'gateway') {
    const agents = load.agents ?? (load.requestsPerSecond !== undefined ? load.requestsPerSecond / LOAD_FIGURES.rpsPerAgent.value : undefined);
    if (agents !== undefined) {
      const { required, withHeadroom } = gatewayReplicas(agents);
      const from = load.agents !== undefined ? `${fmt(agents)} agents` : `${fmt(load.requestsPerSecond!)} req/s at ${fmt(LOAD_FIGURES.rpsPerAgent.value)} per agent (${fmt(agents)} agents)`;
      replicas(required, `${from} at ~${FORMULA_004.agentsPerReplica.printed} per replica need ${required}; seed 004's formula adds ${FORMULA_004.headroomReplicas.printed} for headroom (${withHeadroom})`, FORMULA_SOURCES.sizingFormula);
    }
  }
  if (workload === 'ingestion' && load.requestsPerSecond !== undefined) {
    const { required, withRedundancy } = ingestionServers(load.requestsPerSecond);
    replicas(required, `${fmt(load.requestsPerSecond)} req/s at ${SERVER_RPS.printed} per server need ${required}; seed 001 adds 2 for redundancy (${withRedundancy})`, FORMULA_SOURCES.ingestion);
  }
  if (workload === 'alloy' && load.otlpRequestsPerMinute !== undefined && tier?.hpa?.podsMetric) {
    const perPod = tier.hpa.podsMetric.averageValue;
    const required = Math.ceil(load.otlpRequestsPerMinute / 60 / perPod);
    out.push({ field: 'hpa.maxReplicas', value: required, why: `${fmt(load.otlpRequestsPerMinute)} OTLP requests/minute is ${fmt(load.otlpRequestsPerMinute / 60)}/s; at the HPA's ${fmt(perPod)} ${tier.hpa.podsMetric.name} per pod that is ${required} pods`, citation: tier.fieldSources?.['hpa.podsMetric.averageValue'] ?? tier.source });
  }
  if (workload === 'operator' && load.volumes !== undefined) {
    const { cpu, memory, row, beyond } = operatorRequests(load.volumes);
    const untested = load.volumes > TESTED_VOLUMES.value ? `; beyond the ${TESTED_VOLUMES.printed} volumes the operator was tested with (${cite(TESTED_VOLUMES.source)})` : '';
    const why = `${fmt(load.volumes)} volumes: §8.1 recommends ${row.cpu.printed} / ${row.memory.printed} (its ${row.volumes.printed}-volume row${beyond ? ', the largest it gives' : ''})${untested}`;
    out.push({ field: 'requests.cpu', value: cpu, why, citation: FORMULA_SOURCES.operatorCalculator });
    out.push({ field: 'requests.memory', value: memory, why, citation: FORMULA_SOURCES.operatorCalculator });
  }
  // Seed 002's node counts are brokers and primaries for Kafka and TimescaleDB; for ClickHouse they count
  // shards × replicas together, which no single StatefulSet's replicas measure, so ClickHouse is left out.
  if (workload === 'kafka' || workload === 'timescaledb') {
    const rate = load.metricsPerSecond ?? (load.servers !== undefined ? metricsPerSecond(load.servers, SCALE.metricsPerServer.value, SCALE.intervalSeconds.value / 1000) : undefined);
    if (rate !== undefined) {
      const nodes = infrastructureNodes(rate)[workload];
      const from = load.metricsPerSecond !== undefined ? `${fmt(rate)} metrics/s` : `${fmt(load.servers!)} servers × ${SCALE.metricsPerServer.printed} metrics / ${SCALE.intervalSeconds.printed}s = ${fmt(rate)} metrics/s`;
      replicas(nodes, `${from}: seed 002's capacity planner gives ${nodes} ${workload} nodes (${cite(FORMULA_SOURCES.infrastructureNodes)})`, FORMULA_SOURCES.infrastructureNodes);
    }
  }
  return out;
}
