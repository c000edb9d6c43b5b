import type { TierCatalog } from '../capacity/catalog-types';
import type { HeadroomConfig } from '../config-types';
import type { FormatId } from '../service';
import { formatBytesHuman } from '../quantity';
import type { Citation, Range } from '../types';
import type { DocumentFacts, HpaFact, WorkloadFact } from '../workspace';
import { sizeFor, type Requirement, type Sustained, type TierNumbers, type TierReason } from './sizing';

// The capacity report: every workload the documents of a workspace describe, with the tier it is held
// to and why, its replicas and resources per pod and in total, what it sustains and costs, each against
// the tier's recommendation with the document section that recommends it. Built from the workspace
// index (DocumentFacts), so the editor and the CLI report the same thing; every capacity number comes
// from the sizing model through ./sizing.ts. The JSON shape is documented in docs/capacity-report.md.

export const REPORT_SCHEMA = 'headroom-capacity-report/1';

export interface Resources {
  /** CPU cores. */
  cpu?: number;
  /** Bytes. */
  memory?: number;
}

/** A total over the replica range: `min` at the fewest replicas, `max` at the most. */
export interface ResourceRange {
  min: Resources;
  max: Resources;
}

export type Verdict = 'below' | 'meets' | 'above';

export interface Comparison {
  /** `requests.cpu`, `limits.memory`, `replicas.min`, `replicas.max`, `memoryLimiter.limit`. */
  field: string;
  actual: number;
  recommended: number;
  /** How the configuration compares with the recommendation. */
  verdict: Verdict;
  source: Citation;
}

export interface TierInfo {
  /** The tier's name as the document spells it; absent when none is stated. */
  name?: string;
  workload?: string;
  reason: TierReason;
  how: string;
  /** With a stated load: how each metric maps to a tier, with the band's source. */
  reasons?: string[];
  source?: Citation;
  /** With no tier stated: the tier whose load what the configuration sustains falls in (an estimate, never used for checks). */
  inferred?: string;
}

export interface WorkloadEntry {
  /** Stable within a report: `<uri>#<kind>/<namespace>/<name>`. */
  id: string;
  uri: string;
  range: Range;
  format: FormatId;
  /** Deployment, StatefulSet, DaemonSet, …, `HelmValues`, `AlloyPipeline` or `ClickHouseServer`. */
  kind: string;
  name: string;
  namespace?: string;
  /** The sizing model's workload (`alloy`, `gateway`, `clickhouse`…), when Headroom recognises it. */
  workload?: string;
  tier: TierInfo;
  /** Replica range: the HPA's bounds when one targets it, else the fixed count (1 when unset). Absent for DaemonSets and config files. */
  replicas?: { min: number; max: number; hpa?: { name: string; uri: string } };
  /** Sum over the pod's containers; a request left out counts as its limit, as Kubernetes applies it. */
  perPod?: { requests: Resources; limits: Resources };
  /** perPod × replicas. */
  total?: { requests: ResourceRange; limits: ResourceRange };
  recommended?: TierNumbers & { total?: { requests: ResourceRange; limits: ResourceRange } };
  /** What this configuration sustains by the documents' benchmarks and formulas (an estimate; `how` cites them). */
  sustained?: Sustained;
  /** What the stated load requires by the documents' formulas (replicas from agents, requests from volumes…). */
  requirements?: Requirement[];
  comparisons: Comparison[];
  /** For an Alloy pipeline or ClickHouse config: the report entries of the pods that run it. */
  runsIn?: string[];
  notes: string[];
}

export interface Totals {
  workloads: number;
  requests: ResourceRange;
  limits: ResourceRange;
  /** Over the workloads that have a tier: what the tiers recommend in total. */
  recommended: { requests: ResourceRange; limits: ResourceRange; workloads: number };
  /** Sum of the distinct monthly costs the documents give for the chosen tiers (a deployment counted once). */
  monthlyCost?: { value: number; sources: Citation[] };
}

