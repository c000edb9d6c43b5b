import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIGURE_REGISTRY, section } from '../../../server/src/core/capacity/figures';
import { MODEL_TIERS, allModelFigures, isFigure, tierFigures } from '../../../server/src/core/capacity/model';
import type { TierSizing } from '../../../server/src/core/capacity/model-types';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';

// The sizing model's own structure: which tiers each workload has, in rank order (the load-driven choice
// takes the largest tier whose band holds a load, so the order is part of the sizing), and how a tier's
// figures are found by field path.

test('the model holds each workload\'s tiers once, smallest first, workloads in the order the catalog lists them', () => {
  const byWorkload = new Map<string, string[]>();
  for (const t of MODEL_TIERS) byWorkload.set(t.workload, [...(byWorkload.get(t.workload) ?? []), t.tier]);
  assert.deepEqual([...byWorkload], [
    ['alloy', ['small', 'medium', 'large', 'xlarge']],
    ['ai-sorter', ['small', 'medium', 'large', 'xlarge']],
    ['gateway', ['default', 'medium', 'large', 'enterprise']],
    ['clickhouse', ['default', 'medium', 'large', 'enterprise', '100k-servers']],
    ['postgresql', ['enterprise']],
    ['redpanda', ['enterprise']],
    ['otel-collector', ['enterprise']],
    ['agent', ['high-log-volume']],
    ['kafka', ['100k-servers']],
    ['timescaledb', ['100k-servers']],
    ['ingestion', ['phase-1', 'phase-2', 'phase-3', 'phase-4']],
    ['operator', ['small', 'medium', 'large', 'enterprise']],
  ]);
  // No tier twice (a duplicate would be replaced in place by the catalog and go unnoticed there).
  assert.equal(new Set(MODEL_TIERS.map((t) => `${t.workload}/${t.tier}`)).size, MODEL_TIERS.length);
  assert.deepEqual(defaultCatalog.workloads(), [...byWorkload.keys()]);
  for (const [workload, tiers] of byWorkload) {
    assert.deepEqual(defaultCatalog.tiers(workload).map((t) => [t.tier, t.rank]), tiers.map((t, rank) => [t, rank]), workload);
  }
});

test('isFigure tells a figure from anything else, null and primitives included', () => {
  const at = section('model.md', 'Figures');
  assert.equal(isFigure(at.figure('5', 'number', 'five')), true);
  assert.equal(isFigure(null), false);
  assert.equal(isFigure(undefined), false);
  assert.equal(isFigure('5'), false);
  assert.equal(isFigure(5), false);
  assert.equal(isFigure({ printed: '5', unit: 'number' }), false);
  assert.equal(isFigure({ printed: '5', source: at.source }), false);
  assert.equal(isFigure({ unit: 'number', source: at.source }), false);
});

test('tierFigures: every figure of a tier by its field path; {figure, unit} pairs read as the field; lists, null and the citation are no fields', () => {
  const at = section('model.md', 'Tier');
  const cpu = at.figure('500m', 'cpu', 'cpu');
  const rps = at.figure('10,000', 'number', 'rps');
  const perServer = at.figure('1,000', 'number', 'per server');
  const band = at.figure('100', 'number', 'band');
  const gogc = at.figure('100', 'number', 'GOGC');
  const target = at.figure('500', 'number', 'target');
  const tier = {
    workload: 'w', tier: 't', source: at.source,
    requests: { cpu },
    throughput: { figure: rps, unit: 'req/s' },
    perReplica: { figure: perServer, unit: 'req/s' },
    env: { GOGC: gogc },
    hpa: { podsMetric: { name: 'otlp_requests_per_second', averageValue: target } },
    load: [{ metric: 'agents', min: { figure: band, inclusive: true } }],
    notes: ['a note'],
    storage: null,
  } as unknown as TierSizing;
  assert.deepEqual(tierFigures(tier), {
    'requests.cpu': cpu, throughput: rps, perReplica: perServer, 'env.GOGC': gogc, 'hpa.podsMetric.averageValue': target,
  });
  // The model's own: ClickHouse's profile throughput is the document's `100k+`, under `throughput`.
  const enterprise = MODEL_TIERS.find((t) => t.workload === 'clickhouse' && t.tier === 'enterprise')!;
  const figures = tierFigures(enterprise);
  assert.equal(figures.throughput.printed, '100k+');
  assert.equal(figures['throughput.figure'], undefined);
  assert.ok(Object.keys(figures).every((path) => !path.startsWith('load') && !path.startsWith('source')));
});

