import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { FIGURE_REGISTRY, type Figure } from '../../../server/src/core/capacity/figures';
import { MODEL_TIERS, isFigure } from '../../../server/src/core/capacity/model';
import '../../../server/src/core/capacity/formulas';
import * as seed000 from '../../../server/src/core/capacity/seeds/seed-000';
import * as seed001 from '../../../server/src/core/capacity/seeds/seed-001';
import * as seed002 from '../../../server/src/core/capacity/seeds/seed-002';
import * as seed003 from '../../../server/src/core/capacity/seeds/seed-003';
import * as seed004 from '../../../server/src/core/capacity/seeds/seed-004';
import { LOAD_METRIC_NAMES } from '../../../server/src/core/capacity/load';
import type { LoadBand, TierSizing } from '../../../server/src/core/capacity/model-types';
import { needsShared, seedPath } from '../../helpers/shared';

// The seed data's shape, pinned per tier: every encoded figure is reachable from the model (so a tier
// field dropped from a seed is noticed without the 26 s usage test), the unit of each throughput (it
// decides what a rate is compared with), the HPA policy types, which tiers carry limits, conflicts,
// arithmetic and notes, and the inclusive ends of the load bands as the documents word their ranges.

const tier = (workload: string, name: string): TierSizing => {
  const found = MODEL_TIERS.find((t) => t.workload === workload && t.tier === name);
  assert.ok(found, `${workload}/${name} is a model tier`);
  return found;
};

/** Figures reachable through an object graph (getters are sentences, not read). */
function reachable(roots: unknown[]): Set<Figure> {
  const reached = new Set<Figure>();
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (isFigure(value)) reached.add(value);
    for (const key of Object.keys(value)) {
      if (Object.getOwnPropertyDescriptor(value, key)?.get) continue;
      walk((value as Record<string, unknown>)[key]);
    }
  };
  roots.forEach(walk);
  return reached;
}

test('every figure a seed encodes is reachable from a model tier, a seed constant the formulas read, or a conflict sentence of its section', () => {
  // Roots: the tiers (fields, bands, alerts, HPA behaviour, conflicts, arithmetic) and the seeds'
  // exported constants other than their tier lists (formula constants, benchmark rows, pipeline values).
  const constants = [seed000, seed001, seed002, seed003, seed004].flatMap((m) => Object.entries(m).filter(([name]) => !name.endsWith('_TIERS')).map(([, value]) => value));
  const reached = reachable([MODEL_TIERS, ...constants]);
  // A figure only a conflict's sentence names (Vertical Scaling's requests) counts when a figure of that
  // conflict stands in the same section and the sentence prints its token.
  const conflicts = MODEL_TIERS.flatMap((t) => t.conflicts ?? []);
  const named = (f: Figure) => conflicts.some((c) => [c.first.figure, c.second.figure].some((g) => g.source.document === f.source.document && g.source.section === f.source.section)
    && [c.first.says, c.second.says, c.resolution].some((sentence) => sentence.includes(f.printed)));
  const seedFigures = FIGURE_REGISTRY.filter((f) => /^\d{3}_.*\.txt$/.test(f.source.document));
  const lost = seedFigures.filter((f) => !reached.has(f) && !named(f));
  assert.deepEqual(lost.map((f) => `${f.source.document.slice(0, 3)} [${f.source.section}] "${f.key}" ${f.printed}`), []);
  assert.ok(seedFigures.length > 400);
});

