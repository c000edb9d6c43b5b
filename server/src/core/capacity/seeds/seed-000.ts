import { type Figure, section } from '../figures';
import type { AlertSizing, Conflict, HpaSizing, LoadBand, LoadMetric, TierSizing } from '../model-types';

// Seed 000 — Alloy Dynamic Processors capacity planning guide: Alloy and the AI Sorter, four deployment
// sizes. The tier tables give one CPU/memory pair per pod; its Vertical Scaling example writes the
// medium pair (1000m/2Gi) under `requests:` with limits 4000m/8Gi, so the tables are read as requests
// and those limits belong to medium only (the conflict is recorded on every tier and named in hovers).

export const SEED_000 = '000_e875b2fa46e39bfd.txt';

const SIZES = {
  small: section(SEED_000, 'Deployment Sizes > Small Deployment (Development/Testing)'),
  medium: section(SEED_000, 'Deployment Sizes > Medium Deployment (Production - Small/Medium Teams)'),
  large: section(SEED_000, 'Deployment Sizes > Large Deployment (Production - Enterprise)'),
  xlarge: section(SEED_000, 'Deployment Sizes > Extra Large Deployment (Production - Global Enterprise)'),
};
type Size = keyof typeof SIZES;
const ALLOY_HPA = section(SEED_000, 'Scaling Strategies > Horizontal Scaling > Alloy Scaling');
const SORTER_HPA = section(SEED_000, 'Scaling Strategies > Horizontal Scaling > AI Sorter Scaling');
const VERTICAL = section(SEED_000, 'Scaling Strategies > Vertical Scaling > Resource Limits and Requests');
const RIVER = section(SEED_000, 'Performance Tuning > Alloy Configuration Optimization > River Configuration');
const SORTER_ENV = section(SEED_000, 'Performance Tuning > AI Sorter Optimization > Environment Variables');
const ALERTS = section(SEED_000, 'Monitoring and Alerting > Key Performance Indicators (KPIs) > Alerting Rules');
export const OTLP_BENCHMARK = section(SEED_000, 'Performance Benchmarks > OTLP Ingestion Performance Characteristics');
export const SORTER_BENCHMARK = section(SEED_000, 'Performance Benchmarks > AI Sorter Performance Characteristics');

/** Workload characteristics bullets: `< 1,000`, `1,000-10,000`, `> 100,000`. */
function band(size: Size, metric: LoadMetric, key: string, printed: [string?, string?]): LoadBand {
  const at = SIZES[size];
  const [low, high] = printed;
  const figure = (p: string) => at.figure(p, 'number', key);
  if (size === 'small') return { metric, max: { figure: figure(high!), inclusive: false } };
  if (size === 'xlarge') return { metric, min: { figure: figure(low!), inclusive: false } };
  return { metric, min: { figure: figure(low!), inclusive: true }, max: { figure: figure(high!), inclusive: true } };
}

const OTLP: Record<Size, [string?, string?]> = { small: [undefined, '1,000'], medium: ['1,000', '10,000'], large: ['10,000', '100,000'], xlarge: ['100,000'] };
const ITEMS: Record<Size, [string?, string?]> = { small: [undefined, '100'], medium: ['100', '1,000'], large: ['1,000', '10,000'], xlarge: ['10,000'] };
const USERS: Record<Size, [string?, string?]> = { small: [undefined, '10'], medium: ['10', '50'], large: ['50', '200'], xlarge: ['200'] };
const KEY_PREFIX: Record<Size, string> = { small: '< #', medium: '#-#', large: '#-#', xlarge: '> #' };

