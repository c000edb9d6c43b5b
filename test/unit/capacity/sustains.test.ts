import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCatalog, loadCatalog } from '../../../server/src/core/capacity/catalog';
import { clickhouseSustained, describeSustained, sustainedBy, type PodShape } from '../../../server/src/core/capacity/sustains';

// What a pod spec sustains when no tier or load is stated, per workload, by the documents' benchmark
// tables and formulas: the value, whether it is a lower bound, the tier it fits and the sentence users
// read in the tooltip (the computation with the document's numbers and source).

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const SEED_000 = '000_e875b2fa46e39bfd.txt';
const SEED_002 = '002_36fe083ec8095de5.txt';
const SEED_003 = '003_55bf389a4119086e.txt';
const SEED_004 = '004_8f602a648d2b47bd.txt';
const pod = (fields: { replicas?: number; requests?: PodShape['requests']; limits?: PodShape['limits'] }): PodShape => ({ requests: {}, limits: {}, ...fields });
const sustained = (workload: string, shape: PodShape) => {
  const s = sustainedBy(defaultCatalog, workload, shape);
  return s && { ...s, fits: s.fits?.tier };
};

test('alloy: seed 000\'s OTLP benchmark at the pod\'s memory (limit, else request), × 60 per minute, × replicas', () => {
  // 1024 MiB lies between the 600 MiB (800 req/s) and 1.2 GiB (1200 req/s) rows: 1,070 req/s.
  assert.deepEqual(sustained('alloy', pod({ limits: { memory: 1024 * MiB }, requests: { memory: 600 * MiB } })), {
    metric: 'otlpRequestsPerMinute', value: 1070 * 60, atLeast: false, fits: 'large',
    how: `1,024 MiB per pod: seed 000's benchmark measured 1,070 req/s at that memory in use; 1,070 req/s per pod × 60 × one replica (${SEED_000} § Performance Benchmarks > OTLP Ingestion Performance Characteristics)`,
  });
  const three = sustained('alloy', pod({ replicas: 3, requests: { memory: 600 * MiB } }))!;
  assert.deepEqual([three.value, three.fits], [800 * 60 * 3, 'xlarge']);
  assert.match(three.how, /; 800 req\/s per pod × 60 × 3 replicas \(/);
  // Beyond the largest row: its figure, as a lower bound, said so.
  const big = sustained('alloy', pod({ limits: { memory: 8 * GiB } }))!;
  assert.deepEqual([big.value, big.atLeast, big.fits], [1500 * 60, true, 'large']);
  assert.match(big.how, /^8,192 MiB per pod: seed 000's benchmark measured 1,500 req\/s at that memory in use \(its largest row; it measured no more\); /);
  assert.equal(sustained('alloy', pod({ limits: { cpu: 2 } })), undefined);
});

test('ai-sorter: seed 000\'s AI Sorter benchmark per request, × replicas, as a lower bound of items/minute', () => {
  assert.deepEqual(sustained('ai-sorter', pod({ replicas: 2, limits: { memory: 500 * MiB } })), {
    metric: 'telemetryItemsPerMinute', value: 70, atLeast: false, fits: 'small',
    how: `500 MiB per pod: seed 000's benchmark measured 35 req/s at that memory in use; 35 req/s per pod × 2 replicas (a request carries a batch of items; the tiers count items/minute, so this is a lower bound of the tier) (${SEED_000} § Performance Benchmarks > AI Sorter Performance Characteristics)`,
  });
  assert.equal(sustained('ai-sorter', pod({})), undefined);
});

test('gateway and ingestion: replicas × the document\'s per-replica figure', () => {
  assert.deepEqual(sustained('gateway', pod({ replicas: 2 })), {
    metric: 'agents', value: 40, fits: 'medium',
    how: `2 replicas × ~20 agents each = 40 agents, 40,000 req/s at 1,000 per agent (${SEED_004} § Capacity Planning > Sizing Formula)`,
  });
  assert.match(sustained('gateway', pod({}))!.how, /^one replica × ~20 agents each = 20 agents, 20,000 req\/s/);
  assert.deepEqual(sustained('ingestion', pod({ replicas: 3 })), {
    metric: 'requestsPerSecond', value: 30_000, fits: 'phase-3',
    how: '3 replicas × 10,000 req/s per server (001_ceeee9e23b0c10f7.txt § Horizontal Scaling Strategy > Scaling Math)',
  });
});

test('clickhouse: the largest profile of seed 004\'s table whose memory the pod\'s limit has; the formula named beside it', () => {
  const table = '2Gi ↔ 1k, 4Gi ↔ 10k, 8Gi ↔ 50k, 16Gi ↔ 100k+';
  const formula = (value: string, gb: string) => `seed 004's memory formula (memory_gb = 2 + log_rps / 10000 × 0.5) would give ≈ ${value} for ${gb} GB; its profile table (${table}) is used, being the document's own pairing and the more conservative`;
  assert.deepEqual(sustained('clickhouse', pod({ limits: { memory: 4 * GiB } })), {
    metric: 'logRowsPerSecond', value: 10_000, atLeast: false, fits: 'medium',
    how: `the medium profile pairs 4Gi with 10k (${SEED_004} § Scaling Overview > Scaling Profiles); ${formula('45,899', '4.3')}`,
  });
  // A profile's own memory fits it; the largest is a lower bound.
  assert.deepEqual([sustained('clickhouse', pod({ limits: { memory: 2 * GiB } }))!.fits, sustained('clickhouse', pod({ limits: { memory: 8 * GiB - 1 } }))!.fits], ['default', 'medium']);
  const largest = sustained('clickhouse', pod({ limits: { memory: 16 * GiB } }))!;
  assert.deepEqual([largest.value, largest.atLeast, largest.fits], [100_000, true, 'enterprise']);
  // Below the smallest profile: 0, and the smallest profile named; the formula clamps at 0.
  assert.deepEqual(sustained('clickhouse', pod({ limits: { memory: GiB } })), {
    metric: 'logRowsPerSecond', value: 0, fits: undefined,
    how: `below the smallest profile (2,048 MiB ↔ 1,000); ${formula('0', '1.1')} (${SEED_004} § Capacity Planning > Sizing Formula)`,
  });
  // Only a limit caps ClickHouse's memory: a request alone sustains nothing we can tell.
  assert.equal(sustained('clickhouse', pod({ requests: { memory: 4 * GiB } })), undefined);
  // A catalog without profiles (a workspace's own) says so.
  const none = clickhouseSustained(loadCatalog([]), 4 * GiB);
  assert.match(none.how, /^below the smallest profile \(none\); .* its profile table \(\) is used/);
  // Workspace profiles without figures are written from their values.
  // Only tiers with a memory limit and a log-rows throughput are profiles.
  const ours = loadCatalog([{ workload: 'clickhouse', tier: 'ours', source: { document: 'ours.md', section: 'S' }, limits: { memory: '3Gi' }, throughput: { value: 5000, unit: 'log rows/s' } },
    { workload: 'clickhouse', tier: 'other', source: { document: 'ours.md', section: 'S' }, limits: { memory: '3Gi' }, throughput: { value: 5000, unit: 'rows/s' } },
    { workload: 'clickhouse', tier: 'unlimited', source: { document: 'ours.md', section: 'S' }, throughput: { value: 9000, unit: 'log rows/s' } },
    { workload: 'clickhouse', tier: 'unmeasured', source: { document: 'ours.md', section: 'S' }, limits: { memory: '1Gi' } }]);
  assert.match(clickhouseSustained(ours, 4 * GiB).how, /^the ours profile pairs 3,072 MiB with 5,000 \(ours\.md § S\); .*its profile table \(3,072 MiB ↔ 5,000\) is used/);
  assert.match(clickhouseSustained(ours, 2 * GiB).how, /^below the smallest profile \(3,072 MiB ↔ 5,000\)/);
  // A catalog of another make whose profile has figures, but not for these fields: the values are written.
  const profile = { ...defaultCatalog.get('clickhouse', 'medium')!, figures: {} };
  const other = { workloads: () => ['clickhouse'], tiers: () => [profile], get: () => profile };
  assert.match(clickhouseSustained(other, 5 * GiB).how, /^the medium profile pairs 4,096 MiB with 10,000 \(004_8f602a648d2b47bd\.txt § Scaling Overview > Scaling Profiles\);.*\(4,096 MiB ↔ 10,000\)/);
});

test('operator: the §8.1 row the memory request (else the limit) covers', () => {
  assert.deepEqual(sustained('operator', pod({ requests: { memory: 200 * MiB }, limits: { memory: 900 * MiB } })), {
    metric: 'volumes', value: 250, fits: 'medium',
    how: `memory request 200 MiB covers §8.1's 250-volume row (192Mi) (${SEED_003} § 8. Capacity Planning > 8.1 Resource Calculator)`,
  });
  assert.equal(sustained('operator', pod({ limits: { memory: 300 * MiB } }))!.value, 500);
  assert.equal(sustained('operator', pod({ requests: { memory: 64 * MiB } })), undefined);
  assert.equal(sustained('operator', pod({})), undefined);
});

test('kafka and timescaledb: the highest rate seed 002\'s planner sizes the replicas for; none below its minimum', () => {
  // nodes = max(3, int(rate / 150,000) + 1) stays 3 up to 449,999.
  assert.deepEqual(sustained('kafka', pod({ replicas: 3 })), {
    metric: 'metricsPerSecond', value: 449_999, fits: '100k-servers',
    how: `seed 002's planner sizes 3 replicas for up to 449,999 metrics/s (nodes = max(3, int(rate / 150_000) + 1)) (${SEED_002} § Capacity Planning > Resource Utilization Projections)`,
  });
  assert.equal(sustained('kafka', pod({ replicas: 2 })), undefined);
  assert.equal(sustained('kafka', pod({ replicas: 4 }))!.value, 599_999);
  assert.deepEqual([sustained('timescaledb', pod({ replicas: 2 }))!.value, sustained('timescaledb', pod({}))], [399_999, undefined]);
  assert.equal(sustained('postgresql', pod({ limits: { memory: GiB } })), undefined);
});

test('describeSustained: ≈ or ≥, the value with the metric\'s label, and the tier it fits', () => {
  assert.equal(describeSustained({ metric: 'agents', value: 39.6, how: '' }), '≈ 40 agents');
  assert.equal(describeSustained({ metric: 'logRowsPerSecond', value: 100_000, atLeast: true, how: '', fits: defaultCatalog.get('clickhouse', 'enterprise') }), '≥ 100,000 log rows/s (enterprise tier)');
});
