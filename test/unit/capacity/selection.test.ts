import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCatalog, loadCatalog } from '../../../server/src/core/capacity/catalog';
import { section } from '../../../server/src/core/capacity/figures';
import { LOAD_KEYS, bandSource, describeBand, describeLoad, loadMetricNamed, parseLoadValue, selectTierByLoad } from '../../../server/src/core/capacity/load';
import { chooseTier } from '../../../server/src/core/capacity/choose';
import { loadRequirements } from '../../../server/src/core/capacity/requirements';
import { defaultConfig } from '../../../server/src/core/config';
import type { HeadroomConfig } from '../../../server/src/core/config-types';
import type { Directive } from '../../../server/src/core/directives';
import type { TierRecommendation } from '../../../server/src/core/capacity/catalog-types';

// The load-driven tier choice without the engine: reading a stated load, the band each tier is sized
// for, the tier a load selects and why, the precedence between a directive and the settings, and what a
// load requires by the documents' formulas, with the sentences users read.

const SEED_000 = '000_e875b2fa46e39bfd.txt';
const SEED_004 = '004_8f602a648d2b47bd.txt';
const directiveAt = (line: number, fields: Omit<Directive, 'line' | 'range'>): Directive =>
  ({ line, range: { start: { line, character: 0 }, end: { line, character: 1 } }, ...fields });
const config = (extra: Partial<HeadroomConfig>): HeadroomConfig => ({ ...defaultConfig(), ...extra });

test('a stated load reads numbers with k/M and separators, and rates in /s, /sec, /min, /m, /h converted to the metric\'s own', () => {
  const value = (metric: Parameters<typeof parseLoadValue>[0], text: string) => parseLoadValue(metric, text);
  assert.deepEqual(value('otlpRequestsPerMinute', '40000'), { value: 40_000 });
  assert.deepEqual(value('otlpRequestsPerMinute', '40,000'), { value: 40_000 });
  assert.deepEqual(value('otlpRequestsPerMinute', '40_000'), { value: 40_000 });
  assert.deepEqual(value('otlpRequestsPerMinute', '40k'), { value: 40_000 });
  assert.deepEqual(value('otlpRequestsPerMinute', '40K'), { value: 40_000 });
  assert.deepEqual(value('otlpRequestsPerMinute', '1.5M'), { value: 1_500_000 });
  assert.deepEqual(value('otlpRequestsPerMinute', '2.5'), { value: 2.5 });
  assert.deepEqual(value('otlpRequestsPerMinute', '1.25k'), { value: 1250 });
  // Per-minute metrics: /s × 60, /h ÷ 60; /min and /m as they are.
  assert.deepEqual(value('otlpRequestsPerMinute', '667/s'), { value: 40_020 });
  assert.deepEqual(value('otlpRequestsPerMinute', '10/sec'), { value: 600 });
  assert.deepEqual(value('otlpRequestsPerMinute', '40k/min'), { value: 40_000 });
  assert.deepEqual(value('otlpRequestsPerMinute', '600/m'), { value: 600 });
  assert.deepEqual(value('otlpRequestsPerMinute', '7200/h'), { value: 120 });
  // Per-second metrics: /min ÷ 60, /h ÷ 3600.
  assert.deepEqual(value('logRowsPerSecond', '60000/s'), { value: 60_000 });
  assert.deepEqual(value('logRowsPerSecond', '600/min'), { value: 10 });
  assert.deepEqual(value('requestsPerSecond', '36k/h'), { value: 10 });
  assert.deepEqual(value('metricsPerSecond', '20M'), { value: 20_000_000 });
  // Counts take no rate; nothing at or below 0; anything else is not a load.
  assert.deepEqual(value('agents', '80/s'), { error: 'agents is a count, not a rate: drop "/s"' });
  assert.deepEqual(value('volumes', '5/min'), { error: 'volumes is a count, not a rate: drop "/min"' });
  assert.deepEqual(value('agents', '0'), { error: 'the load must be above 0' });
  const notALoad = { error: '"lots" is not a load: write a number, optionally with k or M and a rate (/s, /min, /h)' };
  assert.deepEqual(value('agents', 'lots'), notALoad);
  for (const text of ['x40', '40x', '40/day', '4 0', '-5', '40kk', '.5']) assert.ok('error' in value('otlpRequestsPerMinute', text), text);
});

