import { type Figure, type SectionFigures, section } from '../figures';
import type { Conflict, LoadBand, TierSizing } from '../model-types';

// Seed 004 — Avika NGINX Manager scaling guide: four scaling profiles (default/medium/large/enterprise)
// for the gateway and ClickHouse, and the enterprise profile of PostgreSQL, Redpanda, the OTel collector
// and the agents. The profile table pairs agents, RPS, gateway replicas and ClickHouse memory; the
// enterprise sections add resources, settings and environment.

export const SEED_004 = '004_8f602a648d2b47bd.txt';

const PROFILES = section(SEED_004, 'Scaling Overview > Scaling Profiles');
const LOAD = section(SEED_004, 'Load Calculations > For 100,000 RPS from 100 Agents');
const GATEWAY = section(SEED_004, 'Component Scaling > Gateway Scaling');
const CLICKHOUSE = section(SEED_004, 'Component Scaling > ClickHouse Scaling');
const POSTGRESQL = section(SEED_004, 'Component Scaling > PostgreSQL Scaling');
const REDPANDA = section(SEED_004, 'Component Scaling > Redpanda Scaling');
const SUMMARY = section(SEED_004, 'Enterprise Profile > Enterprise Resource Summary');
const GATEWAY_ENV = section(SEED_004, 'Performance Tuning > Gateway Environment Variables');
const CLICKHOUSE_ENV = section(SEED_004, 'Performance Tuning > ClickHouse Environment Variables');
const AGENT = section(SEED_004, 'Performance Tuning > Agent Tuning for High Log Volume');
const ALERTS = section(SEED_004, 'Monitoring at Scale > Prometheus Alerts');
export const SIZING_FORMULA = section(SEED_004, 'Capacity Planning > Sizing Formula');

/** Capacity Planning > Sizing Formula: the constants of its four formulas and its storage example. */
export const FORMULA_004 = {
  agentsPerReplica: SIZING_FORMULA.figure('20', 'number', 'replicas'),
  headroomReplicas: SIZING_FORMULA.figure('1', 'number', 'replicas'),
  clickhouseBaseGb: SIZING_FORMULA.figure('2', 'number', 'memory_gb'),
  rpsStep: SIZING_FORMULA.figure('10000', 'number', 'memory_gb'),
  gbPerStep: SIZING_FORMULA.figure('0.5', 'number', 'memory_gb'),
  storageExample: {
    logRps: SIZING_FORMULA.figure('100000', 'number', ''),
    retentionSeconds: SIZING_FORMULA.figure('86400', 'seconds', ''),
    logBytes: SIZING_FORMULA.figure('500', 'number', ''),
    compressionRatio: SIZING_FORMULA.figure('0.15', 'number', ''),
    gbPerDay: SIZING_FORMULA.figure('648', 'number', ''),
  },
};

type Profile = 'default' | 'medium' | 'large' | 'enterprise';
const ORDER: Profile[] = ['default', 'medium', 'large', 'enterprise'];
const TABLE: Record<Profile, { agents: [string, string?]; rps: string; replicas: string; memory: string }> = {
  default: { agents: ['1', '10'], rps: '1k', replicas: '1', memory: '2Gi' },
  medium: { agents: ['10', '50'], rps: '10k', replicas: '2', memory: '4Gi' },
  large: { agents: ['50', '100'], rps: '50k', replicas: '3', memory: '8Gi' },
  enterprise: { agents: ['100+'], rps: '100k+', replicas: '5+', memory: '16Gi+' },
};
const profile = (p: Profile, column: string, printed: string, unit: 'number' | 'memory' = 'number') => PROFILES.figure(printed, unit, `${p} / ${column}`);

/**
 * Agents `1-10`, `10-50`, `50-100`, `100+`: ranges sharing their ends, which go to the larger profile
 * (the guide sizes its own 100-agent example with the 100+ profile). RPS is the profile's capacity: a
 * load up to it fits, above the previous profile's it needs this one. For ClickHouse the RPS are log
 * rows/s ("each request = 1 log entry").
 */