test('allModelFigures: tier fields, load bounds, alert thresholds, both sides of a conflict and wrong arithmetic, each once', () => {
  const at = section('model.md', 'All');
  const f = (key: string) => at.figure('1', 'number', key);
  const [field, low, high, warning, critical, hold, first, second, wrong, onlyMax] = ['field', 'low', 'high', 'warning', 'critical', 'for', 'first', 'second', 'wrong', 'max'].map(f);
  const full = {
    workload: 'w', tier: 'full', source: at.source,
    replicas: field,
    load: [{ metric: 'agents', min: { figure: low, inclusive: true }, max: { figure: high, inclusive: true } }],
    alerts: [{ what: 'CPU', comparison: '>', warning, critical, for: hold }],
    conflicts: [{ subject: 's', first: { figure: first, says: 'a' }, second: { figure: second, says: 'b' }, resolution: 'r' }],
    arithmetic: [{ figure: wrong, says: 'c' }],
  } as unknown as TierSizing;
  // A second tier sharing a figure, with a band bounded above only and an alert with a warning only.
  const partial = {
    workload: 'w', tier: 'partial', source: at.source, replicas: field,
    load: [{ metric: 'agents', max: { figure: onlyMax, inclusive: false } }],
    alerts: [{ what: 'memory', comparison: '>', warning }],
  } as unknown as TierSizing;
  const bare = { workload: 'w', tier: 'bare', source: at.source } as TierSizing;
  assert.deepEqual(allModelFigures([full, partial, bare]), [field, low, high, warning, critical, hold, first, second, wrong, onlyMax]);
  assert.deepEqual(allModelFigures([bare]), []);
  // Over the model: every figure is one the seeds declared, and there are more than the tiers' fields alone.
  const model = allModelFigures();
  assert.equal(new Set(model).size, model.length);
  assert.ok(model.every((figure) => FIGURE_REGISTRY.includes(figure)));
  const fieldsOnly = new Set(MODEL_TIERS.flatMap((t) => Object.values(tierFigures(t))));
  assert.ok(model.length > fieldsOnly.size);
  assert.deepEqual(allModelFigures(), allModelFigures(MODEL_TIERS));
});

test('the model\'s sentences: every conflict, wrong arithmetic, alert and note says something, and each side names the figure it is about', () => {
  let conflicts = 0;
  let arithmetic = 0;
  for (const tier of MODEL_TIERS) {
    const where = `${tier.workload}/${tier.tier}`;
    for (const conflict of tier.conflicts ?? []) {
      conflicts++;
      assert.ok(conflict.subject.length > 0 && conflict.resolution.length > 0, where);
      for (const side of [conflict.first, conflict.second]) assert.ok(side.says.includes(side.figure.printed), `${where} ${conflict.subject}: "${side.says}" names ${side.figure.printed}`);
    }
    for (const wrong of tier.arithmetic ?? []) {
      arithmetic++;
      assert.ok(wrong.says.includes(wrong.figure.printed), `${where}: "${wrong.says}" names ${wrong.figure.printed}`);
    }
    for (const alert of tier.alerts ?? []) {
      assert.ok(alert.what.length > 0, where);
      assert.ok(['>', '<', '='].includes(alert.comparison), `${where} ${alert.what}: ${alert.comparison}`);
      assert.ok(alert.warning ?? alert.critical, `${where} ${alert.what}: a threshold`);
    }
    for (const note of tier.notes ?? []) assert.ok(note.length > 0, where);
    assert.ok(tier.workload.length > 0 && tier.tier.length > 0);
  }
  assert.ok(conflicts > 0 && arithmetic > 0);
});

test('seed 003: §5.1 vs §8.1 and the measured peak conflict only where §5.1 requests less; the reconcile interval only at large scales', () => {
  const operator = (tier: string) => MODEL_TIERS.find((t) => t.workload === 'operator' && t.tier === tier)!;
  const conflicts = (tier: string) => (operator(tier).conflicts ?? []).map((c) => [c.subject, c.first.figure.printed, c.second.figure.printed, c.second.says]);
  assert.deepEqual(conflicts('small'), []);
  // Medium is 100–500 volumes: §5.1's 192Mi is below §8.1's 256Mi for 500; CPU (100m vs 200m row) is not.
  assert.deepEqual(conflicts('medium'), [['operator memory request at 500 volumes', '192Mi', '256Mi', '§8.1 recommends 256Mi for 500 volumes']]);
  // Large is up to 1,000 volumes: 256Mi vs §8.1's 512Mi; and 256Mi is below §3.1's 256 MB peak + §10.2's 20% (307 MB).
  assert.deepEqual(conflicts('large'), [
    ['operator memory request at 1000 volumes', '256Mi', '512Mi', '§8.1 recommends 512Mi for 1000 volumes'],
    ['operator memory request vs measured peak', '256Mi', '256', '§3.1 measures a 256 MB peak, and §10.2 sizes at peak + 20% (307 MB)'],
  ]);
  assert.deepEqual(conflicts('enterprise'), []);
  const env = (tier: string) => operator(tier).env?.RECONCILE_INTERVAL_SECONDS?.value;
  assert.deepEqual(['small', 'medium', 'large', 'enterprise'].map(env), [undefined, undefined, 600, 600]);
});
