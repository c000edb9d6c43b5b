import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusPath, needsShared } from '../../helpers/shared';
import { newEngine } from '../../helpers/alloy';

// Every real-world config of the shared corpus (../shared/corpus), linted together
// as the CLI does so cross-file rules see every workload. Nothing crashes, every range is inside its
// file, and the complete list of findings is pinned below, each one defended (Alloy facts read in
// grafana/alloy v1.18.1, the release the schema describes):
//  - ALT-F4 (NixOS module): loki.relabel.omnibus and local.file.hostname live in sibling files of the
//    module, so the reference is dangling in this file alone; a warning, worded for directory configs.
//    The file is a fragment (it refers to components it does not declare), so nothing in it is unwired.
//  - missing-memory-limiter: OTLP/Jaeger receivers feeding exporters without a memory limiter, which
//    seed 000 and the Alloy docs recommend in front of every such pipeline.
//  - routing: broken upstream (an unclosed stage.match), exactly one syntax finding; the blocks the open
//    brace swallows are not judged against the schema.
//  - alloy-modules agent metrics:157: declare "local" reads argument.port.value but only declares
//    argument "port_name"; Alloy: component "argument.port" does not exist or is out of scope.
//  - prometheusconvert azure.alloy: the corpus took it from grafana/alloy HEAD (1.19 development), where
//    discovery.azure gained the sdk_auth and workload_identity blocks; Alloy 1.18.1 has neither
//    (internal/component/discovery/azure/azure.go), so it refuses them: "unrecognized block name".
//  - beyla example: otelcol.exporter.logging was removed in Alloy 1.5 (CHANGELOG: "Removed in favor of
//    the otelcol.exporter.debug"); Alloy 1.18 cannot find the component.
//  - deprecated: otelcol.auth.basic top-level username/password ("Don't use … as they are deprecated. Use
//    the client_auth block", otelcol.auth.basic.md) and prometheus.exporter.oracledb connection_string
//    ("deprecated", use database blocks); warnings, Alloy still accepts them.
//  - unwired (warnings, each checked by hand: no reference to the component anywhere in the file):
//    staticconvert unsupported.alloy's faro.receiver has `logs = []` and `traces = []`, so what it
//    receives is dropped; the rendered k8s-monitoring examples declare destinations that no feature
//    sends to (otelcol.exporter.loki "localloki", .prometheus "localprometheus", "grafana_cloud_metrics",
//    the otelcol.receiver.prometheus/loki bridges "platform" and "stack_a", the tenant-router transforms).
//  - hpa/missing-requests: the GKE cost-estimator samples scale on CPU utilisation while their
//    Deployments set no CPU request, so those HPAs never act.
//  - hpa/v1-field: kube-linter's test inputs put the v1-only targetCPUUtilizationPercentage under v2beta1.
//  - k8s/missing-requests: the OpenTelemetry demo's collector DaemonSet sets only a memory limit, no CPU.
const EXPECTED = [
  'alloy/ALT-F4-LLC__vms.nix__modules__mixins__alloy__config.alloy:33 alloy/dangling-reference',
  'alloy/ALT-F4-LLC__vms.nix__modules__mixins__alloy__config.alloy:42 alloy/dangling-reference',
  'alloy/Growth-Guild-Group__railway-grafana-stack-template__alloy__config.alloy:28 alloy/missing-memory-limiter',
  'alloy/grafana__alloy-modules__modules__collector__agent__metrics.alloy:157 alloy/dangling-reference',
  'alloy/grafana__alloy-scenarios__otel-loadbalancing__config-downstream.alloy:15 alloy/missing-memory-limiter',
  'alloy/grafana__alloy-scenarios__otel-tracing-service-graphs__config.alloy:6 alloy/missing-memory-limiter',
  'alloy/grafana__alloy-scenarios__routing__config.alloy:58 alloy/syntax',
  'alloy/grafana__alloy-scenarios__trace-log-correlation-exemplars__config.alloy:13 alloy/missing-memory-limiter',
  'alloy/grafana__alloy__internal__converter__internal__prometheusconvert__testdata__azure.alloy:34 alloy/unknown-block',
  'alloy/grafana__alloy__internal__converter__internal__prometheusconvert__testdata__azure.alloy:42 alloy/unknown-block',
  'alloy/grafana__alloy__internal__converter__internal__staticconvert__testdata-v2__unsupported.alloy:19 alloy/unwired',
  'alloy/grafana__alloy__internal__converter__internal__staticconvert__testdata__integrations.alloy:492 alloy/deprecated',
  'alloy/grafana__alloy__internal__converter__internal__staticconvert__testdata__traces.alloy:164 alloy/missing-memory-limiter',
  'alloy/grafana__alloy__internal__converter__internal__staticconvert__testdata__traces.alloy:34 alloy/missing-memory-limiter',
  'alloy/grafana__beyla__examples__alloy__config.alloy:34 alloy/unknown-component',
  'alloy/grafana__beyla__examples__alloy__config.alloy:65 alloy/deprecated',
  'alloy/grafana__beyla__examples__alloy__config.alloy:66 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__dataProcessors__ec2Enrichment__alloy.alloy:741 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__dataProcessors__ec2Enrichment__alloy.alloy:774 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destination-router__alloy-logs.alloy:128 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destination-router__alloy-logs.alloy:171 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destination-router__alloy-logs.alloy:352 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destination-router__alloy-logs.alloy:395 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destination-router__alloy-logs.alloy:578 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destination-router__alloy-logs.alloy:710 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destinations__otlp-endpoint__alloy-metrics.alloy:792 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destinations__otlp-endpoint__alloy-metrics.alloy:793 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__meta-monitoring__alloy.alloy:16 alloy/missing-memory-limiter',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__tests__integration__prom-and-loki-to-otlp__.rendered__alloy-singleton.alloy:242 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__tests__integration__prom-and-loki-to-otlp__.rendered__alloy-singleton.alloy:243 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__tests__integration__prom-and-loki-to-otlp__.rendered__alloy-singleton.alloy:384 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__tests__integration__prom-and-loki-to-otlp__.rendered__alloy-singleton.alloy:385 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__tests__platform__aks__.rendered__alloy-metrics.alloy:834 alloy/unwired',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__tests__platform__otlp-gateway__.rendered__alloy.alloy:1322 alloy/deprecated',
  'alloy/grafana__k8s-monitoring-helm__charts__k8s-monitoring__tests__platform__otlp-gateway__.rendered__alloy.alloy:1323 alloy/deprecated',
  'alloy/grafana__quickpizza__alloy__cloud.at-65ecb6e0.alloy:118 alloy/missing-memory-limiter',
  'alloy/grafana__quickpizza__alloy__cloud.at-65ecb6e0.alloy:257 alloy/deprecated',
  'alloy/grafana__quickpizza__alloy__cloud.at-65ecb6e0.alloy:258 alloy/deprecated',
  'alloy/grafana__quickpizza__deployments__terraform__alloy__config.alloy:150 alloy/missing-memory-limiter',
  'alloy/grafana__quickpizza__deployments__terraform__alloy__config.alloy:363 alloy/deprecated',
  'alloy/grafana__quickpizza__deployments__terraform__alloy__config.alloy:364 alloy/deprecated',
  'hpa/GoogleCloudPlatform__kubernetes-engine-samples__cost-optimization__gke-shift-left-cost__api__testdata__hpa__hpa-v2beta1.yaml:139 hpa/missing-requests',
  'hpa/GoogleCloudPlatform__kubernetes-engine-samples__cost-optimization__gke-shift-left-cost__api__testdata__hpa__hpa-v2beta2.yaml:146 hpa/missing-requests',
  'hpa/GoogleCloudPlatform__kubernetes-engine-samples__cost-optimization__gke-shift-left-cost__api__testdata__manifests__nginx.yaml:26 hpa/missing-requests',
  'hpa/GoogleCloudPlatform__kubernetes-engine-samples__cost-optimization__gke-shift-left-cost__samples__k8s-cost-estimator-local__app-v2__deployment-with-hpa.yaml:26 hpa/missing-requests',
  'hpa/stackrox__kube-linter__tests__checks__hpa-minimum-three-replicas.yml:13 hpa/v1-field',
  'hpa/stackrox__kube-linter__tests__checks__hpa-minimum-three-replicas.yml:26 hpa/v1-field',
  'hpa/stackrox__kube-linter__tests__checks__pdb-min-available.yaml:48 hpa/v1-field',
  'k8s-workloads/open-telemetry__opentelemetry-helm-charts__charts__opentelemetry-demo__examples__default__rendered__opentelemetry-collector__daemonset.yaml:126 k8s/missing-requests',
];