function loadBands(p: Profile, throughput: 'requestsPerSecond' | 'logRowsPerSecond'): LoadBand[] {
  const [low, high] = TABLE[p].agents;
  const agents: LoadBand = { metric: 'agents', min: { figure: profile(p, 'Agents', low), inclusive: true }, ...(high ? { max: { figure: profile(p, 'Agents', high), inclusive: true } } : {}) };
  const index = ORDER.indexOf(p);
  const previous = index > 0 ? ORDER[index - 1] : undefined;
  const rps: LoadBand = {
    metric: throughput,
    ...(previous ? { min: { figure: profile(previous, 'RPS', TABLE[previous].rps), inclusive: false } } : {}),
    ...(p !== 'enterprise' ? { max: { figure: profile(p, 'RPS', TABLE[p].rps), inclusive: true } } : {}),
  };
  return [agents, rps];
}

const gatewayReplicaConflict: Conflict = {
  subject: 'gateway replicas for 100 agents',
  first: { figure: GATEWAY.figure('5', 'number', 'gateway.replicaCount'), says: 'the enterprise values and the profile table run 5 replicas (~20 agents each)' },
  second: { figure: SIZING_FORMULA.figure('1', 'number', 'replicas'), says: 'the sizing formula ceil(agents / 20) + 1 gives 6' },
  resolution: 'replicas must reach ceil(agents / 20), where both agree; the formula\'s +1 is shown as headroom, not required',
};

const gomaxprocsConflict = (gomaxprocs: Figure, cpuLimit: Figure): Conflict => ({
  subject: 'gateway GOMAXPROCS vs CPU limit',
  first: { figure: gomaxprocs, says: `the enterprise environment sets GOMAXPROCS=${gomaxprocs.printed}` },
  second: { figure: cpuLimit, says: `the same profile limits the gateway to ${cpuLimit.printed} CPU` },
  resolution: 'both are kept as printed; the hover names both',
});

function gatewayTier(p: Profile): TierSizing {
  const base: TierSizing = {
    workload: 'gateway', tier: p, source: PROFILES.source, load: loadBands(p, 'requestsPerSecond'),
    ...(p !== 'enterprise' ? { replicas: profile(p, 'Gateway Replicas', TABLE[p].replicas) } : {}),
    throughput: { figure: profile(p, 'RPS', TABLE[p].rps), unit: 'req/s' },
  };
  if (p === 'default') {
    return {
      ...base,
      limits: { cpu: GATEWAY.figure('500m', 'cpu', 'resources.limits.cpu / Default'), memory: GATEWAY.figure('512Mi', 'memory', 'resources.limits.memory / Default') },
      env: { GOGC: GATEWAY_ENV.figure('100', 'number', 'GOGC / Default') },
    };
  }
  if (p !== 'enterprise') return base;
  const cpuLimit = GATEWAY.figure('2', 'cpu', 'gateway.resources.limits.cpu');
  const gomaxprocs = GATEWAY_ENV.figure('4', 'number', 'GOMAXPROCS / Enterprise');
  return {
    ...base,
    source: GATEWAY.source,
    replicas: GATEWAY.figure('5', 'number', 'gateway.replicaCount'),
    requests: { cpu: GATEWAY.figure('500m', 'cpu', 'gateway.resources.requests.cpu'), memory: GATEWAY.figure('512Mi', 'memory', 'gateway.resources.requests.memory') },
    limits: { cpu: cpuLimit, memory: GATEWAY.figure('2Gi', 'memory', 'gateway.resources.limits.memory') },
    hpa: {
      minReplicas: GATEWAY.figure('3', 'number', 'gateway.autoscaling.minReplicas'),
      maxReplicas: GATEWAY.figure('10', 'number', 'gateway.autoscaling.maxReplicas'),
      cpuUtilization: GATEWAY.figure('60', 'percent', 'gateway.autoscaling.targetCPUUtilizationPercentage'),
    },
    goMemLimit: GATEWAY_ENV.figure('1800MiB', 'bytes', 'GOMEMLIMIT / Enterprise'),
    env: { GOGC: GATEWAY_ENV.figure('100', 'number', 'GOGC / Enterprise'), GOMAXPROCS: gomaxprocs },
    alerts: [
      { what: 'gateway memory in use (bytes)', comparison: '>', warning: ALERTS.figure('1.5e9', 'decimal-bytes', 'groups.rules.expr'), for: ALERTS.figure('5m', 'duration', 'groups.rules.for') },
      { what: 'agents online', comparison: '<', warning: ALERTS.figure('90', 'number', 'groups.rules.expr'), for: ALERTS.figure('1m', 'duration', 'groups.rules.for') },
    ],
    conflicts: [gatewayReplicaConflict, gomaxprocsConflict(gomaxprocs, cpuLimit)],
  };
}

