import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCatalog, loadCatalog } from '../../../server/src/core/capacity/catalog';
import { sizeWorkload } from '../../../server/src/core/capacity/report';
import { defaultConfig } from '../../../server/src/core/config';

// The report API a capacity report builds on: the tier and why, the cited recommendation, the load's
// requirements, what a pod spec sustains and its totals.

const GiB = 2 ** 30;

test('sizeWorkload: a gateway at 80 agents, from .headroom.yaml load', () => {
  const config = { ...defaultConfig(), load: { gateway: { agents: 80 } } };
  const report = sizeWorkload(defaultCatalog, config, 'gateway', { pod: { replicas: 2, requests: { cpu: 0.25, memory: 0.5 * GiB }, limits: { cpu: 0.5, memory: 0.5 * GiB } } });
  assert.equal(report.tier?.name, 'large');
  assert.equal(report.tier?.how, 'load.gateway in the Headroom settings (80 agents)');
  assert.match(report.tier!.reasons[0], /^80 agents → large \(50–100 agents; 004_8f602a648d2b47bd\.txt § Scaling Overview > Scaling Profiles\)$/);
  assert.deepEqual(report.recommended?.replicas, { value: 3, printed: '3', source: { document: '004_8f602a648d2b47bd.txt', section: 'Scaling Overview > Scaling Profiles' } });
  assert.deepEqual(report.requirements.map((r) => [r.field, r.value]), [['replicas', 4]]);
  assert.deepEqual(report.totals, { cpuRequest: 0.5, memoryRequest: GiB, cpuLimit: 1, memoryLimit: GiB });
  assert.equal(report.sustained?.value, 40);
  assert.equal(report.sustained?.fits?.tier, 'medium');
});

test('sizeWorkload: a named Alloy tier with its deployment cost and HPA, and no tier when nothing is said', () => {
  const config = { ...defaultConfig(), tiers: { alloy: 'medium' } };
  const report = sizeWorkload(defaultCatalog, config, 'alloy');
  assert.equal(report.recommended?.requests.memory?.printed, '2Gi');
  assert.equal(report.recommended?.limits.memory?.source.section, 'Scaling Strategies > Vertical Scaling > Resource Limits and Requests');
  assert.deepEqual(report.recommended?.monthlyCost, { value: 240, printed: '$240', source: { document: '000_e875b2fa46e39bfd.txt', section: 'Deployment Sizes > Medium Deployment (Production - Small/Medium Teams)' }, scope: 'deployment' });
  assert.equal(report.recommended?.hpa.cpuUtilization?.value, 60);
  assert.equal(report.recommended?.hpa.memoryUtilization, undefined);
  const none = sizeWorkload(defaultCatalog, defaultConfig(), 'alloy');
  assert.equal(none.tier, undefined);
  assert.equal(none.recommended, undefined);
  assert.deepEqual(none.requirements, []);
});

test('sizeWorkload: every recommended field carries the document\'s printed token and its own section', () => {
  const SEED_004 = '004_8f602a648d2b47bd.txt';
  const gatewayScaling = { document: SEED_004, section: 'Component Scaling > Gateway Scaling' };
  const report = sizeWorkload(defaultCatalog, { ...defaultConfig(), tiers: { gateway: 'enterprise' } }, 'gateway');
  const r = report.recommended!;
  assert.deepEqual(report.tier, { name: 'enterprise', how: 'tiers.gateway in the Headroom settings', reasons: [] });
  assert.deepEqual(r.replicas, { value: 5, printed: '5', source: gatewayScaling });
  assert.deepEqual(r.requests, { cpu: { value: 0.5, printed: '500m', source: gatewayScaling }, memory: { value: 512 * 2 ** 20, printed: '512Mi', source: gatewayScaling } });
  assert.deepEqual(r.limits, { cpu: { value: 2, printed: '2', source: gatewayScaling }, memory: { value: 2 * GiB, printed: '2Gi', source: gatewayScaling } });
  assert.deepEqual(r.hpa, {
    minReplicas: { value: 3, printed: '3', source: gatewayScaling }, maxReplicas: { value: 10, printed: '10', source: gatewayScaling },
    cpuUtilization: { value: 60, printed: '60', source: gatewayScaling }, memoryUtilization: undefined,
  });
  assert.deepEqual(r.throughput, { value: 100_000, printed: '100k+', source: { document: SEED_004, section: 'Scaling Overview > Scaling Profiles' }, unit: 'req/s' });
  // Seed 004 gives the gateway no cost: none is reported.
  assert.equal('monthlyCost' in r, false);
  const sorter = sizeWorkload(defaultCatalog, { ...defaultConfig(), tiers: { 'ai-sorter': 'small' } }, 'ai-sorter').recommended!;
  assert.deepEqual(sorter.hpa.memoryUtilization, { value: 80, printed: '80', source: { document: '000_e875b2fa46e39bfd.txt', section: 'Scaling Strategies > Horizontal Scaling > AI Sorter Scaling' } });
});

test('sizeWorkload: a workspace tier (no figures) cites itself; its cost is the workload\'s; totals only for what the pod gives', () => {
  const source = { document: 'ours.md', section: 'Sizing' };
  const catalog = loadCatalog([{ workload: 'ours', tier: 'one', source, replicas: 2, monthlyCost: 70, requests: { cpu: '1' } }]);
  const report = sizeWorkload(catalog, { ...defaultConfig(), tiers: { ours: 'one' } }, 'ours', { pod: { replicas: 3, requests: { cpu: 0.5 }, limits: {} } });
  assert.deepEqual(report.recommended?.replicas, { value: 2, source });
  assert.deepEqual(report.recommended?.requests, { cpu: { value: 1, source }, memory: undefined });
  assert.deepEqual(report.recommended?.monthlyCost, { value: 70, source, scope: 'workload' });
  assert.equal('throughput' in report.recommended!, false);
  assert.deepEqual(report.totals, { cpuRequest: 1.5, memoryRequest: undefined, cpuLimit: undefined, memoryLimit: undefined });
  assert.equal(report.sustained, undefined);
});