test('the whole corpus: every file claimed by a format, no crash, ranges inside, findings exactly the defended list', needsShared('corpus'), async () => {
  const engine = await newEngine();
  const root = corpusPath();
  const files = ['alloy', 'hpa', 'helm-values', 'k8s-workloads', 'clickhouse'].flatMap((kind) =>
    fs.readdirSync(path.join(root, kind)).map((name) => `${kind}/${name}`));
  assert.equal(files.length, 154);
  for (const file of files) engine.open({ uri: `file:///corpus/${file}`, text: fs.readFileSync(path.join(root, file), 'utf8') });
  const actual: string[] = [];
  for (const file of files) {
    const uri = `file:///corpus/${file}`;
    assert.ok(engine.formatOf(uri), `${file} is claimed by a format`);
    const text = engine.text(uri)!;
    const lineCount = text.split(/\r\n|\r|\n/).length;
    for (const finding of engine.lint(uri)) {
      assert.notEqual(finding.code, 'headroom/internal-error', `${file}: ${finding.message}`);
      assert.ok(finding.range.end.line < lineCount, `${file}: ${finding.code} range inside the file`);
      actual.push(`${file}:${finding.range.start.line + 1} ${finding.code}`);
    }
    // Every editor feature runs on every file without failing.
    engine.symbols(uri);
    engine.foldingRanges(uri);
    engine.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } });
    engine.hover(uri, { line: Math.floor(lineCount / 2), character: 4 });
  }
  assert.deepEqual(actual.sort(), [...EXPECTED].sort());
});