test('each throughput and per-replica rate names what it counts (a rate is compared only with a load of its unit)', () => {
  const throughput: Record<string, string> = {
    'gateway/default': 'req/s', 'gateway/medium': 'req/s', 'gateway/large': 'req/s', 'gateway/enterprise': 'req/s',
    // Seed 004: "each request = 1 log entry", so ClickHouse's RPS are log rows per second.
    'clickhouse/default': 'log rows/s', 'clickhouse/medium': 'log rows/s', 'clickhouse/large': 'log rows/s', 'clickhouse/enterprise': 'log rows/s',
    'agent/high-log-volume': 'req/s per NGINX instance',
    // Seed 002's targets: Kafka's max_throughput is messages, TimescaleDB's writes inserts, ClickHouse's aggregated rows.
    'kafka/100k-servers': 'messages/s', 'timescaledb/100k-servers': 'inserts/s', 'clickhouse/100k-servers': 'aggregated rows/s',
    'ingestion/phase-1': 'req/s', 'ingestion/phase-2': 'req/s', 'ingestion/phase-3': 'req/s', 'ingestion/phase-4': 'req/s',
  };
  const actual = Object.fromEntries(MODEL_TIERS.filter((t) => t.throughput).map((t) => [`${t.workload}/${t.tier}`, t.throughput!.unit]));
  assert.deepEqual(actual, throughput);
  // The phases' throughput is the roadmap's "# RPS" of that phase.
  for (const [phase, rps] of [[1, 2253], [2, 10_000], [3, 100_000], [4, 500_000]] as const) {
    const t = tier('ingestion', `phase-${phase}`);
    assert.equal(t.throughput!.figure.value, rps);
    assert.equal(t.throughput!.figure.key, '# RPS');
  }
  const perReplica = Object.fromEntries(MODEL_TIERS.filter((t) => t.perReplica).map((t) => [`${t.workload}/${t.tier}`, t.perReplica!.unit]));
  // Seed 000's Alloy HPA scales on otlp_requests_per_second; seed 001's servers on RPS.
  for (const size of ['small', 'medium', 'large', 'xlarge']) assert.equal(perReplica[`alloy/${size}`], 'OTLP req/s');
  for (const phase of [1, 2, 3, 4]) assert.equal(perReplica[`ingestion/phase-${phase}`], 'req/s');
});

test('HPA scaling policies keep the type the documents write (Percent for the AI Sorter, Pods for seed 001)', () => {
  for (const size of ['small', 'medium', 'large', 'xlarge']) {
    const hpa = tier('ai-sorter', size).hpa!;
    assert.equal(hpa.scaleUp?.policy?.type, 'Percent');
    assert.equal(hpa.scaleUp?.policy?.value.value, 100);
    assert.equal(hpa.scaleDown?.policy?.type, 'Percent');
    assert.equal(hpa.scaleDown?.policy?.value.value, 10);
  }
  const phase3 = tier('ingestion', 'phase-3').hpa!;
  assert.equal(phase3.scaleUp?.policy?.type, 'Pods');
  assert.equal(phase3.scaleUp?.policy?.value.value, 2);
  assert.equal(phase3.scaleDown?.policy?.type, 'Pods');
  assert.equal(phase3.scaleDown?.policy?.value.value, 1);
});

