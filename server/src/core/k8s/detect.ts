import type { TierCatalog, TierRecommendation } from '../capacity/catalog-types';
import type { Directive } from '../directives';
import type { HeadroomConfig } from '../config-types';
import { chooseTier, type TierChoice } from '../capacity/choose';
import type { ContainerModel, WorkloadModel } from './model';

/** Images that identify a catalog workload. */
const IMAGES: [RegExp, string][] = [
  [/(^|\/)grafana\/alloy(:|@|$)/, 'alloy'],
  [/clickhouse\/clickhouse-server|(^|\/)clickhouse-server(:|@|$)/, 'clickhouse'],
  [/otel\/opentelemetry-collector|opentelemetry-collector(-contrib|-k8s)?(:|@|$)/, 'otel-collector'],
  [/redpandadata\/redpanda|vectorized\/redpanda/, 'redpanda'],
];

/**
 * Catalog workloads distinctive enough to recognise by a name or values key. `gateway`, `agent`,
 * `ingestion` and `operator` are common words (Grafana Enterprise Metrics has a `gateway:` too): those
 * need the image or a directive.
 */
const NAMED_WORKLOADS = new Set(['alloy', 'clickhouse', 'ai-sorter', 'redpanda', 'postgresql', 'otel-collector']);

/** Workloads written in Go, whose memory limit wants a GOMEMLIMIT below it. */
export const GO_WORKLOADS = new Set(['alloy', 'gateway', 'otel-collector', 'agent']);

export interface Detection {
  workload?: string;
  how?: string;
  tier?: TierRecommendation;
  tierHow?: string;
  /** The tier choice with the stated load, when there is one. */
  choice?: TierChoice;
  /** A stated load that no tier of the workload is sized by. */
  loadProblems?: string[];
}

/**
 * Which catalog workload a Kubernetes workload or Helm values section runs, and which tier it is held
 * to: a `# headroom:` directive wins, then the image, then the name or values key; the tier comes from
 * the directive, then `tiers.<workload>`, then `defaultTier`. Without a tier only tier-independent
 * checks run.
 */
export function detect(workload: WorkloadModel, directive: Directive | undefined, catalog: TierCatalog, config: HeadroomConfig): Detection {
  const known = new Set(catalog.workloads());
  let id: string | undefined;
  let how: string | undefined;
  // A Helm values section named after a catalog workload (`gateway:`, `clickhouse:`) is that workload,
  // whatever a directive further up the file says about another section.
  const key = workload.valuesPath?.split('.').pop();
  const keyNamesWorkload = key !== undefined && known.has(key) && (NAMED_WORKLOADS.has(key) || directive?.workload === key);
  if (keyNamesWorkload) {
    id = key;
    how = `the values key ${workload.valuesPath}`;
  } else if (directive?.workload && known.has(directive.workload)) {
    id = directive.workload;
    how = `the headroom directive on line ${directive.line + 1}`;
  }
  if (!id) {
    for (const container of workload.containers) {
      const match = container.image && IMAGES.find(([pattern]) => pattern.test(container.image!));
      if (match) {
        id = match[1];
        how = `the image ${container.image}`;
        break;
      }
    }
  }
  if (!id) {
    const candidates = [workload.valuesPath?.split('.').pop(), workload.name, workload.labels['app.kubernetes.io/name'], workload.labels.app];
    const name = candidates.find((c) => c && known.has(c) && NAMED_WORKLOADS.has(c));
    if (name) {
      id = name;
      how = workload.valuesPath ? `the values key ${workload.valuesPath}` : `the name ${name}`;
    }
  }
  if (!id) return {};
  const { choice, problems } = chooseTier(catalog, config, id, directive);
  return { workload: id, how, tier: choice?.tier, tierHow: choice?.how, choice, ...(directive?.load && problems.length ? { loadProblems: problems } : {}) };
}

/** The Alloy image version, when the tag says it (v1.5.0 → [1, 5]). */
export function alloyVersion(container: ContainerModel): [number, number] | undefined {
  const match = /:v?(\d+)\.(\d+)/.exec(container.image ?? '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}
