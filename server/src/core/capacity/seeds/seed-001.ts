import { section } from '../figures';
import type { AlertSizing, Conflict, HpaSizing, TierSizing } from '../model-types';
// Used only inside getters, when a hover reads them: formulas.ts imports this module's constants.
import { calculateMemoryMb, calculateServerCapacity } from '../formulas';

// Seed 001 — MetricStream capacity planning: the ingestion servers, by roadmap phase. Each phase states
// the load it carries (clients or monitored servers, RPS), the ingestion servers it runs and its cost;
// a server carries 10,000 RPS (CPU-bound). Phase 3 adds the HPA. A phase's band starts above the
// previous phase's load.

export const SEED_001 = '001_ceeee9e23b0c10f7.txt';

const PHASE = {
  1: section(SEED_001, 'Capacity Roadmap > Phase 1: Current (COMPLETE)'),
  2: section(SEED_001, 'Capacity Roadmap > Phase 2: Kafka Integration (Q1 2026)'),
  3: section(SEED_001, 'Capacity Roadmap > Phase 3: Horizontal Scaling (Q2 2026)'),
  4: section(SEED_001, 'Capacity Roadmap > Phase 4: Global Distribution (Q3 2026)'),
};
export const SCALING_MATH = section(SEED_001, 'Horizontal Scaling Strategy > Scaling Math');
const HPA = section(SEED_001, 'Horizontal Scaling Strategy > Auto-Scaling Configuration');
const ALERTS = section(SEED_001, 'Monitoring & Alerting > Capacity Alerts');
export const LIMITS = section(SEED_001, 'Current System Capacity > Single Server Limits (Projected)');
export const MEASURED = section(SEED_001, 'Current System Capacity > Measured Performance (Phase 7)');
export const FORMULAS = section(SEED_001, 'Appendix: Calculation Spreadsheet > Scaling Formulas');

/** A server's capacity: "Single server capacity: 10,000 RPS". */
export const SERVER_RPS = SCALING_MATH.figure('10,000', 'number', 'Single server capacity');
/** "Headroom: Add 2 servers for redundancy → 12 servers total". */
export const REDUNDANCY = SCALING_MATH.figure('2', 'number', 'Headroom');

const hpa: HpaSizing = {
  minReplicas: HPA.figure('10', 'number', 'spec.minReplicas'),
  maxReplicas: HPA.figure('20', 'number', 'spec.maxReplicas'),
  cpuUtilization: HPA.figure('70', 'percent', 'spec.metrics.resource.target.averageUtilization'),
  scaleUp: {
    stabilizationWindowSeconds: HPA.figure('60', 'seconds', 'spec.behavior.scaleUp.stabilizationWindowSeconds'),
    policy: { type: 'Pods', value: HPA.figure('2', 'number', 'spec.behavior.scaleUp.policies.value'), periodSeconds: HPA.figure('60', 'seconds', 'spec.behavior.scaleUp.policies.periodSeconds') },
  },
  scaleDown: {
    stabilizationWindowSeconds: HPA.figure('300', 'seconds', 'spec.behavior.scaleDown.stabilizationWindowSeconds'),
    policy: { type: 'Pods', value: HPA.figure('1', 'number', 'spec.behavior.scaleDown.policies.value'), periodSeconds: HPA.figure('120', 'seconds', 'spec.behavior.scaleDown.policies.periodSeconds') },
  },
};

const alerts: AlertSizing[] = [
  { what: 'CPU', comparison: '>', warning: ALERTS.figure('70%', 'percent', 'Warning (yellow)'), critical: ALERTS.figure('90%', 'percent', 'Critical (red)') },
  { what: 'memory', comparison: '>', warning: ALERTS.figure('80%', 'percent', 'Warning (yellow)'), critical: ALERTS.figure('95%', 'percent', 'Critical (red)') },
  { what: 'p99 response time', comparison: '>', warning: ALERTS.figure('500ms', 'milliseconds', 'Warning (yellow)'), critical: ALERTS.figure('1s', 'duration', 'Critical (red)') },
  { what: 'error rate', comparison: '>', critical: ALERTS.figure('5%', 'percent', 'Critical (red)') },
];

