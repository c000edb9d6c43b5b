import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { HeadroomEngine } from '../../../server/src/core/engine';
import { ALL_FORMATS } from '../../../server/src/core/formats';
import { citeField, defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { mergeConfig } from '../../../server/src/core/config';
import type { HeadroomConfig } from '../../../server/src/core/config-types';
import { buildCapacityReport, NO_NAMESPACE, type CapacityReport, type ResourceRange, type WorkloadEntry } from '../../../server/src/core/report/model';
import { renderHtml, renderJson, renderMarkdown } from '../../../server/src/core/report/render';
import { chartRows } from '../../../server/src/core/report/text';
import { chooseTier } from '../../../server/src/core/capacity/choose';
import { loadRequirements } from '../../../server/src/core/capacity/requirements';
import type { DocumentFacts } from '../../../server/src/core/workspace';
import { fixturePath } from '../../helpers/paths';

const FILES = ['alloy-deployment.yaml', 'alloy-hpa.yaml', 'unknown-app.yaml', 'values.yaml', 'pipeline.alloy', 'config.xml'];

async function factsOf(config: HeadroomConfig, files = FILES): Promise<DocumentFacts[]> {
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, config });
  await engine.init();
  for (const name of files) engine.open({ uri: pathToFileURL(fixturePath('report', name)).href, text: fs.readFileSync(fixturePath('report', name), 'utf8') });
  const facts = [...engine.all()];
  for (const uri of engine.uris()) engine.close(uri);
  return facts;
}

async function reportOf(config: HeadroomConfig, files = FILES): Promise<CapacityReport> {
  return buildCapacityReport(await factsOf(config, files), defaultCatalog, config);
}

const withSettings = () => mergeConfig({ tiers: { clickhouse: 'large' } } as never, undefined);
const named = (report: CapacityReport, kind: string, name: string): WorkloadEntry => {
  const entry = report.workloads.find((w) => w.kind === kind && w.name === name);
  assert.ok(entry, `${kind} ${name} is in the report: ${report.workloads.map((w) => `${w.kind} ${w.name}`).join(', ')}`);
  return entry;
};

test('every workload of the workspace is reported, pods first, then the Alloy and ClickHouse configs', async () => {
  const report = await reportOf(withSettings());
  assert.deepEqual(report.workloads.map((w) => `${w.kind} ${w.name}`), [
    'Deployment alloy', 'Deployment shop-frontend', 'HelmValues clickhouse', 'ClickHouseServer config.xml', 'AlloyPipeline pipeline.alloy',
  ]);
  assert.equal(report.schema, 'headroom-capacity-report/1');
});

test('tier reasons: a directive, the workspace settings, the default tier, none stated — never invented', async () => {
  const report = await reportOf(withSettings());
  assert.deepEqual(named(report, 'Deployment', 'alloy').tier, {
    workload: 'alloy', reason: 'directive', how: 'the headroom directive on line 3', name: 'medium', source: defaultCatalog.get('alloy', 'medium')!.source,
  });
  const clickhouse = named(report, 'HelmValues', 'clickhouse').tier;
  assert.equal(clickhouse.reason, 'settings');
  assert.equal(clickhouse.name, 'large');
  assert.equal(clickhouse.how, 'tiers.clickhouse in the Headroom settings');
  const unknown = named(report, 'Deployment', 'shop-frontend');
  assert.equal(unknown.tier.reason, 'none');
  assert.equal(unknown.tier.name, undefined);
  assert.equal(unknown.recommended, undefined);
  assert.deepEqual(unknown.comparisons, []);

  const bare = await reportOf(mergeConfig(undefined, undefined), ['values.yaml']);
  const { tier, sustained } = bare.workloads[0];
  assert.deepEqual([tier.reason, tier.name, tier.how], ['none', undefined, 'no tier or load stated']);
  // What the pod sustains is estimated, and the tier that load fits shown as such, never chosen.
  assert.ok(sustained, 'a ClickHouse pod with a memory limit has an estimate');
  assert.equal(tier.inferred, sustained.fits);
  assert.equal(bare.workloads[0].recommended, undefined);
  const fallback = await reportOf(mergeConfig({ defaultTier: 'medium' } as never, undefined), ['values.yaml']);
  assert.equal(fallback.workloads[0].tier.reason, 'default');
  assert.equal(fallback.workloads[0].tier.name, 'medium');
});

