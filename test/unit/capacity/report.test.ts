import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
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