test('a directive names a metric by its short or full name; did-you-mean offers both', () => {
  const metrics = [
    ['otlp', 'otlpRequestsPerMinute'], ['items', 'telemetryItemsPerMinute'], ['users', 'concurrentUsers'], ['agents', 'agents'], ['rps', 'requestsPerSecond'],
    ['logs', 'logRowsPerSecond'], ['volumes', 'volumes'], ['metrics', 'metricsPerSecond'], ['servers', 'servers'], ['clients', 'clients'],
  ] as const;
  for (const [short, full] of metrics) {
    assert.equal(loadMetricNamed(short), full);
    assert.equal(loadMetricNamed(full), full);
  }
  assert.equal(loadMetricNamed('otlpRequests'), undefined);
  assert.equal(loadMetricNamed('OTLP'), undefined);
  assert.deepEqual(LOAD_KEYS, [...metrics.map(([short]) => short), ...metrics.map(([, full]) => full)]);
});

test('every metric has the label and rate the documents use', () => {
  assert.equal(describeLoad({
    otlpRequestsPerMinute: 40_000, telemetryItemsPerMinute: 1, concurrentUsers: 2, agents: 80, requestsPerSecond: 3, logRowsPerSecond: 4,
    volumes: 5, metricsPerSecond: 6, servers: 7, clients: 8,
  }), '40,000 OTLP requests/minute, 1 telemetry items/minute, 2 concurrent users, 80 agents, 3 requests/s, 4 log rows/s, 5 volumes, 6 metrics/s, 7 monitored servers, 8 clients');
  assert.equal(describeLoad({ agents: 79.6 }), '80 agents');
  assert.equal(describeLoad({}), '');
  // Which metrics are rates, and per what: a count refuses a rate, a rate converts to its own unit.
  const rates = { otlpRequestsPerMinute: 60, telemetryItemsPerMinute: 60, requestsPerSecond: 1, logRowsPerSecond: 1, metricsPerSecond: 1 } as const;
  for (const [metric, perSecond] of Object.entries(rates)) assert.deepEqual(parseLoadValue(metric as keyof typeof rates, '1/s'), { value: perSecond }, metric);
  for (const metric of ['concurrentUsers', 'agents', 'volumes', 'servers', 'clients'] as const) assert.ok('error' in parseLoadValue(metric, '1/s'), metric);
});

test('a band reads as the document bounds it, and cites where its figures are printed', () => {
  const at = section('bands.md', 'Bands');
  const other = section('bands.md', 'Other');
  const low = { figure: at.figure('1,000', 'number', 'low'), inclusive: true };
  const high = { figure: other.figure('10,000', 'number', 'high'), inclusive: true };
  assert.equal(describeBand({ metric: 'otlpRequestsPerMinute', min: low, max: high }), '1,000–10,000 OTLP requests/minute');
  assert.equal(describeBand({ metric: 'agents', max: high }), '≤ 10,000 agents');
  assert.equal(describeBand({ metric: 'agents', max: { ...high, inclusive: false } }), '< 10,000 agents');
  assert.equal(describeBand({ metric: 'volumes', min: low }), '≥ 1,000 volumes');
  assert.equal(describeBand({ metric: 'volumes', min: { ...low, inclusive: false } }), '> 1,000 volumes');
  assert.equal(describeBand({ metric: 'clients' }), 'clients');
  assert.equal(bandSource({ metric: 'agents', min: low, max: high }).section, 'Other');
  assert.equal(bandSource({ metric: 'agents', min: low }).section, 'Bands');
});