test('replicas come from the HPA that targets the workload (in another file); resources sum the containers', async () => {
  const alloy = named(await reportOf(withSettings()), 'Deployment', 'alloy');
  assert.deepEqual(alloy.replicas, { min: 2, max: 6, hpa: { name: 'alloy', uri: pathToFileURL(fixturePath('report', 'alloy-hpa.yaml')).href } });
  // alloy 500m/1Gi + reloader 10m/32Mi; the reloader sets no limit.
  assert.equal(alloy.perPod!.requests.cpu, 0.51);
  assert.equal(alloy.perPod!.requests.memory, 2 ** 30 + 32 * 2 ** 20);
  assert.deepEqual(alloy.perPod!.limits, { cpu: 1, memory: 2 * 2 ** 30 });
  assert.deepEqual(alloy.total!.limits, { min: { cpu: 2, memory: 4 * 2 ** 30 }, max: { cpu: 6, memory: 12 * 2 ** 30 } });
  const shop = named(await reportOf(withSettings()), 'Deployment', 'shop-frontend');
  assert.deepEqual(shop.replicas, { min: 3, max: 3 });
  // A limit without a request: Kubernetes requests the limit; CPU has neither.
  assert.deepEqual(shop.perPod!.limits, { memory: 512 * 2 ** 20 });
});

test('recommended numbers are the sizing model\'s, each with the section it cites', async () => {
  const report = await reportOf(withSettings());
  for (const [kind, name, workload, tierName] of [['Deployment', 'alloy', 'alloy', 'medium'], ['HelmValues', 'clickhouse', 'clickhouse', 'large']]) {
    const entry = named(report, kind, name);
    const tier = defaultCatalog.get(workload, tierName)!;
    const r = entry.recommended!;
    assert.equal(r.requests.cpu?.value, tier.requests?.cpu);
    assert.equal(r.requests.memory?.value, tier.requests?.memory);
    assert.equal(r.limits.memory?.value, tier.limits?.memory);
    if (tier.requests?.cpu !== undefined) assert.deepEqual(r.requests.cpu?.source, citeField(tier, 'requests.cpu'));
    if (tier.limits?.memory !== undefined) assert.deepEqual(r.limits.memory?.source, citeField(tier, 'limits.memory'));
    assert.equal(r.monthlyCost?.value, tier.monthlyCost);
    assert.equal(r.throughput?.value, tier.throughput?.value);
    const replicas = tier.hpa ? [tier.hpa.minReplicas, tier.hpa.maxReplicas] : [tier.replicas ?? 1, tier.replicas ?? 1];
    assert.deepEqual([r.replicas?.min ?? 1, r.replicas?.max ?? 1], replicas);
    for (const comparison of entry.comparisons) {
      assert.ok(comparison.source.document && comparison.source.section, `${comparison.field} has a source`);
      const expected = comparison.actual < comparison.recommended ? 'below' : comparison.actual > comparison.recommended ? 'above' : 'meets';
      assert.equal(comparison.verdict, expected);
    }
  }
  const alloy = named(report, 'Deployment', 'alloy');
  const medium = defaultCatalog.get('alloy', 'medium')!;
  assert.deepEqual(alloy.comparisons.find((c) => c.field === 'requests.memory'),
    { field: 'requests.memory', actual: 2 ** 30 + 32 * 2 ** 20, recommended: medium.requests!.memory!, verdict: 2 ** 30 + 32 * 2 ** 20 < medium.requests!.memory! ? 'below' : 'above', source: citeField(medium, 'requests.memory') });
});

test('the Alloy pipeline is held to its file\'s tier and linked to the pod that runs it; its limiter is compared', async () => {
  const report = await reportOf(withSettings());
  const pipeline = named(report, 'AlloyPipeline', 'pipeline.alloy');
  assert.equal(pipeline.tier.name, 'medium');
  assert.deepEqual(pipeline.runsIn, [named(report, 'Deployment', 'alloy').id]);
  const medium = defaultCatalog.get('alloy', 'medium')!;
  if (medium.memoryLimiter?.limit !== undefined) {
    const limiter = pipeline.comparisons.find((c) => c.field === 'memoryLimiter.limit');
    assert.equal(limiter?.actual, 1500 * 2 ** 20);
    assert.equal(limiter?.recommended, medium.memoryLimiter.limit);
  }
  const server = named(report, 'ClickHouseServer', 'config.xml');
  assert.equal(server.tier.name, 'large');
  assert.deepEqual(server.runsIn, [named(report, 'HelmValues', 'clickhouse').id]);
  assert.equal(server.total, undefined, 'a config file has no resources of its own');
});