export interface CapacityReport {
  schema: typeof REPORT_SCHEMA;
  workloads: WorkloadEntry[];
  namespaces: (Totals & { namespace: string })[];
  total: Totals;
  /** Every document section a number in the report comes from. */
  sources: Citation[];
}

/** The namespace totals use for workloads with none (Helm values, manifests without metadata.namespace). */
export const NO_NAMESPACE = '(none)';

export function buildCapacityReport(facts: readonly DocumentFacts[], catalog: TierCatalog, config: HeadroomConfig): CapacityReport {
  const ordered = [...facts].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const hpas = ordered.flatMap((doc) => doc.hpas.map((hpa) => ({ hpa, uri: doc.uri })));
  const workloads: WorkloadEntry[] = [];
  for (const doc of ordered) {
    for (const workload of doc.workloads) workloads.push(podEntry(doc, workload, hpas, catalog, config));
  }
  for (const doc of ordered) {
    if (doc.format === 'alloy' || doc.format === 'clickhouse') workloads.push(configEntry(doc, workloads, catalog, config));
  }
  const namespaces = [...new Set(workloads.filter(hasResources).map(namespaceOf))].sort();
  return {
    schema: REPORT_SCHEMA,
    workloads,
    namespaces: namespaces.map((namespace) => ({ namespace, ...totals(workloads.filter((w) => hasResources(w) && namespaceOf(w) === namespace)) })),
    total: totals(workloads.filter(hasResources)),
    sources: collectSources(workloads),
  };
}

function podEntry(doc: DocumentFacts, workload: WorkloadFact, hpas: { hpa: HpaFact; uri: string }[], catalog: TierCatalog, config: HeadroomConfig): WorkloadEntry {
  const notes: string[] = [];
  const scaler = hpas.find(({ hpa, uri }) => hpa.target.kind === workload.kind && hpa.target.name === workload.name
    && (workload.kind === 'HelmValues' ? uri === doc.uri : (hpa.namespace ?? 'default') === (workload.namespace ?? 'default')));
  let replicas: WorkloadEntry['replicas'];
  if (scaler) {
    // autoscaling/v2 HorizontalPodAutoscalerSpec: minReplicas defaults to 1 (k8s.io/api autoscaling/v2/types.go).
    const min = scaler.hpa.minReplicas ?? 1;
    replicas = { min, max: scaler.hpa.maxReplicas ?? min, hpa: { name: scaler.hpa.name, uri: scaler.uri } };
  } else if (workload.kind !== 'DaemonSet') {
    // DeploymentSpec/StatefulSetSpec.replicas defaults to 1 (k8s.io/api apps/v1/types.go).
    const count = workload.replicas ?? 1;
    replicas = { min: count, max: count };
  } else {
    notes.push('A DaemonSet runs one pod per node: totals count one pod.');
  }
  const perPod = { requests: sum(workload.containers.map((c) => c.requests)), limits: sum(workload.containers.map((c) => c.limits)) };
  const counted = replicas ?? { min: 1, max: 1 };
  const total = { requests: scale(perPod.requests, counted), limits: scale(perPod.limits, counted) };
  const entry: WorkloadEntry = {
    id: `${doc.uri}#${workload.kind}/${workload.namespace ?? ''}/${workload.name}`,
    uri: doc.uri,
    range: workload.range,
    format: doc.format,
    kind: workload.kind,
    name: workload.name,
    ...(workload.namespace !== undefined ? { namespace: workload.namespace } : {}),
    ...(workload.workload !== undefined ? { workload: workload.workload } : {}),
    tier: { reason: 'none', how: workload.workload ? 'no tier or load stated' : 'not a workload the capacity documents size' },
    ...(replicas ? { replicas } : {}),
    perPod,
    total,
    comparisons: [],
    notes,
  };
  if (!workload.workload) return entry;
  // The benchmarks size the process the workload runs: the pod's largest container, not its sidecars.
  const main = [...workload.containers].sort((x, y) => (y.limits.memory ?? y.requests.memory ?? 0) - (x.limits.memory ?? x.requests.memory ?? 0))[0];
  const sized = sizeFor(catalog, config, workload.workload, workload.directive, main ? { replicas: counted.max, requests: main.requests, limits: main.limits } : undefined);
  entry.tier = tierInfo(workload.workload, sized);
  if (sized.sustained) entry.sustained = sized.sustained;
  if (sized.requirements.length > 0) entry.requirements = sized.requirements;
  entry.notes.push(...sized.problems);
  const numbers = sized.recommended;
  const compare = (field: string, actual: number | undefined, recommended: { value: number; source: Citation } | undefined) => {
    if (actual !== undefined && recommended !== undefined) entry.comparisons.push(comparison(field, actual, recommended));
  };
  for (const need of sized.requirements) {
    const actual = need.field === 'requests.cpu' ? perPod.requests.cpu : need.field === 'requests.memory' ? perPod.requests.memory : replicas?.max;
    compare(`load.${need.field}`, actual, { value: need.value, source: need.source });
  }
  if (!numbers) return entry;
  const recommendedReplicas = numbers.replicas ?? { min: 1, max: 1 };
  entry.recommended = {
    ...numbers,
    total: {
      requests: scale({ cpu: numbers.requests.cpu?.value, memory: numbers.requests.memory?.value }, recommendedReplicas),
      limits: scale({ cpu: numbers.limits.cpu?.value, memory: numbers.limits.memory?.value }, recommendedReplicas),
    },
  };
  compare('requests.cpu', perPod.requests.cpu, numbers.requests.cpu);
  compare('requests.memory', perPod.requests.memory, numbers.requests.memory);
  compare('limits.cpu', perPod.limits.cpu, numbers.limits.cpu);
  compare('limits.memory', perPod.limits.memory, numbers.limits.memory);
  if (replicas && numbers.replicas) {
    compare('replicas.min', replicas.min, { value: numbers.replicas.min, source: numbers.replicas.source });
    compare('replicas.max', replicas.max, { value: numbers.replicas.max, source: numbers.replicas.source });
  }
  return entry;
}

