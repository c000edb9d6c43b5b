// The tier recommendations of the capacity-planning documents, as data. Quantities are written as the
// documents write them (Kubernetes quantities, Alloy sizes, durations) and converted by catalog.ts.
// Every entry cites the seed file and the section heading path it was read from; nothing here is a
// number the documents do not state.

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

const SEED_000 = '000_e875b2fa46e39bfd.txt';
const SEED_001 = '001_ceeee9e23b0c10f7.txt';
const SEED_003 = '003_55bf389a4119086e.txt';
const SEED_004 = '004_8f602a648d2b47bd.txt';

const S000 = {
  small: 'Deployment Sizes > Small Deployment (Development/Testing)',
  medium: 'Deployment Sizes > Medium Deployment (Production - Small/Medium Teams)',
  large: 'Deployment Sizes > Large Deployment (Production - Enterprise)',
  xlarge: 'Deployment Sizes > Extra Large Deployment (Production - Global Enterprise)',
  alloyHpa: 'Scaling Strategies > Horizontal Scaling > Alloy Scaling',
  sorterHpa: 'Scaling Strategies > Horizontal Scaling > AI Sorter Scaling',
  vertical: 'Scaling Strategies > Vertical Scaling > Resource Limits and Requests',
  river: 'Performance Tuning > Alloy Configuration Optimization > River Configuration',
};
const cite000 = (section: string) => ({ document: SEED_000, section });
const cite004 = (section: string) => ({ document: SEED_004, section });

/** Settings seed 000 recommends for every Alloy deployment size (its River Configuration section). */
const ALLOY_PIPELINE = {
  batch: { sendBatchSize: 8192, sendBatchMaxSize: 16384, timeout: '1s' },
  memoryLimiter: { limit: '1000MiB', spikeLimit: '200MiB', checkInterval: '5s' },
};
const ALLOY_PIPELINE_SOURCES = { batch: cite000(S000.river), memoryLimiter: cite000(S000.river) };
const ALLOY_HPA = { minReplicas: 3, maxReplicas: 15, cpuUtilization: 60 };