test('selection: the largest tier whose band holds the load; shared ends go to the larger tier; all stated metrics count', () => {
  const pick = (workload: string, load: Parameters<typeof selectTierByLoad>[1]) => selectTierByLoad(defaultCatalog.tiers(workload), load)?.tier.tier;
  assert.equal(pick('alloy', { otlpRequestsPerMinute: 999 }), 'small');
  assert.equal(pick('alloy', { otlpRequestsPerMinute: 1000 }), 'medium');
  assert.equal(pick('alloy', { otlpRequestsPerMinute: 10_000 }), 'large');
  assert.equal(pick('alloy', { otlpRequestsPerMinute: 100_000 }), 'large');
  assert.equal(pick('alloy', { otlpRequestsPerMinute: 100_001 }), 'xlarge');
  assert.equal(pick('alloy', { otlpRequestsPerMinute: 500, concurrentUsers: 60 }), 'large');
  assert.equal(pick('alloy', { concurrentUsers: 60, otlpRequestsPerMinute: 500 }), 'large');
  assert.equal(pick('ai-sorter', { telemetryItemsPerMinute: 5000 }), 'large');
  assert.equal(pick('gateway', { agents: 10 }), 'medium');
  assert.equal(pick('gateway', { agents: 100 }), 'enterprise');
  assert.equal(pick('gateway', { agents: 0.5 }), 'default');
  assert.equal(pick('gateway', { requestsPerSecond: 50_000 }), 'large');
  assert.equal(pick('gateway', { requestsPerSecond: 50_001 }), 'enterprise');
  assert.equal(pick('clickhouse', { logRowsPerSecond: 1000 }), 'default');
  assert.equal(pick('clickhouse', { servers: 90_000 }), '100k-servers');
  assert.equal(pick('operator', { volumes: 99 }), 'small');
  assert.equal(pick('operator', { volumes: 500 }), 'large');
  assert.equal(pick('operator', { volumes: 5000 }), 'enterprise');
  assert.equal(pick('ingestion', { requestsPerSecond: 2253 }), 'phase-1');
  assert.equal(pick('ingestion', { clients: 1000 }), 'phase-2');
  assert.equal(pick('ingestion', { requestsPerSecond: 250_000 }), 'phase-4');
  assert.equal(pick('kafka', { metricsPerSecond: 100 }), '100k-servers');
  const beyond = selectTierByLoad(defaultCatalog.tiers('kafka'), { metricsPerSecond: 1e6 })!;
  assert.equal(beyond.tier.tier, '100k-servers');
  assert.deepEqual(beyond.beyond, ['1,000,000 metrics/s is beyond every kafka tier the documents size']);
  const ignored = selectTierByLoad(defaultCatalog.tiers('alloy'), { agents: 3 });
  assert.equal(ignored, undefined);
  assert.deepEqual(selectTierByLoad(defaultCatalog.tiers('alloy'), { agents: 3, concurrentUsers: 5 })?.ignored, ['agents']);
});

test('selection at the edges of bands: exclusive and inclusive ends, a value below or above every band, the band of the stated metric', () => {
  const at = section('selection.md', 'Bands');
  const bound = (printed: string, inclusive: boolean) => ({ figure: at.figure(printed, 'number', printed), inclusive });
  const tier = (name: string, rank: number, load: TierRecommendation['load']): TierRecommendation => ({ workload: 'w', tier: name, rank, source: at.source, load });
  const pick = (tiers: TierRecommendation[], load: Parameters<typeof selectTierByLoad>[1]) => {
    const s = selectTierByLoad(tiers, load)!;
    return [s.tier.tier, s.beyond.length];
  };
  // `< 1,000` holds 999, not 1,000; `≤ 1,000` holds 1,000.
  const below = [tier('a', 0, [{ metric: 'volumes', max: bound('1,000', false) }])];
  assert.deepEqual(pick(below, { volumes: 999 }), ['a', 0]);
  assert.deepEqual(pick(below, { volumes: 1000 }), ['a', 1]);
  assert.deepEqual(pick([tier('a', 0, [{ metric: 'volumes', max: bound('1,000', true) }])], { volumes: 1000 }), ['a', 0]);
  // Two tiers 10–20 and 20–30: below the first is the first (not beyond), above the last is the last, beyond.
  const ladder = [tier('a', 0, [{ metric: 'volumes', min: bound('10', true), max: bound('20', true) }]), tier('b', 1, [{ metric: 'volumes', min: bound('20', false), max: bound('30', true) }])];
  assert.deepEqual(pick(ladder, { volumes: 5 }), ['a', 0]);
  assert.deepEqual(pick(ladder, { volumes: 50 }), ['b', 1]);
  assert.deepEqual(pick(ladder, { volumes: 20 }), ['a', 0]);
  // The first tier's band for the stated metric decides "below", not its first band.
  const mixed = [tier('a', 0, [{ metric: 'agents', max: bound('5', true) }, { metric: 'volumes', min: bound('10', true), max: bound('20', true) }])];
  assert.deepEqual(pick(mixed, { volumes: 5 }), ['a', 0]);
});