/** Appendix: Calculation Spreadsheet > Scaling Formulas, with its worked examples as printed. */
export const FORMULA_001 = {
  jsonShare: FORMULAS.figure('0.35', 'number', 'total_capacity'),
  exampleCores: FORMULAS.figure('8', 'number', 'capacity'),
  exampleGhz: FORMULAS.figure('3.5', 'number', 'capacity'),
  exampleCycles: FORMULAS.figure('50000', 'number', 'capacity'),
  /** "# Result: ~10,000 RPS": the function gives 1,600,000 for these inputs. */
  exampleCapacity: FORMULAS.figure('10,000', 'number', '', { value: 1_600_000, note: '(8 × 3.5e9 / 50,000) / 0.35 = 1,600,000' }),
  baselineMb: FORMULAS.figure('50', 'number', 'process_baseline'),
  threads: FORMULAS.figure('16', 'number', 'thread_pool'),
  stackMb: FORMULAS.figure('2', 'number', 'thread_pool'),
  kbPerMb: FORMULAS.figure('1024', 'number', 'client_state'),
  exampleClients: FORMULAS.figure('10000', 'number', 'memory_mb'),
  exampleKbPerClient: FORMULAS.figure('1', 'number', 'memory_mb'),
  /** "# Result: 10,082 MB (~10GB)": 50 + 32 + 10,000 × 1 / 1024 = 91.8 MB. */
  exampleMemoryMb: FORMULAS.figure('10,082', 'number', '', { value: 50 + 16 * 2 + 10000 / 1024, note: '50 + 16 × 2 + 10,000 × 1 / 1024 = 91.8 MB' }),
};

/** The 1 Gbps NIC of Single Server Limits: "saturates at ~15 MB/sec"; 1 Gbps is 125 MB/s, as Measured Performance says. */
export const NIC = {
  measured: MEASURED.figure('125', 'number', 'Network.Headroom'),
  limits: LIMITS.figure('15', 'number', 'Network / Limiting Factor', { value: 125, note: '1 Gbps = 1e9 / 8 bytes/s = 125 MB/s' }),
};

/** Wrong arithmetic of the document about a server: printed vs recomputed (hovers say so). */
const F = FORMULA_001;
const WRONG: TierSizing['arithmetic'] = [
  {
    figure: F.exampleMemoryMb,
    get says() {
      const recomputed = calculateMemoryMb(F.exampleClients.value, F.exampleKbPerClient.value);
      return `calculate_memory(${F.exampleClients.printed}, ${F.exampleKbPerClient.printed}) prints ${F.exampleMemoryMb.printed} MB (~10GB); recomputed ${recomputed.toFixed(1)} MB (${F.baselineMb.printed} + ${F.threads.printed} × ${F.stackMb.printed} + ${F.exampleClients.printed} × ${F.exampleKbPerClient.printed} / ${F.kbPerMb.printed}); Headroom derives no memory from it`;
    },
  },
  {
    figure: F.exampleCapacity,
    get says() {
      const recomputed = calculateServerCapacity(F.exampleCores.value, F.exampleGhz.value, F.exampleCycles.value);
      return `calculate_server_capacity(${F.exampleCores.printed}, ${F.exampleGhz.printed}, ${F.exampleCycles.printed}) prints ~${F.exampleCapacity.printed} RPS; recomputed ${recomputed.toLocaleString('en-US')} (÷ ${F.jsonShare.printed} for the JSON share)`;
    },
  },
];

/** Two parts of the document that disagree about a server, named on every phase (hovers show them). */
const ARITHMETIC: Conflict[] = [
  {
    subject: 'per-server capacity',
    first: { figure: SERVER_RPS, says: `Scaling Math sizes a server at ${SERVER_RPS.printed} RPS (CPU-bound, from 2,253 RPS measured at 45% CPU)` },
    second: {
      figure: FORMULA_001.exampleCapacity,
      // A getter, as in WRONG above: the first toLocaleString of a process loads ICU's number
      // formatting (20-30 ms), which start-up does not need.
      get says() {
        return `its calculate_server_capacity(8, 3.5, 50000) prints ~${FORMULA_001.exampleCapacity.printed} RPS; recomputed ${FORMULA_001.exampleCapacity.value.toLocaleString('en-US')}`;
      },
    },
    resolution: `the stated ${SERVER_RPS.printed} RPS per server is used; the formula is not`,
  },
  {
    subject: '1 Gbps NIC bandwidth',
    first: { figure: NIC.measured, says: `Measured Performance: 1 Gbps NIC = ${NIC.measured.printed} MB/sec` },
    second: { figure: NIC.limits, says: `Single Server Limits: "1 Gbps NIC saturates at ~${NIC.limits.printed} MB/sec"; 1 Gbps is ${NIC.limits.value} MB/s` },
    resolution: `${NIC.measured.printed} MB/s is used; the network is not the limiting factor at 10,000 RPS either way`,
  },
];

const perReplica = { figure: SERVER_RPS, unit: 'req/s' };

