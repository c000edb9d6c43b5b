import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// Regressions of the wrong statements issue 9 lists, for the Kubernetes side, each against the number
// the document prints.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const all = { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } };

function lint(name: string, text: string) {
  const uri = `file:///sizing/${name}`;
  engine.open({ uri, text, languageId: 'yaml' });
  const findings = engine.lint(uri);
  const hints = engine.inlayHints(uri, all);
  return { uri, findings, hints, close: () => engine.close(uri) };
}

const hpa = (directive: string, min: number, max: number, metrics = '') => [
  directive,
  'apiVersion: autoscaling/v2',
  'kind: HorizontalPodAutoscaler',
  'metadata:',
  '  name: scaled',
  'spec:',
  '  scaleTargetRef:',
  '    apiVersion: apps/v1',
  '    kind: Deployment',
  '    name: scaled',
  `  minReplicas: ${min}`,
  `  maxReplicas: ${max}`,
  metrics,
  '',
].join('\n');

const cpuTarget = (value: number) => ['  metrics:', '  - type: Resource', '    resource:', '      name: cpu', '      target:', '        type: Utilization', `        averageUtilization: ${value}`].join('\n');
const memoryTarget = (value: number) => ['  - type: Resource', '    resource:', '      name: memory', '      target:', '        type: Utilization', `        averageUtilization: ${value}`].join('\n');

test('regression: the ingestion HPA inlay totals seed 001\'s 10,000 req/s per server over its pods (10–20 pods ≈ 100,000–200,000 req/s)', () => {
  const { hints, close } = lint('ingestion-hpa.yaml', hpa('# headroom: workload=ingestion tier=phase-3', 10, 20, cpuTarget(70)));
  assert.deepEqual(hints.map((h) => h.label), ['10–20 pods ≈ 100,000–200,000 req/s in total']);
  assert.match(hints[0].tooltip ?? '', /10,000 req\/s per replica \(001_ceeee9e23b0c10f7\.txt § Horizontal Scaling Strategy > Scaling Math\)/);
  close();
});

test('regression: hpa/tier speaks only for tiers a document gives an HPA (gateway medium, ClickHouse large, the operator: none)', () => {
  for (const directive of ['# headroom: workload=gateway tier=medium', '# headroom: workload=clickhouse tier=large', '# headroom: workload=operator tier=large']) {
    const { findings, close } = lint('no-hpa.yaml', hpa(directive, 1, 2, cpuTarget(95)));
    assert.deepEqual(findings.filter((f) => f.code === 'hpa/tier'), [], directive);
    close();
  }
});

test('regression: Alloy\'s HPA target is its own 60% CPU (seed 000 Alloy Scaling), with no memory target, and no "60–70% band"', () => {
  const { findings, close } = lint('alloy-hpa.yaml', hpa('# headroom: workload=alloy tier=large', 3, 15, `${cpuTarget(70)}\n${memoryTarget(80)}`));
  const tier = findings.filter((f) => f.code === 'hpa/tier');
  assert.deepEqual(tier.map((f) => f.message), ['HorizontalPodAutoscaler scaled: cpu target 70%; the document\'s HPA for alloy targets 60% (alloy, large tier from the headroom directive on line 1). Higher, pods run hotter before new ones start.']);
  assert.equal(tier[0].citation?.section, 'Scaling Strategies > Horizontal Scaling > Alloy Scaling');
  assert.doesNotMatch(tier[0].message, /band|60–70/);
  close();
  const sorter = lint('sorter-hpa.yaml', hpa('# headroom: workload=ai-sorter tier=large', 2, 20, `${cpuTarget(70)}\n${memoryTarget(60)}`));
  assert.deepEqual(sorter.findings.filter((f) => f.code === 'hpa/tier').map((f) => f.message.split(';')[0]), ['HorizontalPodAutoscaler scaled: memory target 60%']);
  sorter.close();
});

test('regression: k8s/missing-requests never presents seed 004\'s default gateway limits as requests', () => {
  const text = [
    '# headroom: workload=gateway tier=default',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: gateway',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: gateway',
    '          image: avika/gateway:1',
    '',
  ].join('\n');
  const { findings, close } = lint('gateway.yaml', text);
  const missing = findings.find((f) => f.code === 'k8s/missing-requests');
  assert.ok(missing);
  assert.match(missing.message, /The default tier gives no requests, only limits cpu 500m, memory 512Mi; set as limits, Kubernetes uses them as the requests too\./);
  assert.equal(missing.fixes?.[0].title, 'Add limits from the default tier');
  assert.match(missing.fixes![0].edits[0].newText, /limits:\n\s+cpu: 500m\n\s+memory: 512Mi/);
  assert.doesNotMatch(missing.fixes![0].edits[0].newText, /requests/);
  assert.equal(missing.citation?.section, 'Component Scaling > Gateway Scaling');
  close();
  // The enterprise tier does give requests: those are inserted as requests.
  const enterprise = lint('gateway-enterprise.yaml', text.replace('tier=default', 'tier=enterprise'));
  const fix = enterprise.findings.find((f) => f.code === 'k8s/missing-requests')?.fixes?.[0];
  assert.equal(fix?.title, 'Add requests from the enterprise tier');
  assert.match(fix!.edits[0].newText, /requests:\n\s+cpu: 500m\n\s+memory: 512Mi/);
  enterprise.close();
});