/** An Alloy pipeline or a ClickHouse server config: sized by the tier of its file, run by the pods of its workload. */
function configEntry(doc: DocumentFacts, pods: WorkloadEntry[], catalog: TierCatalog, config: HeadroomConfig): WorkloadEntry {
  const workload = doc.format === 'alloy' ? 'alloy' : 'clickhouse';
  const directive = doc.directives?.find((d) => (d.workload ?? workload) === workload && d.tier);
  const sized = sizeFor(catalog, config, workload, directive);
  const name = decodeURIComponent(doc.uri.slice(doc.uri.lastIndexOf('/') + 1));
  const runsIn = pods.filter((p) => p.workload === workload && p.perPod).map((p) => p.id);
  const entry: WorkloadEntry = {
    id: `${doc.uri}#${doc.format === 'alloy' ? 'AlloyPipeline' : 'ClickHouseServer'}//${name}`,
    uri: doc.uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    format: doc.format,
    kind: doc.format === 'alloy' ? 'AlloyPipeline' : 'ClickHouseServer',
    name,
    workload,
    tier: tierInfo(workload, sized),
    comparisons: [],
    runsIn,
    notes: [...sized.problems, ...(runsIn.length === 0 ? [`No ${workload} pod in the workspace runs it: its resources are not known here.`] : [])],
  };
  const limiter = doc.memoryLimiters.find((m) => m.limitBytes !== undefined);
  const recommended = sized.recommended?.memoryLimiterLimit;
  if (limiter && recommended) entry.comparisons.push(comparison('memoryLimiter.limit', limiter.limitBytes!, recommended));
  if (doc.clickhouseMemory?.maxServerMemoryUsage !== undefined) entry.notes.push(`max_server_memory_usage is ${formatBytesHuman(doc.clickhouseMemory.maxServerMemoryUsage)}.`);
  return entry;
}

