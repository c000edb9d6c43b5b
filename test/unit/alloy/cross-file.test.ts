import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine } from '../../helpers/alloy';

test('memory_limiter limit against the memory limit of the Alloy pod in another file, with related information', async () => {
  const engine = await newEngine();
  engine.open({
    uri: 'file:///ws/alloy.yaml', languageId: 'yaml',
    text: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: alloy\nspec:\n  template:\n    spec:\n      containers:\n        - name: alloy\n          image: grafana/alloy:v1.18.0\n          resources:\n            requests:\n              cpu: 500m\n              memory: 1Gi\n            limits:\n              memory: 1Gi\n',
  });
  const text = 'otelcol.processor.memory_limiter "default" {\n  check_interval = "1s"\n  limit          = "1000MiB"\n  spike_limit    = "200MiB"\n\n  output { }\n}\n';
  engine.open({ uri: 'file:///ws/config.alloy', text });
  const finding = engine.lint('file:///ws/config.alloy').find((f) => f.code === 'alloy/memory-limiter-vs-container');
  assert.ok(finding);
  assert.match(finding.message, /limit 1000 MiB is too close to the memory limit of StatefulSet alloy \(container alloy\).*Use at most 80%: "819MiB"/);
  assert.equal(finding.related?.[0].uri, 'file:///ws/alloy.yaml');
  assert.equal(finding.related?.[0].range.start.line, 8);
  // Closing the manifest removes the other side: the finding goes away with it.
  engine.close('file:///ws/alloy.yaml');
  assert.equal(engine.lint('file:///ws/config.alloy').some((f) => f.code === 'alloy/memory-limiter-vs-container'), false);
});