/** The pod rows of a size's Resource Requirements table. */
const PODS: Record<Size, { sorter: [string, string, string]; alloy: [string, string, string, string] }> = {
  small: { sorter: ['250m', '512Mi', '1'], alloy: ['500m', '1Gi', '10Gi', '1'] },
  medium: { sorter: ['500m', '1Gi', '2'], alloy: ['1000m', '2Gi', '50Gi', '2'] },
  large: { sorter: ['1000m', '2Gi', '5'], alloy: ['2000m', '4Gi', '200Gi', '5'] },
  xlarge: { sorter: ['2000m', '4Gi', '10'], alloy: ['4000m', '8Gi', '500Gi', '10'] },
};
/** The Total row and the Estimated Costs bullets (EC2, load balancer, storage, total). */
const TOTALS: Record<Size, { cpu: string; memory: string; storage: string; pods: string; ec2: string; lb?: string; storageCost: string; total: string }> = {
  small: { cpu: '750m', memory: '1.5Gi', storage: '10Gi', pods: '2', ec2: '$50', storageCost: '$5', total: '$55' },
  medium: { cpu: '3000m', memory: '6Gi', storage: '100Gi', pods: '5', ec2: '$200', lb: '$25', storageCost: '$15', total: '$240' },
  large: { cpu: '15000m', memory: '30Gi', storage: '1000Gi', pods: '12', ec2: '$800', lb: '$50', storageCost: '$100', total: '$950' },
  xlarge: { cpu: '60000m', memory: '120Gi', storage: '5000Gi', pods: '23', ec2: '$3,200', lb: '$150', storageCost: '$500', total: '$3,850' },
};
const LOAD_BALANCERS: Partial<Record<Size, string>> = { medium: '1', large: '2', xlarge: '3' };

function deployment(size: Size): NonNullable<TierSizing['deployment']> {
  const at = SIZES[size];
  const t = TOTALS[size];
  const costs: Record<string, Figure> = { 'EC2 instances': at.figure(t.ec2, 'usd', 'EC2 instances: ~#') };
  if (t.lb) costs['Load balancer'] = at.figure(t.lb, 'usd', 'Load Balancer');
  costs.Storage = at.figure(t.storageCost, 'usd', 'Storage');
  if (LOAD_BALANCERS[size]) costs['Load balancer replicas'] = at.figure(LOAD_BALANCERS[size]!, 'number', 'Load Balancer / Replicas');
  return {
    cpu: at.figure(t.cpu, 'cpu', 'Total / CPU'),
    memory: at.figure(t.memory, 'memory', 'Total / Memory'),
    storage: at.figure(t.storage, 'memory', 'Total / Storage'),
    pods: at.figure(t.pods, 'number', 'Total / Replicas'),
    costs,
  };
}

export const ALLOY_PIPELINE = {
  batch: {
    sendBatchSize: RIVER.figure('8192', 'number', 'otelcol.processor.batch.batch_size', { note: 'written `batch_size`, the OpenTelemetry Collector name of Alloy\'s send_batch_size' }),
    sendBatchMaxSize: RIVER.figure('16384', 'number', 'otelcol.processor.batch.send_batch_max_size'),
    timeout: RIVER.figure('1s', 'duration', 'otelcol.processor.batch.timeout'),
  },
  memoryLimiter: {
    limit: RIVER.figure('1000', 'mib', 'otelcol.processor.memory_limiter.limit_mib', { note: 'written `limit_mib = 1000`, the Collector name; Alloy writes limit = "1000MiB"' }),
    spikeLimit: RIVER.figure('200', 'mib', 'otelcol.processor.memory_limiter.spike_limit_mib'),
    checkInterval: RIVER.figure('5s', 'duration', 'otelcol.processor.memory_limiter.check_interval'),
  },
  /**
   * otelcol.receiver.otlp arguments by their Alloy block path; each is an argument of that block in
   * grafana/alloy docs/sources/reference/components/otelcol/otelcol.receiver.otlp.md (commit 66ebea8).
   */
  receiver: {
    'grpc.max_recv_msg_size': RIVER.figure('32MiB', 'bytes', 'otelcol.receiver.otlp.grpc.max_recv_msg_size'),
    'grpc.max_concurrent_streams': RIVER.figure('100', 'number', 'otelcol.receiver.otlp.grpc.max_concurrent_streams'),
    'grpc.read_buffer_size': RIVER.figure('512KiB', 'bytes', 'otelcol.receiver.otlp.grpc.read_buffer_size'),
    'grpc.write_buffer_size': RIVER.figure('512KiB', 'bytes', 'otelcol.receiver.otlp.grpc.write_buffer_size'),
    'http.max_request_body_size': RIVER.figure('32MiB', 'bytes', 'otelcol.receiver.otlp.http.max_request_body_size'),
    'http.read_timeout': RIVER.figure('30s', 'duration', 'otelcol.receiver.otlp.http.read_timeout'),
    'http.write_timeout': RIVER.figure('30s', 'duration', 'otelcol.receiver.otlp.http.write_timeout'),
  } as Record<string, Figure>,
};