const CH_ENV: [string, string, string][] = [
  ['CH_LOG_BUFFER_SIZE', '100000', '500000'], ['CH_SPAN_BUFFER_SIZE', '200000', '1000000'], ['CH_LOG_BATCH_SIZE', '10000', '50000'],
  ['CH_SPAN_BATCH_SIZE', '20000', '100000'], ['CH_FLUSH_INTERVAL_MS', '100', '50'], ['CH_MAX_OPEN_CONNS', '20', '50'],
];
const chEnv = (column: 'Default' | 'Enterprise') =>
  Object.fromEntries(CH_ENV.map(([name, d, e]) => [name, CLICKHOUSE_ENV.figure(column === 'Default' ? d : e, 'number', `${name} / ${column}`)]));

const storageConflict: Conflict = {
  subject: 'ClickHouse enterprise storage vs its own log volume',
  first: { figure: SUMMARY.figure('100Gi', 'memory', 'ClickHouse / Storage'), says: 'the enterprise summary gives ClickHouse a 100Gi volume' },
  second: { figure: FORMULA_004.storageExample.gbPerDay, says: `the sizing formula's own example stores ${FORMULA_004.storageExample.gbPerDay.printed} GB/day at 100,000 log rows/s: 100Gi holds about 4 hours of it` },
  resolution: 'the volume is checked as printed; hovers state the retention it gives at the example rate',
};

function clickhouseTier(p: Profile): TierSizing {
  const base: TierSizing = {
    workload: 'clickhouse', tier: p, source: PROFILES.source, load: loadBands(p, 'logRowsPerSecond'),
    ...(p !== 'enterprise' ? { limits: { memory: profile(p, 'ClickHouse Memory', TABLE[p].memory, 'memory') } } : {}),
    throughput: { figure: profile(p, 'RPS', TABLE[p].rps), unit: 'log rows/s' },
    ...(p === 'default' ? { env: chEnv('Default') } : {}),
  };
  if (p !== 'enterprise') return base;
  return {
    ...base,
    source: CLICKHOUSE.source,
    replicas: SUMMARY.figure('1', 'number', 'ClickHouse / Replicas'),
    requests: { cpu: CLICKHOUSE.figure('4', 'cpu', 'clickhouse.resources.requests.cpu'), memory: CLICKHOUSE.figure('8Gi', 'memory', 'clickhouse.resources.requests.memory') },
    limits: { cpu: CLICKHOUSE.figure('8', 'cpu', 'clickhouse.resources.limits.cpu'), memory: CLICKHOUSE.figure('16Gi', 'memory', 'clickhouse.resources.limits.memory') },
    storage: SUMMARY.figure('100Gi', 'memory', 'ClickHouse / Storage'),
    clickhouse: {
      maxServerMemoryUsageToRamRatio: CLICKHOUSE.figure('0.8', 'number', 'max_server_memory_usage_to_ram_ratio'),
      maxMemoryUsage: CLICKHOUSE.figure('12000000000', 'number', 'max_memory_usage'),
      maxConnections: CLICKHOUSE.figure('1000', 'number', 'max_connections'),
      maxConcurrentQueries: CLICKHOUSE.figure('200', 'number', 'max_concurrent_queries'),
      backgroundPoolSize: CLICKHOUSE.figure('16', 'number', 'background_pool_size'),
      backgroundSchedulePoolSize: CLICKHOUSE.figure('16', 'number', 'background_schedule_pool_size'),
      asyncInsertThreads: CLICKHOUSE.figure('8', 'number', 'async_insert_threads'),
    },
    env: chEnv('Enterprise'),
    alerts: [{ what: 'ClickHouse inserted rows/s', comparison: '<', critical: ALERTS.figure('50000', 'number', 'groups.rules.expr'), for: ALERTS.figure('2m', 'duration', 'groups.rules.for') }],
    conflicts: [storageConflict],
  };
}