export const CATALOG_DATA: RawTier[] = [
  // Seed 000 — Alloy Dynamic Processors: Alloy pods per deployment size. CPU/memory per pod.
  {
    workload: 'alloy', tier: 'small', source: cite000(S000.small), replicas: 1,
    requests: { cpu: '500m', memory: '1Gi' }, storage: '10Gi', throughput: { value: 1000, unit: 'OTLP req/min' },
    monthlyCost: 55, hpa: ALLOY_HPA, ...ALLOY_PIPELINE,
    fieldSources: { ...ALLOY_PIPELINE_SOURCES, hpa: cite000(S000.alloyHpa) },
    notes: ['throughput is the upper bound of the size ("< 1,000 OTLP requests/minute")', 'monthly cost is the whole deployment (AI Sorter + Alloy)'],
  },
  {
    workload: 'alloy', tier: 'medium', source: cite000(S000.medium), replicas: 2,
    requests: { cpu: '1000m', memory: '2Gi' }, limits: { cpu: '4000m', memory: '8Gi' }, storage: '50Gi',
    throughput: { value: 10000, unit: 'OTLP req/min' }, monthlyCost: 240, hpa: ALLOY_HPA, ...ALLOY_PIPELINE,
    fieldSources: { ...ALLOY_PIPELINE_SOURCES, hpa: cite000(S000.alloyHpa), limits: cite000(S000.vertical) },
    notes: ['limits come from the Vertical Scaling example, whose requests (1000m, 2Gi) match this size', 'monthly cost is the whole deployment'],
  },
  {
    workload: 'alloy', tier: 'large', source: cite000(S000.large), replicas: 5,
    requests: { cpu: '2000m', memory: '4Gi' }, storage: '200Gi', throughput: { value: 100000, unit: 'OTLP req/min' },
    monthlyCost: 950, hpa: ALLOY_HPA, ...ALLOY_PIPELINE,
    fieldSources: { ...ALLOY_PIPELINE_SOURCES, hpa: cite000(S000.alloyHpa) },
    notes: ['monthly cost is the whole deployment'],
  },
  {
    workload: 'alloy', tier: 'xlarge', source: cite000(S000.xlarge), replicas: 10,
    requests: { cpu: '4000m', memory: '8Gi' }, storage: '500Gi', throughput: { value: 100000, unit: 'OTLP req/min (lower bound)' },
    monthlyCost: 3850, hpa: ALLOY_HPA, ...ALLOY_PIPELINE,
    fieldSources: { ...ALLOY_PIPELINE_SOURCES, hpa: cite000(S000.alloyHpa) },
    notes: ['"> 100,000 OTLP requests/minute"', 'monthly cost is the whole deployment'],
  },
  // Seed 000 — AI Sorter pods per deployment size.
  { workload: 'ai-sorter', tier: 'small', source: cite000(S000.small), replicas: 1, requests: { cpu: '250m', memory: '512Mi' },
    hpa: { minReplicas: 2, maxReplicas: 20, cpuUtilization: 70, memoryUtilization: 80 }, fieldSources: { hpa: cite000(S000.sorterHpa) } },
  { workload: 'ai-sorter', tier: 'medium', source: cite000(S000.medium), replicas: 2, requests: { cpu: '500m', memory: '1Gi' },
    limits: { cpu: '2000m', memory: '4Gi' },
    hpa: { minReplicas: 2, maxReplicas: 20, cpuUtilization: 70, memoryUtilization: 80 },
    fieldSources: { hpa: cite000(S000.sorterHpa), limits: cite000(S000.vertical) } },
  { workload: 'ai-sorter', tier: 'large', source: cite000(S000.large), replicas: 5, requests: { cpu: '1000m', memory: '2Gi' },
    hpa: { minReplicas: 2, maxReplicas: 20, cpuUtilization: 70, memoryUtilization: 80 }, fieldSources: { hpa: cite000(S000.sorterHpa) } },
  { workload: 'ai-sorter', tier: 'xlarge', source: cite000(S000.xlarge), replicas: 10, requests: { cpu: '2000m', memory: '4Gi' },
    hpa: { minReplicas: 2, maxReplicas: 20, cpuUtilization: 70, memoryUtilization: 80 }, fieldSources: { hpa: cite000(S000.sorterHpa) } },

  // Seed 004 — Avika scaling profiles (default/medium/large/enterprise).
  { workload: 'gateway', tier: 'default', source: cite004('Scaling Overview > Scaling Profiles'), replicas: 1,
    limits: { cpu: '500m', memory: '512Mi' }, throughput: { value: 1000, unit: 'req/s' },
    fieldSources: { limits: cite004('Component Scaling > Gateway Scaling') } },
  { workload: 'gateway', tier: 'medium', source: cite004('Scaling Overview > Scaling Profiles'), replicas: 2, throughput: { value: 10000, unit: 'req/s' } },
  { workload: 'gateway', tier: 'large', source: cite004('Scaling Overview > Scaling Profiles'), replicas: 3, throughput: { value: 50000, unit: 'req/s' } },
  {
    workload: 'gateway', tier: 'enterprise', source: cite004('Component Scaling > Gateway Scaling'), replicas: 5,
    requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' },
    hpa: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 60 }, goMemLimit: '1800MiB', throughput: { value: 100000, unit: 'req/s' },
    fieldSources: { goMemLimit: cite004('Performance Tuning > Gateway Environment Variables'), throughput: cite004('Scaling Overview > Scaling Profiles') },
  },
  { workload: 'clickhouse', tier: 'default', source: cite004('Scaling Overview > Scaling Profiles'), limits: { memory: '2Gi' } },
  { workload: 'clickhouse', tier: 'medium', source: cite004('Scaling Overview > Scaling Profiles'), limits: { memory: '4Gi' } },
  { workload: 'clickhouse', tier: 'large', source: cite004('Scaling Overview > Scaling Profiles'), limits: { memory: '8Gi' } },
  {
    workload: 'clickhouse', tier: 'enterprise', source: cite004('Component Scaling > ClickHouse Scaling'), replicas: 1,
    requests: { cpu: '4', memory: '8Gi' }, limits: { cpu: '8', memory: '16Gi' }, storage: '100Gi',
    clickhouse: {
      maxServerMemoryUsageToRamRatio: 0.8, maxMemoryUsage: 12000000000, maxConnections: 1000, maxConcurrentQueries: 200,
      backgroundPoolSize: 16, backgroundSchedulePoolSize: 16, asyncInsert: true, asyncInsertThreads: 8,
      asyncInsertMaxDataSize: 10000000, asyncInsertBusyTimeoutMs: 50,
    },
    throughput: { value: 100000, unit: 'log rows/s' },
    fieldSources: { storage: cite004('Enterprise Profile > Enterprise Resource Summary'), throughput: cite004('Load Calculations > For 100,000 RPS from 100 Agents') },
  },
  { workload: 'postgresql', tier: 'enterprise', source: cite004('Component Scaling > PostgreSQL Scaling'), replicas: 1,
    limits: { cpu: '2', memory: '2Gi' }, storage: '20Gi', fieldSources: { storage: cite004('Enterprise Profile > Enterprise Resource Summary') } },
  { workload: 'redpanda', tier: 'enterprise', source: cite004('Component Scaling > Redpanda Scaling'), replicas: 3,
    limits: { cpu: '4', memory: '8Gi' }, storage: '50Gi', fieldSources: { storage: cite004('Enterprise Profile > Enterprise Resource Summary') } },
  { workload: 'otel-collector', tier: 'enterprise', source: cite004('Enterprise Profile > Enterprise Resource Summary'), replicas: 2,
    limits: { cpu: '2', memory: '2Gi' } },
  { workload: 'agent', tier: 'high-log-volume', source: cite004('Performance Tuning > Agent Tuning for High Log Volume'),
    limits: { cpu: '500m', memory: '128Mi' }, goMemLimit: '100MiB', throughput: { value: 1000, unit: 'req/s per NGINX instance' } },

  // Seed 001 — MetricStream ingestion layer at 100k RPS.
  { workload: 'ingestion', tier: 'phase-3', source: { document: SEED_001, section: 'Horizontal Scaling Strategy > Auto-Scaling Configuration' },
    replicas: 10, hpa: { minReplicas: 10, maxReplicas: 20, cpuUtilization: 70 }, throughput: { value: 10000, unit: 'req/s per server' },
    fieldSources: { throughput: { document: SEED_001, section: 'Horizontal Scaling Strategy > Scaling Math' } } },

  // Seed 003 — storage operator, by the number of volumes it manages.
  { workload: 'operator', tier: 'small', source: { document: SEED_003, section: '5. Performance Tuning > 5.1 Recommended Settings by Scale' },
    requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' }, notes: ['< 100 volumes'] },
  { workload: 'operator', tier: 'medium', source: { document: SEED_003, section: '5. Performance Tuning > 5.1 Recommended Settings by Scale' },
    requests: { cpu: '200m', memory: '192Mi' }, limits: { cpu: '1000m', memory: '512Mi' }, notes: ['100-500 volumes'] },
  { workload: 'operator', tier: 'large', source: { document: SEED_003, section: '5. Performance Tuning > 5.1 Recommended Settings by Scale' },
    requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2000m', memory: '1Gi' }, notes: ['500+ volumes'] },
];
