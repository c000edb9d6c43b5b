import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixturePath } from '../../helpers/paths';
import { applyEdits, newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

/** The GOMEMLIMIT findings (the cases also draw tier findings about requests, not under test here). */
function lint(text: string): Finding[] {
  engine.open({ uri: 'file:///k8s/case.yaml', text, languageId: 'yaml' });
  const findings = engine.lint('file:///k8s/case.yaml').filter((f) => f.code.startsWith('k8s/gomemlimit'));
  engine.close('file:///k8s/case.yaml');
  return findings;
}

function container(env: string, memory: string, directive = '# headroom: workload=gateway tier=enterprise'): string {
  return `${directive}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gw
spec:
  template:
    spec:
      containers:
        - name: gw
          image: example/gateway:1
${env ? `          env:\n            - name: GOMEMLIMIT\n              value: ${env}\n` : ''}          resources:
            limits:
              memory: ${memory}
`;
}

// Wrong statement #4: "100MiB (about 88% of the limit)" for a 128Mi limit. The share is computed now.
test('the GOMEMLIMIT share printed is computed from the value and the limit: 100MiB of 128Mi is 78%', () => {
  const agent = defaultCatalog.get('agent', 'high-log-volume')!;
  const [finding] = lint(container('', '128Mi', '# headroom: workload=agent tier=high-log-volume'));
  assert.equal(finding.code, 'k8s/gomemlimit-missing');
  const share = Math.round((agent.goMemLimit! / agent.limits!.memory!) * 100);
  assert.equal(share, 78);
  assert.match(finding.message, /Set GOMEMLIMIT=100MiB \(78% of the 128Mi limit; the high-log-volume agent tier pairs 128Mi with 100MiB\)/);
  assert.doesNotMatch(finding.message, /88%/);
  const [gateway] = lint(container('', '2Gi'));
  assert.match(gateway.message, /Set GOMEMLIMIT=1800MiB \(88% of the 2Gi limit; the enterprise gateway tier pairs 2Gi with 1800MiB\)/);
  const [scaled] = lint(container('', '4Gi'));
  assert.match(scaled.message, /Set GOMEMLIMIT=3600MiB \(88% of the 4Gi limit; the enterprise gateway tier pairs 2Gi with 1800MiB\)/);
});

test('a malformed GOMEMLIMIT stops the Go process: an error that says so, with the one correction when there is one', () => {
  const [kubernetesStyle] = lint(container('"1800Mi"', '2Gi'));
  assert.equal(kubernetesStyle.severity, 'error');
  assert.match(kubernetesStyle.message, /GOMEMLIMIT "1800Mi" is malformed for the Go runtime, so the process does not start \("malformed GOMEMLIMIT"\)/);
  assert.deepEqual(kubernetesStyle.fixes?.map((f) => `${f.title} ${f.isPreferred}`), ['Use 1800MiB true']);
  const [decimal] = lint(container('"2GB"', '2Gi'));
  assert.equal(decimal.severity, 'error');
  assert.deepEqual(decimal.fixes?.map((f) => `${f.title} ${f.isPreferred}`), ['Set GOMEMLIMIT to 1800MiB false'], 'GB could mean 2e9 or 2GiB: only the recommendation, not preferred');
  const [fraction] = lint(container('"1.5GiB"', '2Gi'));
  assert.deepEqual(fraction.fixes?.map((f) => f.title), ['Use 1536MiB', 'Set GOMEMLIMIT to 1800MiB']);
  const text = container('"1.5GiB"', '2Gi');
  assert.equal(applyEdits(text, fraction.fixes![0].edits), text.replace('"1.5GiB"', '"1536MiB"'));
  assert.deepEqual(lint(container('"1536MiB"', '2Gi')), []);
});

test('GOMEMLIMIT off or empty is no limit, as if unset; off without a memory limit is fine', () => {
  for (const value of ['"off"', '""']) {
    const [finding] = lint(container(value, '2Gi'));
    assert.equal(finding.severity, 'warning', value);
    assert.match(finding.message, /means no soft limit, as if it were unset/);
  }
  const noLimit = lint(container('"off"', '2Gi').replace('          resources:\n            limits:\n              memory: 2Gi\n', ''));
  assert.deepEqual(noLimit, []);
});

test('quantities Kubernetes accepts: below 1m and no number are warnings that say what happens, not "invalid"', () => {
  const text = fs.readFileSync(fixturePath('k8s', 'quantities.yaml'), 'utf8');
  engine.open({ uri: 'file:///k8s/quantities.yaml', text, languageId: 'yaml' });
  const findings = engine.lint('file:///k8s/quantities.yaml').filter((f) => f.code === 'k8s/invalid-quantity');
  engine.close('file:///k8s/quantities.yaml');
  const byLine = new Map(findings.map((f) => [f.range.start.line + 1, f]));
  assert.equal(byLine.get(15)!.severity, 'warning');
  assert.match(byLine.get(15)!.message, /"100u" is 0\.0001 cores, below 1m: the API server accepts it, but Kubernetes counts CPU in whole millicores and rounds it up to 1m/);
  assert.equal(byLine.get(16)!.severity, 'warning');
  assert.match(byLine.get(16)!.message, /"Mi" has no number, and Kubernetes reads a missing number as 0/);
  assert.doesNotMatch(byLine.get(16)!.message, /not a Kubernetes quantity|rejects/);
  assert.equal(byLine.get(24)!.severity, 'error');
  assert.match(byLine.get(24)!.message, /unknown suffix "K" \(Kubernetes writes Ki for kibi units or k for decimal units\); the API server rejects the object/);
});
