import { section } from '../figures';
import type { TierSizing } from '../model-types';

// Seed 002 — metrics monitoring performance analysis for 100,000 servers: machines (not pods) for the
// Kafka queue, TimescaleDB hot storage and ClickHouse warm storage, sized for 333,333 metrics/s; its
// capacity planner derives node counts from any metrics rate (formulas.ts).

export const SEED_002 = '002_36fe083ec8095de5.txt';

export const TARGETS = section(SEED_002, 'Scale Requirements Analysis > Current Scale Targets');
const KAFKA = section(SEED_002, 'Component Performance Analysis > 1. Kafka Message Queue Performance');
const TIMESCALE = section(SEED_002, 'Component Performance Analysis > 2. TimescaleDB Hot Storage Performance');
const CLICKHOUSE = section(SEED_002, 'Component Performance Analysis > 3. ClickHouse Warm Storage Performance');
export const PLANNER = section(SEED_002, 'Capacity Planning > Resource Utilization Projections');
const OPTIMIZATION = section(SEED_002, 'Optimization Recommendations > Performance Optimization Strategies');

export const SCALE = {
  servers: TARGETS.figure('100_000', 'number', 'scale_requirements.servers'),
  metricsPerServer: TARGETS.figure('50', 'number', 'scale_requirements.metrics_per_server'),
  intervalSeconds: TARGETS.figure('15', 'seconds', 'scale_requirements.collection_interval'),
};

const TIER = '100k-servers';
const load = (metricsPerSecond: ReturnType<typeof KAFKA.figure>): TierSizing['load'] => [
  { metric: 'metricsPerSecond', max: { figure: metricsPerSecond, inclusive: true } },
  { metric: 'servers', max: { figure: SCALE.servers, inclusive: true } },
];

export const SEED_002_TIERS: TierSizing[] = [
  {
    workload: 'kafka', tier: TIER, source: KAFKA.source,
    load: load(KAFKA.figure('333_333', 'number', 'kafka_performance.target_throughput')),
    replicas: KAFKA.figure('3', 'number', 'kafka_performance.hardware_requirements.nodes'),
    hardware: {
      cpu: KAFKA.figure('8', 'number', 'kafka_performance.hardware_requirements.cpu_per_node'),
      memory: KAFKA.figure('32', 'GB', 'kafka_performance.hardware_requirements.memory_per_node'),
      disk: KAFKA.figure('2', 'TB', 'kafka_performance.hardware_requirements.disk_per_node'),
      networkGbps: KAFKA.figure('10', 'number', 'kafka_performance.hardware_requirements.network'),
    },
    throughput: { figure: KAFKA.figure('500_000', 'number', 'kafka_performance.performance_metrics.max_throughput'), unit: 'messages/s' },
  },
  {
    workload: 'timescaledb', tier: TIER, source: TIMESCALE.source,
    load: load(TIMESCALE.figure('333_333', 'number', 'timescaledb_performance.target_write_throughput')),
    replicas: TIMESCALE.figure('2', 'number', 'timescaledb_performance.hardware_requirements.primary_nodes'),
    hardware: {
      nodes: TIMESCALE.figure('2', 'number', 'timescaledb_performance.hardware_requirements.replica_nodes'),
      cpu: TIMESCALE.figure('16', 'number', 'timescaledb_performance.hardware_requirements.cpu_per_node'),
      memory: TIMESCALE.figure('64', 'GB', 'timescaledb_performance.hardware_requirements.memory_per_node'),
      disk: TIMESCALE.figure('4', 'TB', 'timescaledb_performance.hardware_requirements.disk_per_node'),
      networkGbps: TIMESCALE.figure('25', 'number', 'timescaledb_performance.hardware_requirements.network'),
    },
    throughput: { figure: TIMESCALE.figure('333_333', 'number', 'timescaledb_performance.target_write_throughput'), unit: 'inserts/s' },
    notes: ['replicas are the primaries; hardware.nodes the read replicas beside them'],
  },
  {
    workload: 'clickhouse', tier: TIER, source: CLICKHOUSE.source,
    load: [{ metric: 'servers', max: { figure: SCALE.servers, inclusive: true } }],
    replicas: CLICKHOUSE.figure('2', 'number', 'clickhouse_performance.hardware_requirements.replicas'),
    hardware: {
      nodes: CLICKHOUSE.figure('3', 'number', 'clickhouse_performance.hardware_requirements.shards'),
      cpu: CLICKHOUSE.figure('24', 'number', 'clickhouse_performance.hardware_requirements.cpu_per_node'),
      memory: CLICKHOUSE.figure('128', 'GB', 'clickhouse_performance.hardware_requirements.memory_per_node'),
      disk: CLICKHOUSE.figure('8', 'TB', 'clickhouse_performance.hardware_requirements.disk_per_node'),
      networkGbps: CLICKHOUSE.figure('25', 'number', 'clickhouse_performance.hardware_requirements.network'),
    },
    clickhouse: {
      maxServerMemoryUsageToRamRatio: OPTIMIZATION.figure('80%', 'fraction', 'optimization_strategies.clickhouse_optimizations.memory_allocation', { note: '"Allocate 80% of RAM to ClickHouse", read as max_server_memory_usage_to_ram_ratio' }),
      maxConcurrentQueries: CLICKHOUSE.figure('200', 'number', 'clickhouse_performance.optimization_settings.max_concurrent_queries'),
      maxMemoryUsage: CLICKHOUSE.figure('100GB', 'decimal-bytes', 'clickhouse_performance.optimization_settings.max_memory_usage'),
    },
    throughput: { figure: CLICKHOUSE.figure('100_000', 'number', 'clickhouse_performance.target_write_throughput'), unit: 'aggregated rows/s' },
    notes: ['replicas are per shard; hardware.nodes is the shard count (3 shards × 2 replicas = 6 machines)'],
  },
];

/** Capacity Planning > Resource Utilization Projections: the node formulas' constants and node prices. */
const PLANNER_KEY = 'class CapacityPlanner';
export const FORMULA_002 = {
  kafka: { min: PLANNER.figure('3', 'number', `${PLANNER_KEY}.kafka_nodes`), perNode: PLANNER.figure('150_000', 'number', `${PLANNER_KEY}.kafka_nodes`), plus: PLANNER.figure('1', 'number', `${PLANNER_KEY}.kafka_nodes`), monthly: PLANNER.figure('800', 'number', `${PLANNER_KEY}.costs`) },
  timescaledb: { min: PLANNER.figure('2', 'number', `${PLANNER_KEY}.timescaledb_nodes`), perNode: PLANNER.figure('200_000', 'number', `${PLANNER_KEY}.timescaledb_nodes`), plus: PLANNER.figure('1', 'number', `${PLANNER_KEY}.timescaledb_nodes`), monthly: PLANNER.figure('1200', 'number', `${PLANNER_KEY}.costs`) },
  clickhouse: { min: PLANNER.figure('3', 'number', `${PLANNER_KEY}.clickhouse_nodes`), perNode: PLANNER.figure('50_000', 'number', `${PLANNER_KEY}.clickhouse_nodes`), plus: PLANNER.figure('1', 'number', `${PLANNER_KEY}.clickhouse_nodes`), monthly: PLANNER.figure('2000', 'number', `${PLANNER_KEY}.costs`) },
};
