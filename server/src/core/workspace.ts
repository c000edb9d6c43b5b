import type { Range } from './types';
import type { FormatId } from './service';
import type { Directive } from './directives';

// Facts one document publishes for the others (cross-file analysis). Quantities are numbers in base
// units: CPU in cores, memory in bytes, durations in milliseconds.

export interface ResourceAmounts {
  cpu?: number;
  memory?: number;
}

export interface ContainerFact {
  name: string;
  image?: string;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  /** GOMEMLIMIT from env, in bytes, when set to a literal. */
  goMemLimit?: number;
  range: Range;
}

export interface WorkloadFact {
  /** Deployment, StatefulSet, DaemonSet, Job, CronJob, or `HelmValues` for a values section. */
  kind: string;
  name: string;
  namespace?: string;
  /** Catalog workload id when detected (`alloy`, `gateway`, `clickhouse`…). */
  workload?: string;
  replicas?: number;
  containers: ContainerFact[];
  /** ConfigMap names mounted by the pod template (links an Alloy config or ClickHouse XML to its pod). */
  configMaps?: string[];
  /** The `headroom:` directive that applies to it, so the capacity report chooses its tier as the rules do. */
  directive?: Directive;
  range: Range;
}

export interface HpaFact {
  name: string;
  namespace?: string;
  apiVersion: string;
  target: { kind: string; name: string };
  minReplicas?: number;
  maxReplicas?: number;
  /** Resource metrics with a Utilization target, e.g. `{ resource: 'cpu', averageUtilization: 70 }`. */
  utilization: { resource: string; averageUtilization?: number; range: Range }[];
  range: Range;
}

export interface MemoryLimiterFact {
  label: string;
  limitBytes?: number;
  limitPercentage?: number;
  range: Range;
}

export interface ClickHouseMemoryFact {
  maxServerMemoryUsage?: number;
  maxServerMemoryUsageToRamRatio?: number;
  range: Range;
}

/** A custom component an Alloy file declares (`declare "name" { argument … export … }`). */
export interface AlloyDeclareFact {
  name: string;
  arguments: { name: string; required: boolean }[];
  /** Export names with their Alloy type (`capsule(otelcol.Consumer)`, `any` when unknown). */
  exports: { name: string; type: string }[];
  range: Range;
}

/** What an Alloy file offers the other files of its folder (`alloy run DIR`) and the files importing it. */
export interface AlloyModuleFact {
  /** Component instances it declares, `name.label`, with the range of their header. */
  components: { key: string; range: Range }[];
  /** `name.label` of the components it references. */
  referenced: string[];
  declares: AlloyDeclareFact[];
}

export interface DocumentFacts {
  uri: string;
  format: FormatId;
  workloads: WorkloadFact[];
  hpas: HpaFact[];
  memoryLimiters: MemoryLimiterFact[];
  clickhouseMemory?: ClickHouseMemoryFact;
  alloy?: AlloyModuleFact;
  /** The document's `headroom:` directives (Alloy and ClickHouse files are sized as a whole by them). */
  directives?: Directive[];
}

/** Read-only view of every analysed document's facts (the open editors plus the workspace scan). */
export interface WorkspaceIndex {
  all(): readonly DocumentFacts[];
  get(uri: string): DocumentFacts | undefined;
}

export const emptyWorkspace: WorkspaceIndex = {
  all: () => [],
  get: () => undefined,
};

export function emptyFacts(uri: string, format: FormatId): DocumentFacts {
  return { uri, format, workloads: [], hpas: [], memoryLimiters: [] };
}