test('selection at the documents\' own band ends: seed 001\'s phases and seed 002\'s 100,000-server scale', () => {
  const pick = (workload: string, load: Parameters<typeof selectTierByLoad>[1]) => {
    const s = selectTierByLoad(defaultCatalog.tiers(workload), load)!;
    return `${s.tier.tier}${s.beyond.length ? ' (beyond)' : ''}`;
  };
  // Each phase carries up to its own RPS, clients and servers; one more is the next phase.
  const ingestion: [Parameters<typeof selectTierByLoad>[1], string][] = [
    [{ requestsPerSecond: 2253 }, 'phase-1'], [{ requestsPerSecond: 2254 }, 'phase-2'], [{ requestsPerSecond: 10_000 }, 'phase-2'],
    [{ requestsPerSecond: 10_001 }, 'phase-3'], [{ requestsPerSecond: 100_000 }, 'phase-3'], [{ requestsPerSecond: 100_001 }, 'phase-4'],
    [{ clients: 100 }, 'phase-1'], [{ clients: 101 }, 'phase-2'], [{ clients: 1000 }, 'phase-2'],
    [{ servers: 10_000 }, 'phase-3'], [{ servers: 10_001 }, 'phase-4'], [{ servers: 50_000 }, 'phase-4'], [{ servers: 50_001 }, 'phase-4 (beyond)'],
  ];
  for (const [load, tier] of ingestion) assert.equal(pick('ingestion', load), tier, JSON.stringify(load));
  for (const workload of ['kafka', 'timescaledb']) {
    assert.equal(pick(workload, { servers: 100_000 }), '100k-servers');
    assert.equal(pick(workload, { servers: 100_001 }), '100k-servers (beyond)');
  }
  assert.equal(pick('kafka', { metricsPerSecond: 333_333 }), '100k-servers');
  assert.equal(pick('kafka', { metricsPerSecond: 333_334 }), '100k-servers (beyond)');
});

test('selection says, per metric, the value, the band it falls in, the tier and the band\'s source', () => {
  const large = selectTierByLoad(defaultCatalog.tiers('alloy'), { otlpRequestsPerMinute: 40_000, concurrentUsers: 5 })!;
  assert.equal(large.tier.tier, 'large');
  assert.deepEqual(large.reasons, [
    `40,000 OTLP requests/minute → large (10,000–100,000 OTLP requests/minute; ${SEED_000} § Deployment Sizes > Large Deployment (Production - Enterprise))`,
    `5 concurrent users → small (< 10 concurrent users; ${SEED_000} § Deployment Sizes > Small Deployment (Development/Testing))`,
  ]);
  assert.deepEqual([large.beyond, large.ignored], [[], []]);
  // Below every band with a lower bound: the smallest tier, and nothing is "beyond".
  const below = selectTierByLoad(defaultCatalog.tiers('gateway'), { agents: 0.5 })!;
  assert.deepEqual([below.tier.tier, below.beyond], ['default', []]);
  assert.match(below.reasons[0], /→ default \(1–10 agents; 004_8f602a648d2b47bd\.txt § Scaling Overview > Scaling Profiles\)$/);
  // Above the last band: the largest tier, and said so.
  const above = selectTierByLoad(defaultCatalog.tiers('ingestion'), { servers: 60_000 })!;
  assert.deepEqual([above.tier.tier, above.beyond], ['phase-4', ['60,000 monitored servers is beyond every ingestion tier the documents size']]);
  // A metric the smallest tier is not sized by is judged against the smallest tier that is.
  const servers = selectTierByLoad(defaultCatalog.tiers('ingestion'), { servers: 20_000 })!;
  assert.deepEqual([servers.tier.tier, servers.beyond], ['phase-4', []]);
  const few = selectTierByLoad(defaultCatalog.tiers('ingestion'), { servers: 5 })!;
  assert.equal(few.tier.tier, 'phase-3');
  // Tiers out of rank order in the list still yield the highest-ranked tier across metrics.
  const mixed = selectTierByLoad(defaultCatalog.tiers('alloy'), { concurrentUsers: 300, otlpRequestsPerMinute: 5 })!;
  assert.equal(mixed.tier.tier, 'xlarge');
});