export const SEED_001_TIERS: TierSizing[] = [
  {
    workload: 'ingestion', tier: 'phase-1', source: PHASE[1].source,
    load: [
      { metric: 'requestsPerSecond', max: { figure: PHASE[1].figure('2,253', 'number', '# RPS'), inclusive: true } },
      { metric: 'clients', max: { figure: PHASE[1].figure('100', 'number', '# clients'), inclusive: true } },
    ],
    replicas: PHASE[1].figure('1', 'number', '# × c6i.2xlarge (#/month)'),
    throughput: { figure: PHASE[1].figure('2,253', 'number', '# RPS'), unit: 'req/s' },
    perReplica,
    monthlyCost: PHASE[1].figure('$73', 'usd', '# × c6i.2xlarge (#/month)'),
    alerts,
    conflicts: ARITHMETIC,
    arithmetic: WRONG,
  },
  {
    workload: 'ingestion', tier: 'phase-2', source: PHASE[2].source,
    load: [
      { metric: 'requestsPerSecond', min: { figure: PHASE[1].figure('2,253', 'number', '# RPS'), inclusive: false }, max: { figure: PHASE[2].figure('10,000', 'number', '# RPS'), inclusive: true } },
      { metric: 'clients', min: { figure: PHASE[1].figure('100', 'number', '# clients'), inclusive: false }, max: { figure: PHASE[2].figure('1,000', 'number', '# clients'), inclusive: true } },
    ],
    replicas: PHASE[2].figure('1', 'number', '# × c6i.2xlarge (ingestion) = #'),
    throughput: { figure: PHASE[2].figure('10,000', 'number', '# RPS'), unit: 'req/s' },
    perReplica,
    monthlyCost: PHASE[2].figure('$1,423', 'usd', 'Total'),
    alerts,
    conflicts: ARITHMETIC,
    arithmetic: WRONG,
  },
  {
    workload: 'ingestion', tier: 'phase-3', source: PHASE[3].source,
    load: [
      { metric: 'requestsPerSecond', min: { figure: PHASE[2].figure('10,000', 'number', '# RPS'), inclusive: false }, max: { figure: PHASE[3].figure('100,000', 'number', '# RPS'), inclusive: true } },
      { metric: 'servers', max: { figure: PHASE[3].figure('10,000', 'number', '# servers'), inclusive: true } },
    ],
    replicas: PHASE[3].figure('10', 'number', '# ingestion servers'),
    hpa,
    throughput: { figure: PHASE[3].figure('100,000', 'number', '# RPS'), unit: 'req/s' },
    perReplica,
    monthlyCost: PHASE[3].figure('$5,614', 'usd', 'Total'),
    alerts,
    conflicts: [{
      subject: 'ingestion servers at 100,000 RPS',
      first: { figure: PHASE[3].figure('10', 'number', '# ingestion servers'), says: 'the roadmap, the cost table and the HPA minimum run 10 servers' },
      second: { figure: SCALING_MATH.figure('12', 'number', 'Headroom'), says: 'Scaling Math adds 2 for redundancy: 12 servers at 83%' },
      resolution: 'replicas must reach 10 (ceil(RPS / 10,000)); the 2 for redundancy are shown as headroom',
    }, ...ARITHMETIC],
    arithmetic: WRONG,
  },
  {
    workload: 'ingestion', tier: 'phase-4', source: PHASE[4].source,
    load: [
      { metric: 'requestsPerSecond', min: { figure: PHASE[3].figure('100,000', 'number', '# RPS'), inclusive: false } },
      { metric: 'servers', min: { figure: PHASE[3].figure('10,000', 'number', '# servers'), inclusive: false }, max: { figure: PHASE[4].figure('50,000', 'number', '# servers'), inclusive: true } },
    ],
    throughput: { figure: PHASE[4].figure('500,000', 'number', '# RPS'), unit: 'req/s' },
    perReplica,
    monthlyCost: PHASE[4].figure('$18,842', 'usd', 'Total'),
    alerts,
    conflicts: [{
      subject: 'phase 4 capacity',
      first: { figure: PHASE[4].figure('500,000', 'number', '# RPS'), says: 'phase 4 claims 500,000 RPS' },
      second: { figure: PHASE[4].figure('3', 'number', '# regions × # = #'), says: 'it prices 3 regions × the phase 3 infrastructure, which carries 100,000 RPS each: 300,000' },
      resolution: 'replicas are checked per region against ceil(RPS / 10,000); the 500,000 figure is shown, not relied on',
    }, ...ARITHMETIC],
    arithmetic: WRONG,
    notes: ['three regions, each a phase 3 deployment'],
  },
];