const alloyHpa: HpaSizing = {
  minReplicas: ALLOY_HPA.figure('3', 'number', 'spec.minReplicas'),
  maxReplicas: ALLOY_HPA.figure('15', 'number', 'spec.maxReplicas'),
  cpuUtilization: ALLOY_HPA.figure('60', 'percent', 'spec.metrics.resource.target.averageUtilization'),
  podsMetric: { name: 'otlp_requests_per_second', averageValue: ALLOY_HPA.figure('500', 'number', 'spec.metrics.pods.target.averageValue') },
};

const sorterHpa: HpaSizing = {
  minReplicas: SORTER_HPA.figure('2', 'number', 'spec.minReplicas'),
  maxReplicas: SORTER_HPA.figure('20', 'number', 'spec.maxReplicas'),
  cpuUtilization: SORTER_HPA.figure('70', 'percent', 'spec.metrics.resource.target.averageUtilization'),
  memoryUtilization: SORTER_HPA.figure('80', 'percent', 'spec.metrics.resource.target.averageUtilization'),
  scaleUp: {
    stabilizationWindowSeconds: SORTER_HPA.figure('60', 'seconds', 'spec.behavior.scaleUp.stabilizationWindowSeconds'),
    policy: { type: 'Percent', value: SORTER_HPA.figure('100', 'percent', 'spec.behavior.scaleUp.policies.value'), periodSeconds: SORTER_HPA.figure('15', 'seconds', 'spec.behavior.scaleUp.policies.periodSeconds') },
  },
  scaleDown: {
    stabilizationWindowSeconds: SORTER_HPA.figure('300', 'seconds', 'spec.behavior.scaleDown.stabilizationWindowSeconds'),
    policy: { type: 'Percent', value: SORTER_HPA.figure('10', 'percent', 'spec.behavior.scaleDown.policies.value'), periodSeconds: SORTER_HPA.figure('60', 'seconds', 'spec.behavior.scaleDown.policies.periodSeconds') },
  },
};

const sorterEnv: Record<string, Figure> = Object.fromEntries(([
  ['AI_API_TIMEOUT', '30'], ['AI_API_RETRIES', '3'], ['AI_API_BACKOFF_FACTOR', '2'], ['MAX_BATCH_SIZE', '50'], ['MIN_BATCH_SIZE', '5'],
  ['BATCH_TIMEOUT_MS', '1000'], ['HTTP_POOL_CONNECTIONS', '20'], ['HTTP_POOL_MAXSIZE', '20'], ['RESPONSE_CACHE_TTL', '300'], ['RESPONSE_CACHE_SIZE', '1000'],
] as const).map(([name, printed]) => [name, SORTER_ENV.figure(printed, 'number', `env.${name}`)]));

const alloyAlerts: AlertSizing[] = [
  { what: 'p95 response time (s)', comparison: '>', warning: ALERTS.figure('2', 'seconds', 'groups.rules.expr'), for: ALERTS.figure('2m', 'duration', 'groups.rules.for') },
  { what: 'error rate (share of requests)', comparison: '>', critical: ALERTS.figure('0.05', 'number', 'groups.rules.expr'), for: ALERTS.figure('1m', 'duration', 'groups.rules.for') },
];

const verticalAlloy = {
  requests: { cpu: VERTICAL.figure('1000m', 'cpu', 'resources.requests.cpu'), memory: VERTICAL.figure('2Gi', 'memory', 'resources.requests.memory') },
  limits: { cpu: VERTICAL.figure('4000m', 'cpu', 'resources.limits.cpu'), memory: VERTICAL.figure('8Gi', 'memory', 'resources.limits.memory') },
};
const verticalSorter = {
  requests: { cpu: VERTICAL.figure('500m', 'cpu', 'resources.requests.cpu'), memory: VERTICAL.figure('1Gi', 'memory', 'resources.requests.memory') },
  limits: { cpu: VERTICAL.figure('2000m', 'cpu', 'resources.limits.cpu'), memory: VERTICAL.figure('4Gi', 'memory', 'resources.limits.memory') },
};

function verticalConflict(workload: 'Alloy' | 'AI Sorter', table: Figure, vertical: typeof verticalAlloy): Conflict {
  return {
    subject: `${workload} pod memory: tier table vs Vertical Scaling`,
    first: { figure: table, get says() { return `the tier table gives ${table.printed} per pod, without saying request or limit`; } },
    second: { figure: vertical.limits.memory, get says() { return `Vertical Scaling writes ${vertical.requests.cpu.printed} / ${vertical.requests.memory.printed} as the requests and ${vertical.limits.cpu.printed} / ${vertical.limits.memory.printed} as the limits`; } },
    get resolution() { return `tier tables are read as requests (Vertical Scaling's requests equal the medium row); its limits (${vertical.limits.cpu.printed}, ${vertical.limits.memory.printed}) apply to medium only, no limit is invented for the other sizes`; },
  };
}