test('tier choice: directive tier, directive load, tiers.<workload>, load.<workload>, defaultTier, or none', () => {
  const choose = (cfg: HeadroomConfig, directive?: Directive, workload = 'alloy') => {
    const { choice, problems } = chooseTier(defaultCatalog, cfg, workload, directive);
    return { tier: choice?.tier.tier, how: choice?.how, load: choice?.load, reasons: choice?.selection?.reasons.length ?? 0, problems };
  };
  const everything = config({ tiers: { alloy: 'medium' }, load: { alloy: { otlpRequestsPerMinute: 500 } }, defaultTier: 'xlarge' });
  const named = choose(everything, directiveAt(2, { tier: 'large', load: { otlpRequestsPerMinute: 200_000 } }));
  assert.deepEqual(named, { tier: 'large', how: 'the headroom directive on line 3', load: { otlpRequestsPerMinute: 200_000 }, reasons: 1, problems: [] });
  assert.deepEqual(choose(everything, directiveAt(0, { load: { otlpRequestsPerMinute: 200_000 } })),
    { tier: 'xlarge', how: 'the load on line 1 (200,000 OTLP requests/minute)', load: { otlpRequestsPerMinute: 200_000 }, reasons: 1, problems: [] });
  assert.deepEqual(choose(everything), { tier: 'medium', how: 'tiers.alloy in the Headroom settings', load: { otlpRequestsPerMinute: 500 }, reasons: 1, problems: [] });
  assert.deepEqual(choose(config({ load: { alloy: { otlpRequestsPerMinute: 500 } }, defaultTier: 'xlarge' })),
    { tier: 'small', how: 'load.alloy in the Headroom settings (500 OTLP requests/minute)', load: { otlpRequestsPerMinute: 500 }, reasons: 1, problems: [] });
  assert.deepEqual(choose(config({ defaultTier: 'xlarge' })), { tier: 'xlarge', how: 'headroom.defaultTier', load: undefined, reasons: 0, problems: [] });
  assert.deepEqual(choose(config({})), { tier: undefined, how: undefined, load: undefined, reasons: 0, problems: [] });
  // A directive for another workload, a tier the workload lacks, empty loads: each falls through to the next.
  assert.equal(choose(everything, directiveAt(0, { workload: 'gateway', tier: 'enterprise' })).tier, 'medium');
  assert.equal(choose(everything, directiveAt(0, { workload: 'gateway', tier: 'large' })).tier, 'medium');
  assert.equal(choose(everything, directiveAt(0, { workload: 'gateway', load: { otlpRequestsPerMinute: 200_000 } })).how, 'tiers.alloy in the Headroom settings');
  assert.equal(choose(everything, directiveAt(0, { workload: 'alloy', tier: 'large' })).tier, 'large');
  assert.equal(choose(everything, directiveAt(0, { tier: 'huge' })).tier, 'medium');
  assert.equal(choose(config({ tiers: { alloy: 'huge' }, defaultTier: 'small' })).tier, 'small');
  assert.equal(choose(config({ defaultTier: 'huge' })).tier, undefined);
  assert.deepEqual(choose(config({ load: { alloy: {} }, defaultTier: 'small' })), { tier: 'small', how: 'headroom.defaultTier', load: undefined, reasons: 0, problems: [] });
  assert.equal(choose(config({ load: { alloy: { otlpRequestsPerMinute: 50_000 } } }), directiveAt(0, { load: {} })).how, 'load.alloy in the Headroom settings (50,000 OTLP requests/minute)');
  // Settings without tiers or load (a partial settings object from an API caller): nothing chosen, no throw.
  const partial = { ...defaultConfig(), tiers: undefined, load: undefined } as unknown as HeadroomConfig;
  assert.deepEqual(choose(partial), { tier: undefined, how: undefined, load: undefined, reasons: 0, problems: [] });
  assert.equal(choose({ ...partial, defaultTier: 'large' }).tier, 'large');
  // A directive that names a tier and a load: the tier is its, the load (for the requirements) too.
  assert.deepEqual(choose(config({ load: { alloy: { otlpRequestsPerMinute: 500 } } }), directiveAt(4, { tier: 'medium', load: { otlpRequestsPerMinute: 20_000 } })).load, { otlpRequestsPerMinute: 20_000 });
});