test('totals add up per namespace and for the workspace; a deployment cost is counted once', async () => {
  const report = await reportOf(withSettings());
  const pods = report.workloads.filter((w) => w.total);
  const add = (ranges: ResourceRange[]) => ({
    min: { cpu: ranges.reduce((a, r) => a + (r.min.cpu ?? 0), 0), memory: ranges.reduce((a, r) => a + (r.min.memory ?? 0), 0) },
    max: { cpu: ranges.reduce((a, r) => a + (r.max.cpu ?? 0), 0), memory: ranges.reduce((a, r) => a + (r.max.memory ?? 0), 0) },
  });
  const close = (a: ResourceRange, b: ResourceRange) => {
    for (const end of ['min', 'max'] as const) for (const k of ['cpu', 'memory'] as const) assert.ok(Math.abs((a[end][k] ?? 0) - (b[end][k] ?? 0)) < 1e-9, `${end}.${k}: ${a[end][k]} vs ${b[end][k]}`);
  };
  close(report.total.requests, add(pods.map((p) => p.total!.requests)));
  close(report.total.limits, add(pods.map((p) => p.total!.limits)));
  assert.deepEqual(report.namespaces.map((n) => n.namespace), [NO_NAMESPACE, 'shop', 'telemetry']);
  close(add(report.namespaces.map((n) => n.requests)), report.total.requests);
  assert.equal(report.namespaces.reduce((a, n) => a + n.workloads, 0), pods.length);
  const costs = pods.flatMap((p) => (p.recommended?.monthlyCost ? [p.recommended.monthlyCost.value] : []));
  assert.equal(report.total.monthlyCost?.value, costs.reduce((a, c) => a + c, 0));
  // Two Alloy workloads of the medium tier: the document's cost is for the deployment, counted once.
  const [deployment] = await factsOf(withSettings(), ['alloy-deployment.yaml']);
  const copy: DocumentFacts = { ...deployment, uri: `${deployment.uri}.copy.yaml`, workloads: deployment.workloads.map((w) => ({ ...w, name: 'alloy-b' })) };
  const twice = buildCapacityReport([deployment, copy], defaultCatalog, withSettings());
  assert.equal(twice.workloads.filter((w) => w.recommended?.monthlyCost).length, 2);
  assert.equal(twice.total.monthlyCost?.value, defaultCatalog.get('alloy', 'medium')!.monthlyCost);
});

test('every number\'s source is listed', async () => {
  const report = await reportOf(withSettings());
  const listed = new Set(report.sources.map((s) => `${s.document} § ${s.section}`));
  for (const entry of report.workloads) {
    for (const c of entry.comparisons) assert.ok(listed.has(`${c.source.document} § ${c.source.section}`));
    if (entry.tier.source) assert.ok(listed.has(`${entry.tier.source.document} § ${entry.tier.source.section}`));
    for (const need of entry.requirements ?? []) assert.ok(listed.has(`${need.source.document} § ${need.source.section}`));
    // An estimate names the document sections it computes from in its explanation.
    if (entry.sustained) assert.match(entry.sustained.how, /\S+\.txt § /);
  }
});

test('JSON is the report itself; Markdown has a row and a section per workload, totals and sources', async () => {
  const report = await reportOf(withSettings());
  assert.deepEqual(JSON.parse(renderJson(report)), JSON.parse(JSON.stringify(report)));
  const markdown = renderMarkdown(report, { fileLabel: (uri) => uri.slice(uri.lastIndexOf('/') + 1) });
  const lines = markdown.split('\n');
  for (const heading of ['# Headroom capacity report', '## Totals', '## Requested vs recommended', '## Workloads', '## Sources']) assert.ok(lines.includes(heading), heading);
  assert.equal(lines.filter((l) => l.startsWith('### ')).length, report.workloads.length);
  const workloadRows = lines.slice(lines.indexOf('## Workloads') + 4).filter((l) => l.startsWith('| '));
  assert.ok(workloadRows.length >= report.workloads.length);
  assert.ok(lines.some((l) => l.startsWith('| **workspace** | 3 |')), 'workspace totals row');
  assert.ok(markdown.includes('- File: `alloy-deployment.yaml`, line 7'));
  for (const source of report.sources) assert.ok(lines.includes(`- ${source.document} § ${source.section}`));
  assert.ok(!/\n\n\n/.test(markdown), 'no doubled blank lines');
});