function alloyTier(size: Size): TierSizing {
  const at = SIZES[size];
  const [cpu, memory, storage, replicas] = PODS[size].alloy;
  const memoryFigure = at.figure(memory, 'memory', 'Alloy / Memory');
  return {
    workload: 'alloy', tier: size, source: at.source,
    load: [band(size, 'otlpRequestsPerMinute', `${KEY_PREFIX[size]} OTLP requests/minute`, OTLP[size]), band(size, 'concurrentUsers', `${KEY_PREFIX[size]} concurrent users`, USERS[size])],
    replicas: at.figure(replicas, 'number', 'Alloy / Replicas'),
    requests: { cpu: at.figure(cpu, 'cpu', 'Alloy / CPU'), memory: memoryFigure },
    ...(size === 'medium' ? { limits: verticalAlloy.limits } : {}),
    storage: at.figure(storage, 'memory', 'Alloy / Storage'),
    hpa: alloyHpa,
    perReplica: { figure: alloyHpa.podsMetric!.averageValue, unit: 'OTLP req/s' },
    ...ALLOY_PIPELINE,
    monthlyCost: at.figure(TOTALS[size].total, 'usd', 'Total'),
    deployment: deployment(size),
    alerts: alloyAlerts,
    conflicts: [verticalConflict('Alloy', memoryFigure, verticalAlloy)],
    notes: ['monthly cost and deployment totals are the whole deployment (AI Sorter + Alloy + load balancers)'],
  };
}

function sorterTier(size: Size): TierSizing {
  const at = SIZES[size];
  const [cpu, memory, replicas] = PODS[size].sorter;
  const memoryFigure = at.figure(memory, 'memory', 'AI Sorter / Memory');
  return {
    workload: 'ai-sorter', tier: size, source: at.source,
    load: [band(size, 'telemetryItemsPerMinute', `${KEY_PREFIX[size]} telemetry items/minute to AI Sorter`, ITEMS[size]), band(size, 'concurrentUsers', `${KEY_PREFIX[size]} concurrent users`, USERS[size])],
    replicas: at.figure(replicas, 'number', 'AI Sorter / Replicas'),
    requests: { cpu: at.figure(cpu, 'cpu', 'AI Sorter / CPU'), memory: memoryFigure },
    ...(size === 'medium' ? { limits: verticalSorter.limits } : {}),
    hpa: sorterHpa,
    env: sorterEnv,
    monthlyCost: at.figure(TOTALS[size].total, 'usd', 'Total'),
    deployment: deployment(size),
    conflicts: [verticalConflict('AI Sorter', memoryFigure, verticalSorter)],
    notes: ['monthly cost and deployment totals are the whole deployment (AI Sorter + Alloy + load balancers)'],
  };
}

const ORDER: Size[] = ['small', 'medium', 'large', 'xlarge'];
export const SEED_000_TIERS: TierSizing[] = [...ORDER.map(alloyTier), ...ORDER.map(sorterTier)];

/** Seed 000 OTLP ingestion benchmark (5KB payloads): per row, the memory in use and the requests per second measured. */
export const OTLP_ROWS = ([['300Mi', '400'], ['600Mi', '800'], ['1.2Gi', '1200'], ['2.0Gi', '1500']] as const)
  .map(([memory, rps], i) => {
    const users = ['20', '50', '100', '200'][i];
    return { memory: OTLP_BENCHMARK.figure(memory, 'memory', `${users} / Memory Usage`), rps: OTLP_BENCHMARK.figure(rps, 'number', `${users} / RPS`) };
  });

/** Seed 000 AI Sorter benchmark (10-item batches): memory in use and requests per second. */
export const SORTER_ROWS = ([['200Mi', '15'], ['350Mi', '25'], ['500Mi', '35'], ['800Mi', '45']] as const)
  .map(([memory, rps], i) => {
    const users = ['5', '10', '20', '50'][i];
    return { memory: SORTER_BENCHMARK.figure(memory, 'memory', `${users} / Memory Usage`), rps: SORTER_BENCHMARK.figure(rps, 'number', `${users} / RPS`) };
  });