test('tier choice reports the metrics of a stated load that no tier of the workload is sized by', () => {
  const agents = chooseTier(defaultCatalog, defaultConfig(), 'alloy', directiveAt(0, { load: { agents: 80 } }));
  assert.equal(agents.choice, undefined);
  assert.deepEqual(agents.problems, ['no alloy tier is sized by agents (agents); its tiers are sized by otlp, users']);
  const mixed = chooseTier(defaultCatalog, config({ load: { gateway: { agents: 80, volumes: 3 } } }), 'gateway');
  assert.equal(mixed.choice?.tier.tier, 'large');
  assert.deepEqual(mixed.problems, ['no gateway tier is sized by volumes (volumes); its tiers are sized by agents, rps']);
  const unsized = chooseTier(defaultCatalog, config({ load: { postgresql: { clients: 5 } } }), 'postgresql');
  assert.deepEqual(unsized.problems, ['no postgresql tier is sized by clients (clients); the documents give its tiers no load']);
  assert.deepEqual(chooseTier(defaultCatalog, config({ load: { alloy: { otlpRequestsPerMinute: 5 } } }), 'alloy').problems, []);
});

test('requirements: what a load needs by the documents\' formulas', () => {
  const fields = (workload: string, load: Parameters<typeof loadRequirements>[1], tier?: string) =>
    loadRequirements(workload, load, tier ? defaultCatalog.get(workload, tier) : undefined).map((r) => `${r.field}=${r.value}`);
  assert.deepEqual(fields('gateway', { agents: 80 }), ['replicas=4']);
  assert.deepEqual(fields('gateway', { requestsPerSecond: 80_000 }, 'enterprise'), ['replicas=4', 'hpa.maxReplicas=4']);
  assert.deepEqual(fields('gateway', { agents: 80, requestsPerSecond: 500_000 }), ['replicas=4']);
  assert.deepEqual(fields('gateway', { logRowsPerSecond: 80_000 }), []);
  assert.deepEqual(fields('ingestion', { requestsPerSecond: 90_000 }, 'phase-3'), ['replicas=9', 'hpa.maxReplicas=9']);
  assert.deepEqual(fields('ingestion', { clients: 90_000 }, 'phase-3'), []);
  assert.equal(loadRequirements('ingestion', { requestsPerSecond: 90_000 })[0].citation.section, 'Horizontal Scaling Strategy > Scaling Math');
  assert.deepEqual(fields('alloy', { otlpRequestsPerMinute: 600_000 }, 'xlarge'), ['hpa.maxReplicas=20']);
  assert.deepEqual(fields('alloy', { otlpRequestsPerMinute: 600_001 }, 'xlarge'), ['hpa.maxReplicas=21']);
  assert.deepEqual(fields('alloy', { otlpRequestsPerMinute: 600_000 }), []);
  assert.deepEqual(fields('alloy', { concurrentUsers: 600 }, 'xlarge'), []);
  assert.deepEqual(fields('ai-sorter', { telemetryItemsPerMinute: 600_000 }, 'xlarge'), []);
  assert.deepEqual(fields('operator', { volumes: 600 }), ['requests.cpu=0.3', `requests.memory=${384 * 2 ** 20}`]);
  assert.deepEqual(fields('kafka', { metricsPerSecond: 600_000 }), ['replicas=5']);
  assert.deepEqual(fields('kafka', { metricsPerSecond: 600_000, servers: 1 }), ['replicas=5']);
  assert.deepEqual(fields('timescaledb', { servers: 100_000 }), ['replicas=2']);
  assert.deepEqual(fields('timescaledb', { volumes: 100_000 }), []);
  assert.deepEqual(fields('clickhouse', { logRowsPerSecond: 60_000 }, 'enterprise'), []);
  assert.deepEqual(fields('clickhouse', { metricsPerSecond: 600_000 }, '100k-servers'), []);
  assert.deepEqual(fields('operator', { agents: 600 }), []);
  // The HPA ceiling from OTLP requests is Alloy's (its HPA scales on them), and needs a tier with that HPA.
  const xlarge = defaultCatalog.get('alloy', 'xlarge')!;
  assert.deepEqual(loadRequirements('ai-sorter', { otlpRequestsPerMinute: 600_000 }, xlarge), []);
  const noHpa = loadCatalog([{ workload: 'alloy', tier: 'ours', source: { document: 'ours.md', section: 'S' }, replicas: 2 }]).get('alloy', 'ours');
  assert.deepEqual(loadRequirements('alloy', { otlpRequestsPerMinute: 600_000 }, noHpa), []);
  // A tier without per-field citations cites itself.
  const bare: TierRecommendation = { workload: 'alloy', tier: 'bare', rank: 0, source: { document: 'ours.md', section: 'S' }, hpa: { podsMetric: { name: 'rps', averageValue: 100 } } };
  assert.deepEqual(loadRequirements('alloy', { otlpRequestsPerMinute: 60_000 }, bare).map((r) => [r.field, r.value, r.citation]), [['hpa.maxReplicas', 10, bare.source]]);
});