function tierInfo(workload: string, sized: ReturnType<typeof sizeFor>): TierInfo {
  return {
    workload,
    reason: sized.reason,
    how: sized.how,
    ...(sized.reasons.length > 0 ? { reasons: sized.reasons } : {}),
    ...(sized.tier ? { name: sized.tier.tier, source: sized.tier.source } : {}),
    ...(!sized.tier && sized.sustained?.fits ? { inferred: sized.sustained.fits } : {}),
  };
}

function comparison(field: string, actual: number, recommended: { value: number; source: Citation }): Comparison {
  const verdict: Verdict = actual < recommended.value ? 'below' : actual > recommended.value ? 'above' : 'meets';
  return { field, actual, recommended: recommended.value, verdict, source: recommended.source };
}

function hasResources(entry: WorkloadEntry): boolean {
  return entry.total !== undefined;
}

function namespaceOf(entry: WorkloadEntry): string {
  return entry.namespace ?? NO_NAMESPACE;
}

function sum(list: Resources[]): Resources {
  const out: Resources = {};
  for (const item of list) {
    if (item.cpu !== undefined) out.cpu = (out.cpu ?? 0) + item.cpu;
    if (item.memory !== undefined) out.memory = (out.memory ?? 0) + item.memory;
  }
  return out;
}

function scale(resources: Resources, replicas: { min: number; max: number }): ResourceRange {
  const times = (n: number): Resources => ({
    ...(resources.cpu !== undefined ? { cpu: resources.cpu * n } : {}),
    ...(resources.memory !== undefined ? { memory: resources.memory * n } : {}),
  });
  return { min: times(replicas.min), max: times(replicas.max) };
}

function addRange(a: ResourceRange, b: ResourceRange): ResourceRange {
  return { min: sum([a.min, b.min]), max: sum([a.max, b.max]) };
}

function totals(entries: WorkloadEntry[]): Totals {
  const empty = (): ResourceRange => ({ min: {}, max: {} });
  const out: Totals = { workloads: entries.length, requests: empty(), limits: empty(), recommended: { requests: empty(), limits: empty(), workloads: 0 } };
  const costs = new Map<string, { value: number; source: Citation }>();
  for (const entry of entries) {
    out.requests = addRange(out.requests, entry.total!.requests);
    out.limits = addRange(out.limits, entry.total!.limits);
    const recommended = entry.recommended;
    if (recommended?.total) {
      out.recommended.requests = addRange(out.recommended.requests, recommended.total.requests);
      out.recommended.limits = addRange(out.recommended.limits, recommended.total.limits);
      out.recommended.workloads++;
    }
    // A deployment's cost is shared by its workloads (counted once); a workload's is its own.
    const cost = recommended?.monthlyCost;
    if (cost) costs.set(cost.scope === 'deployment' ? `${cost.source.document}§${cost.source.section}§${cost.value}` : entry.id, cost);
  }
  if (costs.size > 0) {
    out.monthlyCost = { value: [...costs.values()].reduce((a, c) => a + c.value, 0), sources: [...costs.values()].map((c) => c.source) };
  }
  return out;
}

function collectSources(entries: WorkloadEntry[]): Citation[] {
  const seen = new Map<string, Citation>();
  const add = (c?: Citation) => { if (c) seen.set(`${c.document}§${c.section}`, c); };
  for (const entry of entries) {
    add(entry.tier.source);
    for (const need of entry.requirements ?? []) add(need.source);
    for (const comparison of entry.comparisons) add(comparison.source);
    const r = entry.recommended;
    if (!r) continue;
    add(r.replicas?.source);
    for (const kind of ['requests', 'limits'] as const) { add(r[kind].cpu?.source); add(r[kind].memory?.source); }
    add(r.throughput?.source);
    add(r.monthlyCost?.source);
  }
  return [...seen.values()].sort((a, b) => (a.document + a.section < b.document + b.section ? -1 : 1));
}
