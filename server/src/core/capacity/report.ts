import type { Citation } from '../types';
import type { HeadroomConfig } from '../config-types';
import type { Directive } from '../directives';
import { citeField } from './catalog';
import type { TierCatalog, TierRecommendation } from './catalog-types';
import { chooseTier } from './choose';
import { type Requirement, loadRequirements } from './requirements';
import { type PodShape, type Sustained, sustainedBy } from './sustains';

// The sizing of one workload, for a capacity report: the tier chosen (or none) and why, what the
// documents recommend for it (each number with its printed token and citation), what the stated load
// requires, and what the configuration as written sustains. Built only from the sizing model, the same
// way the rules and hovers see it.

export interface Cited {
  value: number;
  /** The token as the document prints it, when the number is a document's figure. */
  printed?: string;
  source: Citation;
}

export interface WorkloadSizing {
  workload: string;
  tier?: { name: string; how: string; reasons: string[] };
  recommended?: {
    replicas?: Cited;
    requests: { cpu?: Cited; memory?: Cited };
    limits: { cpu?: Cited; memory?: Cited };
    hpa: { minReplicas?: Cited; maxReplicas?: Cited; cpuUtilization?: Cited; memoryUtilization?: Cited };
    throughput?: Cited & { unit: string };
    monthlyCost?: Cited & { scope: 'deployment' | 'workload' };
  };
  /** What the stated load needs beyond the tier (document formulas), each with its computation. */
  requirements: Requirement[];
  /** What the given pod spec sustains, by the documents' benchmarks and formulas. */
  sustained?: Sustained;
  /** Pod totals of the given spec over its replicas (per pod × replicas). */
  totals?: { cpuRequest?: number; memoryRequest?: number; cpuLimit?: number; memoryLimit?: number };
}

function cited(tier: TierRecommendation, field: string, value: number | undefined): Cited | undefined {
  if (value === undefined) return undefined;
  const figure = tier.figures?.[field];
  return { value, ...(figure ? { printed: figure.printed } : {}), source: citeField(tier, field) };
}

/**
 * Sizes one workload: the tier from a directive (as parsed from the file) or the workspace settings,
 * the document's recommendation for it, the requirements of the stated load and, given the pod spec,
 * what it sustains and its totals.
 */
export function sizeWorkload(catalog: TierCatalog, config: HeadroomConfig, workload: string, options: { directive?: Directive; pod?: PodShape } = {}): WorkloadSizing {
  const { choice } = chooseTier(catalog, config, workload, options.directive);
  const tier = choice?.tier;
  const pod = options.pod;
  const replicas = pod?.replicas ?? 1;
  const times = (n?: number) => (n === undefined ? undefined : n * replicas);
  return {
    workload,
    ...(choice ? { tier: { name: choice.tier.tier, how: choice.how, reasons: choice.selection?.reasons ?? [] } } : {}),
    ...(tier ? {
      recommended: {
        replicas: cited(tier, 'replicas', tier.replicas),
        requests: { cpu: cited(tier, 'requests.cpu', tier.requests?.cpu), memory: cited(tier, 'requests.memory', tier.requests?.memory) },
        limits: { cpu: cited(tier, 'limits.cpu', tier.limits?.cpu), memory: cited(tier, 'limits.memory', tier.limits?.memory) },
        hpa: {
          minReplicas: cited(tier, 'hpa.minReplicas', tier.hpa?.minReplicas), maxReplicas: cited(tier, 'hpa.maxReplicas', tier.hpa?.maxReplicas),
          cpuUtilization: cited(tier, 'hpa.cpuUtilization', tier.hpa?.cpuUtilization), memoryUtilization: cited(tier, 'hpa.memoryUtilization', tier.hpa?.memoryUtilization),
        },
        ...(tier.throughput ? { throughput: { ...cited(tier, 'throughput', tier.throughput.value)!, unit: tier.throughput.unit } } : {}),
        ...(tier.monthlyCost !== undefined ? { monthlyCost: { ...cited(tier, 'monthlyCost', tier.monthlyCost)!, scope: tier.deployment ? 'deployment' as const : 'workload' as const } } : {}),
      },
    } : {}),
    requirements: choice?.load ? loadRequirements(workload, choice.load, tier) : [],
    ...(pod ? {
      sustained: sustainedBy(catalog, workload, pod),
      totals: { cpuRequest: times(pod.requests.cpu), memoryRequest: times(pod.requests.memory), cpuLimit: times(pod.limits.cpu), memoryLimit: times(pod.limits.memory) },
    } : {}),
  };
}