test('requirements say how they were computed, with the documents\' numbers, and cite the formula', () => {
  const one = (workload: string, load: Parameters<typeof loadRequirements>[1], tier?: string) => loadRequirements(workload, load, tier ? defaultCatalog.get(workload, tier) : undefined);
  const [agents] = one('gateway', { agents: 80 });
  assert.equal(agents.why, '80 agents at ~20 per replica need 4; seed 004\'s formula adds 1 for headroom (5)');
  assert.deepEqual(agents.citation, { document: SEED_004, section: 'Capacity Planning > Sizing Formula' });
  const [rps, hpa] = one('gateway', { requestsPerSecond: 80_000 }, 'enterprise');
  assert.equal(rps.why, '80,000 req/s at 1,000 per agent (80 agents) at ~20 per replica need 4; seed 004\'s formula adds 1 for headroom (5)');
  assert.deepEqual(hpa, { ...rps, field: 'hpa.maxReplicas' });
  assert.equal(one('ingestion', { requestsPerSecond: 90_000 })[0].why, '90,000 req/s at 10,000 per server need 9; seed 001 adds 2 for redundancy (11)');
  const [ceiling] = one('alloy', { otlpRequestsPerMinute: 600_000 }, 'xlarge');
  assert.equal(ceiling.why, '600,000 OTLP requests/minute is 10,000/s; at the HPA\'s 500 otlp_requests_per_second per pod that is 20 pods');
  assert.deepEqual(ceiling.citation, { document: SEED_000, section: 'Scaling Strategies > Horizontal Scaling > Alloy Scaling' });
  const [cpu, memory] = one('operator', { volumes: 600 });
  assert.equal(cpu.why, '600 volumes: §8.1 recommends 300m / 384Mi (its 750-volume row)');
  assert.deepEqual([memory.why, cpu.citation.section, memory.citation.section], [cpu.why, '8. Capacity Planning > 8.1 Resource Calculator', '8. Capacity Planning > 8.1 Resource Calculator']);
  assert.equal(one('operator', { volumes: 2000 })[0].why, '2,000 volumes: §8.1 recommends 600m / 768Mi (its 2000-volume row)');
  assert.equal(one('operator', { volumes: 3000 })[0].why, '3,000 volumes: §8.1 recommends 600m / 768Mi (its 2000-volume row, the largest it gives); beyond the 2,000 volumes the operator was tested with (003_55bf389a4119086e.txt § 2. Scalability Dimensions > 2.2 Tested Limits)');
  const [kafka] = one('kafka', { metricsPerSecond: 600_000 });
  assert.equal(kafka.why, '600,000 metrics/s: seed 002\'s capacity planner gives 5 kafka nodes (002_36fe083ec8095de5.txt § Capacity Planning > Resource Utilization Projections)');
  assert.equal(kafka.citation.section, 'Capacity Planning > Resource Utilization Projections');
  assert.equal(one('timescaledb', { servers: 100_000 })[0].why, '100,000 servers × 50 metrics / 15s = 333,333 metrics/s: seed 002\'s capacity planner gives 2 timescaledb nodes (002_36fe083ec8095de5.txt § Capacity Planning > Resource Utilization Projections)');
});
