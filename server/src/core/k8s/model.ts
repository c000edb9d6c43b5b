import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../alloy/ast';

// A typed view of Kubernetes manifests and Helm values, with exact source spans, built from the
// `yaml` package's document tree. Rules work on this model, never on raw YAML nodes.

export interface Located<T> {
  value: T;
  /** The scalar's span (quotes included). */
  span: Span;
  /** The quote character the source used, so fixes keep the style. */
  quote: '' | '"' | "'";
}

export interface ResourcesModel {
  /** The `resources:` key, or the container when there is none. */
  span: Span;
  keySpan?: Span;
  requests: { cpu?: Located<string>; memory?: Located<string> };
  limits: { cpu?: Located<string>; memory?: Located<string> };
  /** Mapping nodes, for insertion fixes. */
  requestsNode?: YAMLMap;
  limitsNode?: YAMLMap;
  resourcesNode?: YAMLMap;
}

export interface EnvVar {
  name: string;
  value?: Located<string>;
  /** valueFrom: the value is not literal. */
  indirect: boolean;
  span: Span;
}

export interface ContainerModel {
  name: string;
  image?: string;
  init: boolean;
  span: Span;
  /** The container's mapping (for inserting keys) and its `env` sequence when present. */
  node: YAMLMap;
  resources: ResourcesModel;
  env: EnvVar[];
  envNode?: Node;
}

export interface WorkloadModel {
  kind: string;
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  replicas?: Located<number>;
  containers: ContainerModel[];
  configMaps: string[];
  /** metadata.name span, where workload-level findings go. */
  nameSpan: Span;
  span: Span;
  /** The Helm values path (`gateway`, `clickhouse.server`) for values-file workloads. */
  valuesPath?: string;
  /** The index of the YAML document in a multi-document file. */
  documentIndex: number;
}

export interface HpaMetric {
  type: string;
  resource?: string;
  targetType?: string;
  averageUtilization?: Located<number>;
  span: Span;
}

export interface HpaModel {
  apiVersion: string;
  name: string;
  namespace?: string;
  target?: { kind: string; name: string; span: Span };
  minReplicas?: Located<number>;
  maxReplicas?: Located<number>;
  /** autoscaling/v1's field (or misplaced under v2). */
  targetCPUUtilizationPercentage?: Located<number> & { keySpan: Span };
  targetMemoryUtilizationPercentage?: Located<number> & { keySpan: Span };
  metrics: HpaMetric[];
  behavior: { direction: 'scaleUp' | 'scaleDown'; stabilizationWindowSeconds?: Located<number>; policies: { type?: string; value?: Located<number>; periodSeconds?: Located<number> }[] }[];
  nameSpan: Span;
  span: Span;
  /** `autoscaling:` in Helm values (enabled flag, path). */
  helm?: { enabled?: boolean; path: string };
  documentIndex: number;
}

/**
 * What rules and features read from a YAML file. The `yaml` documents themselves are not kept (only
 * the nodes fixes insert into): on a large values file they are most of the memory an open file costs.
 */