test('seed 000: Vertical Scaling\'s limits belong to the medium size only, for Alloy and the AI Sorter; every size names the conflict', () => {
  for (const workload of ['alloy', 'ai-sorter']) {
    for (const size of ['small', 'large', 'xlarge']) assert.equal(tier(workload, size).limits, undefined, `${workload}/${size}`);
    const medium = tier(workload, 'medium').limits!;
    assert.equal(medium.memory!.source.section, medium.cpu!.source.section);
    assert.match(medium.memory!.key, /^resources\.limits\.memory$/);
    const subject = `${workload === 'alloy' ? 'Alloy' : 'AI Sorter'} pod memory: tier table vs Vertical Scaling`;
    for (const size of ['small', 'medium', 'large', 'xlarge']) {
      const t = tier(workload, size);
      assert.deepEqual(t.conflicts?.map((c) => c.subject), [subject]);
      assert.match(t.notes?.[0] ?? '', /whole deployment \(AI Sorter \+ Alloy \+ load balancers\)/);
    }
  }
  // The cost lines the report prints by name.
  assert.deepEqual(Object.keys(tier('alloy', 'small').deployment!.costs!), ['EC2 instances', 'Storage']);
  assert.deepEqual(Object.keys(tier('alloy', 'large').deployment!.costs!), ['EC2 instances', 'Load balancer', 'Storage', 'Load balancer replicas']);
  assert.equal(tier('alloy', 'large').deployment!.costs!['Load balancer replicas'].value, 2);
  // The pipeline figures keyed by the otelcol field say how Alloy writes them (hovers show the note).
  assert.match(seed000.ALLOY_PIPELINE.batch.sendBatchSize.note ?? '', /`batch_size`.*Alloy's send_batch_size/);
  assert.match(seed000.ALLOY_PIPELINE.memoryLimiter.limit.note ?? '', /Alloy writes limit = "1000MiB"/);
});

test('seed 001: every phase carries the wrong arithmetic and the two per-server conflicts; phases 3 and 4 their own', () => {
  for (const phase of [1, 2, 3, 4]) {
    const t = tier('ingestion', `phase-${phase}`);
    assert.deepEqual(t.arithmetic?.map((a) => a.says.split('(')[0]), ['calculate_memory', 'calculate_server_capacity']);
    assert.equal(t.alerts?.length, 4);
    assert.deepEqual(t.alerts?.map((a) => a.what), ['CPU', 'memory', 'p99 response time', 'error rate']);
    const subjects = t.conflicts?.map((c) => c.subject) ?? [];
    assert.ok(subjects.includes('per-server capacity') && subjects.includes('1 Gbps NIC bandwidth'), `phase ${phase}`);
  }
  assert.ok(tier('ingestion', 'phase-3').conflicts?.some((c) => c.subject === 'ingestion servers at 100,000 RPS'));
  assert.ok(tier('ingestion', 'phase-4').conflicts?.some((c) => c.subject === 'phase 4 capacity'));
  assert.match(tier('ingestion', 'phase-4').notes?.[0] ?? '', /three regions/);
  for (const name of ['exampleCores', 'exampleGhz', 'exampleCapacity', 'exampleMemoryMb'] as const) assert.equal(seed001.FORMULA_001[name].key, name === 'exampleCores' || name === 'exampleGhz' ? 'capacity' : '');
  assert.match(seed001.FORMULA_001.exampleCapacity.note ?? '', /8 × 3\.5e9/);
  assert.match(seed001.FORMULA_001.exampleMemoryMb.note ?? '', /50 \+ 16/);
  assert.match(seed001.NIC.limits.note ?? '', /1 Gbps = 1e9 \/ 8/);
});

test('seed 002: hardware per node, the ClickHouse RAM share and the notes on what replicas count', () => {
  assert.equal(tier('kafka', '100k-servers').hardware?.memory?.value, 32e9);
  assert.equal(tier('timescaledb', '100k-servers').hardware?.nodes?.value, 2);
  assert.equal(tier('clickhouse', '100k-servers').hardware?.nodes?.value, 3);
  assert.match(tier('clickhouse', '100k-servers').clickhouse?.maxServerMemoryUsageToRamRatio?.note ?? '', /Allocate 80% of RAM/);
  assert.match(tier('timescaledb', '100k-servers').notes?.[0] ?? '', /primaries.*read replicas/);
  assert.match(tier('clickhouse', '100k-servers').notes?.[0] ?? '', /per shard.*shard count/);
  // "scale_requirements: servers: 100_000": the target is sized for up to and including that many servers.
  for (const workload of ['kafka', 'timescaledb', 'clickhouse']) {
    for (const band of tier(workload, '100k-servers').load ?? []) assert.equal(band.max?.inclusive, true, `${workload} ${band.metric}`);
  }
});

/** A band's ends as a document's range cell words them: `< 100`, `100 - 500`, `1-10`, `1000+`. */
function endsOfCell(cell: string): { min?: [number, boolean]; max?: [number, boolean] } {
  const text = cell.replace(/,/g, '').trim();
  let m: RegExpExecArray | null;
  if ((m = /^<\s*(\d+)$/.exec(text))) return { max: [Number(m[1]), false] };
  if ((m = /^(\d+)\s*-\s*(\d+)$/.exec(text))) return { min: [Number(m[1]), true], max: [Number(m[2]), true] };
  if ((m = /^(\d+)\+$/.exec(text))) return { min: [Number(m[1]), true] };
  throw new Error(`no range in "${cell}"`);
}
const endsOfBand = (band: LoadBand) => ({
  ...(band.min ? { min: [band.min.figure.value, band.min.inclusive] as [number, boolean] } : {}),
  ...(band.max ? { max: [band.max.figure.value, band.max.inclusive] as [number, boolean] } : {}),
});
/** The cell of `column` in the table row whose first cell is `row` (bold marks removed). */
function cellOf(document: string, row: string, column: number): string {
  const line = fs.readFileSync(seedPath(document), 'utf8').split('\n').find((l) => l.replace(/\*/g, '').startsWith(`| ${row} |`));
  assert.ok(line, `${document}: row ${row}`);
  return line.split('|')[column + 1].trim();
}

test('seed 003: the operator\'s volume bands end where §Scale Volume Count puts them (`< 100`, `100 - 500`, `500 - 1000`, `1000+`)', needsShared('seeds'), () => {
  for (const [scale, row] of [['small', 'Small'], ['medium', 'Medium'], ['large', 'Large'], ['enterprise', 'Enterprise']] as const) {
    const band = tier('operator', scale).load!.find((b) => b.metric === 'volumes')!;
    assert.deepEqual(endsOfBand(band), endsOfCell(cellOf(seed003.SEED_003, row, 1)), scale);
  }
});

test('seed 004: the profiles\' agent bands include both ends the table writes (`1-10`, `10-50`, `50-100`, `100+`)', needsShared('seeds'), () => {
  for (const profile of ['default', 'medium', 'large', 'enterprise']) {
    for (const workload of ['gateway', 'clickhouse']) {
      const band = tier(workload, profile).load!.find((b) => b.metric === 'agents')!;
      assert.deepEqual(endsOfBand(band), endsOfCell(cellOf(seed004.SEED_004, profile, 1)), `${workload}/${profile}`);
    }
  }
});

test('seed 004: ClickHouse environment per profile (Default column for default, Enterprise for enterprise, none between); enterprise-only workloads keyed by their values', () => {
  assert.equal(tier('clickhouse', 'default').env?.CH_FLUSH_INTERVAL_MS?.value, 100);
  assert.equal(tier('clickhouse', 'enterprise').env?.CH_FLUSH_INTERVAL_MS?.value, 50);
  for (const profile of ['medium', 'large']) assert.equal(tier('clickhouse', profile).env, undefined, profile);
  // The profile table's enterprise cells ("5+", "16Gi+") give way to the enterprise values' exact figures.
  assert.equal(tier('gateway', 'enterprise').replicas?.key, 'gateway.replicaCount');
  assert.equal(tier('clickhouse', 'enterprise').limits?.memory?.key, 'clickhouse.resources.limits.memory');
  const keys = (t: TierSizing) => [t.replicas?.key, t.limits?.cpu?.key, t.limits?.memory?.key, t.storage?.key];
  assert.deepEqual(keys(tier('postgresql', 'enterprise')), ['PostgreSQL / Replicas', 'postgresql.primary.resources.limits.cpu', 'postgresql.primary.resources.limits.memory', 'PostgreSQL / Storage']);
  assert.deepEqual(keys(tier('redpanda', 'enterprise')), ['redpanda.replicaCount', 'redpanda.resources.limits.cpu', 'redpanda.resources.limits.memory', 'Redpanda / Storage']);
  assert.deepEqual(keys(tier('otel-collector', 'enterprise')), ['OTel Collector / Replicas', 'OTel Collector / CPU', 'OTel Collector / Memory', undefined]);
  assert.equal(tier('postgresql', 'enterprise').storage?.value, 20 * 2 ** 30);
  assert.equal(tier('redpanda', 'enterprise').storage?.value, 50 * 2 ** 30);
});

test('every load band measures a metric a directive or setting can state', () => {
  for (const t of MODEL_TIERS) for (const band of t.load ?? []) assert.ok(LOAD_METRIC_NAMES.includes(band.metric), `${t.workload}/${t.tier}: "${band.metric}"`);
  for (const size of ['small', 'medium', 'large', 'xlarge']) {
    assert.deepEqual(tier('alloy', size).load?.map((b) => b.metric), ['otlpRequestsPerMinute', 'concurrentUsers']);
    assert.deepEqual(tier('ai-sorter', size).load?.map((b) => b.metric), ['telemetryItemsPerMinute', 'concurrentUsers']);
  }
});

test('seed 003: above 1,000 volumes the operator requests §8.1\'s 2,000-volume row (600m, 768Mi), cited to §8.1', () => {
  const enterprise = tier('operator', 'enterprise');
  assert.equal(enterprise.source.section, seed003.CALCULATOR.source.section);
  const top = seed003.CALCULATOR_ROWS[seed003.CALCULATOR_ROWS.length - 1];
  assert.equal(top.volumes.value, 2000);
  assert.equal(enterprise.requests?.cpu, top.cpu);
  assert.equal(enterprise.requests?.memory, top.memory);
  assert.equal(enterprise.limits, undefined);
});