/** Seed 004's enterprise-only workloads: limits and replicas from their sections, storage from the summary. */
function enterpriseOnly(workload: string, at: SectionFigures, keys: { replicas?: string; cpu: string; memory: string }, printed: { replicas: string; cpu: string; memory: string; storage?: string }, summaryRow: string): TierSizing {
  return {
    workload, tier: 'enterprise', source: at.source,
    replicas: keys.replicas ? at.figure(printed.replicas, 'number', keys.replicas) : SUMMARY.figure(printed.replicas, 'number', `${summaryRow} / Replicas`),
    limits: { cpu: at.figure(printed.cpu, 'cpu', keys.cpu), memory: at.figure(printed.memory, 'memory', keys.memory) },
    ...(printed.storage ? { storage: SUMMARY.figure(printed.storage, 'memory', `${summaryRow} / Storage`) } : {}),
  };
}

export const SEED_004_TIERS: TierSizing[] = [
  ...ORDER.map(gatewayTier),
  ...ORDER.map(clickhouseTier),
  enterpriseOnly('postgresql', POSTGRESQL, { cpu: 'postgresql.primary.resources.limits.cpu', memory: 'postgresql.primary.resources.limits.memory' }, { replicas: '1', cpu: '2', memory: '2Gi', storage: '20Gi' }, 'PostgreSQL'),
  enterpriseOnly('redpanda', REDPANDA, { replicas: 'redpanda.replicaCount', cpu: 'redpanda.resources.limits.cpu', memory: 'redpanda.resources.limits.memory' }, { replicas: '3', cpu: '4', memory: '8Gi', storage: '50Gi' }, 'Redpanda'),
  enterpriseOnly('otel-collector', SUMMARY, { cpu: 'OTel Collector / CPU', memory: 'OTel Collector / Memory' }, { replicas: '2', cpu: '2', memory: '2Gi' }, 'OTel Collector'),
  {
    workload: 'agent', tier: 'high-log-volume', source: AGENT.source,
    limits: { cpu: AGENT.figure('500m', 'cpu', 'agent.resources.limits.cpu'), memory: AGENT.figure('128Mi', 'memory', 'agent.resources.limits.memory') },
    goMemLimit: AGENT.figure('100MiB', 'bytes', 'agent.env.GOMEMLIMIT'),
    env: { GOGC: AGENT.figure('100', 'number', 'agent.env.GOGC') },
    throughput: { figure: AGENT.figure('1000+', 'number', 'When NGINX handles # RPS per instance:'), unit: 'req/s per NGINX instance' },
  },
];

/** The load calculation's RPS per agent, which turns agents into requests per second and back. */
export const LOAD_FIGURES = {
  rpsPerAgent: LOAD.figure('1,000', 'number', '# agents × # RPS each = # total RPS'),
};
