import { formatKubernetesCpu, formatKubernetesMemory } from '../quantity';
import type { Citation } from '../types';
import type { CapacityReport, Comparison, ResourceRange, Resources, WorkloadEntry } from './model';

// Wording and number formats shared by the Markdown and HTML renderers, so both say the same thing.

export const cite = (c: Citation): string => `${c.document} § ${c.section}`;

export const cpu = (cores: number | undefined): string => (cores === undefined ? '–' : formatKubernetesCpu(round(cores)));
export const memory = (bytes: number | undefined): string => (bytes === undefined ? '–' : formatKubernetesMemory(Math.round(bytes)));
export const count = (n: number): string => Math.round(n).toLocaleString('en-US');
export const dollars = (n: number): string => `$${count(n)}`;

/** Floating sums of millicores (0.1 + 0.2) print as Kubernetes would write them. */
function round(cores: number): number {
  return Math.round(cores * 1000) / 1000;
}

export function range(min: string, max: string): string {
  return min === max ? min : `${min}–${max}`;
}

export function resources(r: Resources): string {
  return `${cpu(r.cpu)} CPU / ${memory(r.memory)}`;
}

export function resourceRange(r: ResourceRange): string {
  return `${range(cpu(r.min.cpu), cpu(r.max.cpu))} CPU / ${range(memory(r.min.memory), memory(r.max.memory))}`;
}

export function replicas(entry: WorkloadEntry): string {
  if (!entry.replicas) return entry.kind === 'DaemonSet' ? 'one per node' : '–';
  const text = range(String(entry.replicas.min), String(entry.replicas.max));
  return entry.replicas.hpa ? `${text} (HPA ${entry.replicas.hpa.name})` : text;
}

export function tier(entry: WorkloadEntry): string {
  if (entry.tier.name) return `${entry.tier.name} (from ${entry.tier.how})`;
  if (entry.tier.inferred) return `${entry.tier.how}; what it sustains fits the ${entry.tier.inferred} tier (an estimate)`;
  return entry.tier.how;
}

export const KIND_LABELS: Record<string, string> = {
  AlloyPipeline: 'Alloy pipeline',
  ClickHouseServer: 'ClickHouse server',
  HelmValues: 'Helm values',
};

export function title(entry: WorkloadEntry): string {
  return `${KIND_LABELS[entry.kind] ?? entry.kind} ${entry.name}${entry.namespace ? ` (${entry.namespace})` : ''}`;
}

/** `requests.memory` 512Mi is below 1Gi recommended. */
export function comparisonValue(c: Comparison, value: number): string {
  if (c.field.endsWith('.cpu')) return cpu(value);
  if (c.field.endsWith('.memory') || c.field.endsWith('memoryLimiter.limit')) return memory(value);
  return count(value);
}

export const VERDICT_WORDS: Record<Comparison['verdict'], string> = { below: 'below', meets: 'meets', above: 'above' };

export function sustained(entry: WorkloadEntry): string | undefined {
  const s = entry.sustained;
  return s ? `${s.atLeast ? '≥' : '≈'} ${count(s.value)} ${s.unit}${s.fits ? ` (${s.fits} tier)` : ''}` : undefined;
}

/** Workloads with a recommendation to draw next to what they request: CPU and memory, at their largest replica count. */
export function chartRows(report: CapacityReport): { label: string; metric: 'cpu' | 'memory'; requested: number; recommended: number }[] {
  const rows: { label: string; metric: 'cpu' | 'memory'; requested: number; recommended: number }[] = [];
  for (const entry of report.workloads) {
    const recommended = entry.recommended?.total?.requests.max;
    const requested = entry.total?.requests.max;
    if (!recommended || !requested) continue;
    for (const metric of ['cpu', 'memory'] as const) {
      if (recommended[metric] !== undefined && requested[metric] !== undefined) {
        rows.push({ label: `${entry.name}${entry.namespace ? ` (${entry.namespace})` : ''}`, metric, requested: requested[metric]!, recommended: recommended[metric]! });
      }
    }
  }
  return rows;
}