export interface YamlModel {
  workloads: WorkloadModel[];
  hpas: HpaModel[];
  syntaxErrors: { message: string; span: Span }[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

export function parseYaml(text: string): Document.Parsed[] {
  // The model walks the node tree and never resolves aliases (an alias is not a map), so an alias
  // bomb ("billion laughs") is never expanded.
  return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
}

export function spanOf(node: Node | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

export function get(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

export function keySpan(map: unknown, key: string): Span | undefined {
  const pair = pairOf(map, key);
  return pair && isScalar(pair.key) ? spanOf(pair.key as Node) : undefined;
}

export function scalarText(node: Node | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

function quoteOf(node: Node): '' | '"' | "'" {
  if (!isScalar(node)) return '';
  return node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
}

export function located(node: Node | undefined): Located<string> | undefined {
  const text = scalarText(node);
  return text === undefined || !node ? undefined : { value: text, span: spanOf(node), quote: quoteOf(node) };
}

export function locatedNumber(node: Node | undefined): Located<number> | undefined {
  const text = scalarText(node);
  if (text === undefined || !node || !/^-?\d+(\.\d+)?$/.test(text.trim())) return undefined;
  return { value: Number(text), span: spanOf(node), quote: quoteOf(node) };
}

export function resourcesOf(owner: YAMLMap, fallback: Span): ResourcesModel {
  const resources = get(owner, 'resources');
  const requests = get(resources, 'requests');
  const limits = get(resources, 'limits');
  return {
    span: resources ? spanOf(resources) : fallback,
    keySpan: keySpan(owner, 'resources'),
    requests: { cpu: located(get(requests, 'cpu')), memory: located(get(requests, 'memory')) },
    limits: { cpu: located(get(limits, 'cpu')), memory: located(get(limits, 'memory')) },
    requestsNode: isMap(requests) ? requests : undefined,
    limitsNode: isMap(limits) ? limits : undefined,
    resourcesNode: isMap(resources) ? resources : undefined,
  };
}

export function envOf(list: Node | undefined): EnvVar[] {
  if (isSeq(list)) {
    return list.items.filter(isMap).map((item) => ({
      name: scalarText(get(item, 'name')) ?? '',
      value: located(get(item, 'value')),
      indirect: get(item, 'valueFrom') !== undefined,
      span: spanOf(item as Node),
    }));
  }
  // Helm charts often take `env: { GOMEMLIMIT: 1800MiB }` as a map.
  if (isMap(list)) {
    return list.items.filter((p) => isScalar(p.key)).map((p) => ({
      name: String((p.key as { value: unknown }).value),
      value: located(p.value as Node),
      indirect: !isScalar(p.value),
      span: spanOf(p.key as Node),
    }));
  }
  return [];
}

function containersOf(podSpec: unknown, init: boolean): ContainerModel[] {
  const list = get(podSpec, init ? 'initContainers' : 'containers');
  if (!isSeq(list)) return [];
  return list.items.filter(isMap).map((item) => {
    const span = spanOf(item as Node);
    return {
      name: scalarText(get(item, 'name')) ?? '',
      image: scalarText(get(item, 'image')),
      init,
      span,
      node: item as YAMLMap,
      resources: resourcesOf(item as YAMLMap, keySpan(item, 'name') ?? span),
      env: envOf(get(item, 'env')),
      envNode: get(item, 'env'),
    };
  });
}

function labelsOf(metadata: unknown): Record<string, string> {
  const labels = get(metadata, 'labels');
  const out: Record<string, string> = {};
  if (isMap(labels)) for (const p of labels.items) if (isScalar(p.key)) out[String(p.key.value)] = scalarText(p.value as Node) ?? '';
  return out;
}

/** Kubernetes objects of every document: workloads with pod templates, and HPAs. */
export function manifestModel(documents: Document.Parsed[]): YamlModel {
  const model: YamlModel = { workloads: [], hpas: [], syntaxErrors: [] };
  documents.forEach((document, documentIndex) => {
    for (const error of document.errors) model.syntaxErrors.push({ message: error.message.split('\n')[0], span: { start: error.pos[0], end: error.pos[1] } });
    const root = document.contents;
    if (!isMap(root)) return;
    const kind = scalarText(get(root, 'kind'));
    const apiVersion = scalarText(get(root, 'apiVersion')) ?? '';
    const metadata = get(root, 'metadata');
    const name = scalarText(get(metadata, 'name')) ?? '';
    const nameSpan = spanOf(get(metadata, 'name') ?? get(root, 'kind'));
    const namespace = scalarText(get(metadata, 'namespace'));
    const spec = get(root, 'spec');
    if (kind && WORKLOAD_KINDS.has(kind)) {
      const template = kind === 'CronJob' ? get(get(get(get(spec, 'jobTemplate'), 'spec'), 'template'), 'spec') : get(get(spec, 'template'), 'spec');
      const volumes = get(template, 'volumes');
      const configMaps = isSeq(volumes) ? volumes.items.map((v) => scalarText(get(get(v, 'configMap'), 'name'))).filter((n): n is string => !!n) : [];
      model.workloads.push({
        kind, name, namespace, labels: { ...labelsOf(metadata), ...labelsOf(get(get(spec, 'template'), 'metadata')) },
        replicas: locatedNumber(get(spec, 'replicas')),
        containers: [...containersOf(template, false), ...containersOf(template, true)],
        configMaps, nameSpan, span: spanOf(root), documentIndex,
      });
    } else if (kind === 'HorizontalPodAutoscaler') {
      model.hpas.push(hpaModel(root, apiVersion, name, namespace, nameSpan, documentIndex));
    }
  });
  return model;
}

function withKey(map: unknown, key: string): (Located<number> & { keySpan: Span }) | undefined {
  const value = locatedNumber(get(map, key));
  const span = keySpan(map, key);
  return value && span ? { ...value, keySpan: span } : undefined;
}

function hpaModel(root: YAMLMap, apiVersion: string, name: string, namespace: string | undefined, nameSpan: Span, documentIndex: number): HpaModel {
  const spec = get(root, 'spec');
  const ref = get(spec, 'scaleTargetRef');
  const metrics = get(spec, 'metrics');
  const behavior = get(spec, 'behavior');
  return {
    apiVersion, name, namespace, nameSpan, span: spanOf(root), documentIndex,
    target: ref ? { kind: scalarText(get(ref, 'kind')) ?? '', name: scalarText(get(ref, 'name')) ?? '', span: spanOf(ref) } : undefined,
    minReplicas: locatedNumber(get(spec, 'minReplicas')),
    maxReplicas: locatedNumber(get(spec, 'maxReplicas')),
    targetCPUUtilizationPercentage: withKey(spec, 'targetCPUUtilizationPercentage'),
    metrics: isSeq(metrics) ? metrics.items.filter(isMap).map((m) => {
      const type = scalarText(get(m, 'type')) ?? '';
      const source = get(m, type === 'ContainerResource' ? 'containerResource' : 'resource');
      const target = get(source, 'target');
      return {
        type,
        resource: scalarText(get(source, 'name')),
        // v2: target.type/averageUtilization; v2beta1: targetAverageUtilization.
        targetType: scalarText(get(target, 'type')) ?? (get(source, 'targetAverageUtilization') ? 'Utilization' : undefined),
        averageUtilization: locatedNumber(get(target, 'averageUtilization') ?? get(source, 'targetAverageUtilization')),
        span: spanOf(m as Node),
      };
    }) : [],
    behavior: (['scaleUp', 'scaleDown'] as const).filter((d) => get(behavior, d)).map((direction) => {
      const rules = get(behavior, direction);
      const policies = get(rules, 'policies');
      return {
        direction,
        stabilizationWindowSeconds: locatedNumber(get(rules, 'stabilizationWindowSeconds')),
        policies: isSeq(policies) ? policies.items.filter(isMap).map((p) => ({
          type: scalarText(get(p, 'type')), value: locatedNumber(get(p, 'value')), periodSeconds: locatedNumber(get(p, 'periodSeconds')),
        })) : [],
      };
    }),
  };
}

/**
 * Helm values: every mapping with a `resources:` holding requests/limits is a workload section (the
 * chart convention), with its sibling `replicaCount`, `env`/`extraEnv` and `autoscaling`.
 */
export function valuesModel(documents: Document.Parsed[]): YamlModel {
  const model: YamlModel = { workloads: [], hpas: [], syntaxErrors: [] };
  documents.forEach((document, documentIndex) => {
    for (const error of document.errors) model.syntaxErrors.push({ message: error.message.split('\n')[0], span: { start: error.pos[0], end: error.pos[1] } });
    const visit = (node: unknown, path: string[], depth: number) => {
      if (!isMap(node) || depth > 12) return;
      const resources = get(node, 'resources');
      const hasResources = isMap(resources) && (get(resources, 'requests') !== undefined || get(resources, 'limits') !== undefined);
      const autoscaling = get(node, 'autoscaling');
      const sectionName = path.join('.') || '(top level)';
      const sectionSpan = path.length > 0 ? keySpanOfPath(document, path) : spanOf(node as Node);
      if (hasResources) {
        const image = get(node, 'image');
        const imageText = scalarText(image) ?? [scalarText(get(image, 'registry')), scalarText(get(image, 'repository'))].filter(Boolean).join('/');
        const envNode = get(node, 'env') ?? get(node, 'extraEnv');
        model.workloads.push({
          kind: 'HelmValues', name: sectionName, labels: {}, valuesPath: sectionName,
          replicas: locatedNumber(get(node, 'replicaCount') ?? get(node, 'replicas')),
          containers: [{
            name: sectionName, image: imageText || undefined, init: false, span: spanOf(node as Node), node: node as YAMLMap,
            resources: resourcesOf(node as YAMLMap, sectionSpan), env: envOf(envNode), envNode,
          }],
          configMaps: [], nameSpan: sectionSpan, span: spanOf(node as Node), documentIndex,
        });
      }
      if (isMap(autoscaling) && (get(autoscaling, 'minReplicas') !== undefined || get(autoscaling, 'maxReplicas') !== undefined)) {
        const enabledText = scalarText(get(autoscaling, 'enabled'));
        model.hpas.push({
          apiVersion: 'helm-values', name: sectionName, nameSpan: keySpan(node, 'autoscaling') ?? sectionSpan, span: spanOf(autoscaling), documentIndex,
          target: { kind: 'HelmValues', name: sectionName, span: sectionSpan },
          minReplicas: locatedNumber(get(autoscaling, 'minReplicas')),
          maxReplicas: locatedNumber(get(autoscaling, 'maxReplicas')),
          targetCPUUtilizationPercentage: withKey(autoscaling, 'targetCPUUtilizationPercentage'),
          targetMemoryUtilizationPercentage: withKey(autoscaling, 'targetMemoryUtilizationPercentage'),
          metrics: [], behavior: [],
          helm: { enabled: enabledText === undefined ? undefined : enabledText === 'true', path: `${sectionName}.autoscaling` },
        });
      }
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.value && String(pair.key.value) !== 'resources') visit(pair.value, [...path, String(pair.key.value)], depth + 1);
      }
    };
    visit(document.contents, [], 0);
  });
  return model;
}

function keySpanOfPath(document: Document.Parsed, path: string[]): Span {
  let node: unknown = document.contents;
  for (const key of path.slice(0, -1)) node = get(node, key);
  return keySpan(node, path[path.length - 1]) ?? spanOf(document.contents as Node);
}