test('HTML is one self-contained page: a strict CSP, a nonce on its only style and script, no external resource', async () => {
  const report = await reportOf(withSettings());
  const html = renderHtml(report, { nonce: 'abc123', script: 'void 0;' });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;">/);
  assert.equal((html.match(/<style/g) ?? []).length, 1);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<style nonce="abc123">/);
  assert.match(html, /<script nonce="abc123">void 0;<\/script>/);
  // Nothing is loaded from elsewhere: no src, no url(), no link, no http(s) URL but the SVG namespace.
  assert.doesNotMatch(html, /\ssrc=/);
  assert.doesNotMatch(html, /url\(/);
  assert.doesNotMatch(html, /<link\b/);
  assert.deepEqual([...new Set(html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])], ['http://www.w3.org/2000/svg']);
  // Every href is an in-page anchor.
  for (const href of html.match(/href="[^"]*"/g) ?? []) assert.match(href, /^href="#/);
  // The bar chart draws a requested and a recommended bar per workload with a tier and resource.
  const bars = (html.match(/<rect class="(requested|recommended)[^"]*" x="220"/g) ?? []).length;
  assert.ok(chartRows(report).length > 0);
  assert.equal(bars, 2 * chartRows(report).length);
  // The numbers are there, escaped: the theme variables with fallbacks.
  assert.match(html, /var\(--vscode-foreground, #1f2328\)/);
  for (const entry of report.workloads) assert.ok(html.includes(`data-uri="${entry.uri}"`));
  assert.doesNotMatch(renderHtml(report, { nonce: 'n' }), /<script/);
});

test('an empty workspace says what Headroom looks for', async () => {
  const report = buildCapacityReport([], defaultCatalog, mergeConfig(undefined, undefined));
  assert.deepEqual(report.workloads, []);
  assert.match(renderMarkdown(report), /No workload found/);
  assert.match(renderHtml(report, { nonce: 'n' }), /No workload found/);
});

test('a stated load chooses the tier (reason load, with the load→tier reasons) and what it requires is compared', async () => {
  const values = '# headroom: workload=gateway load agents=80\ngateway:\n  replicaCount: 2\n  image:\n    repository: example.com/gateway\n  resources:\n    requests:\n      cpu: 500m\n      memory: 512Mi\n    limits:\n      cpu: 2\n      memory: 2Gi\n';
  const config = mergeConfig(undefined, undefined);
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, config });
  await engine.init();
  engine.open({ uri: 'file:///work/values.yaml', text: values });
  const report = buildCapacityReport(engine.all(), defaultCatalog, config);
  engine.close('file:///work/values.yaml');
  const gateway = report.workloads[0];
  const { choice } = chooseTier(defaultCatalog, config, 'gateway', { line: 0, range: gateway.range, workload: 'gateway', load: { agents: 80 } });
  assert.equal(gateway.tier.reason, 'load');
  assert.equal(gateway.tier.name, choice!.tier.tier);
  assert.deepEqual(gateway.tier.reasons, choice!.selection!.reasons);
  const needs = loadRequirements('gateway', { agents: 80 }, choice!.tier);
  assert.deepEqual(gateway.requirements?.map((r) => [r.field, r.value]), needs.map((r) => [r.field, r.value]));
  const replicas = gateway.comparisons.find((c) => c.field === 'load.replicas');
  assert.equal(replicas?.actual, 2);
  assert.equal(replicas?.recommended, needs.find((n) => n.field === 'replicas')!.value);
  assert.equal(replicas?.verdict, 2 < replicas!.recommended ? 'below' : 2 > replicas!.recommended ? 'above' : 'meets');
  assert.match(renderMarkdown(report), /- The load needs replicas ≥ \d+: /);
});
