import type { Finding, Fix } from '../../types';
import { formatGoMemLimit, parseGoMemLimit, parseMemoryQuantity } from '../../quantity';
import { citeField } from '../../capacity/catalog';
import type { ContainerModel, WorkloadModel } from '../model';
import { type K8sRule, type K8sRuleContext, describe, rangeOf } from '../context';
import { GO_WORKLOADS, alloyVersion } from '../detect';
import { appendToSeq, insertIntoMap, replaceScalar } from '../edits';
import { get, scalarText } from '../model';

const MiB = 2 ** 20;
/** Seed 004 pairs a 2Gi limit with GOMEMLIMIT 1800MiB (88%) and 128Mi with 100MiB (78%). */
const SHARE = 0.88;
/** Above this share the runtime has no room left for goroutine stacks, cgo and the page cache. */
const MAX_SHARE = 0.95;
const SOURCE = { document: '004_8f602a648d2b47bd.txt', section: 'Performance Tuning > Gateway Environment Variables' };

/** The recommendation: the tier's own GOMEMLIMIT when it has one for this limit, else 88% rounded down. */
function recommended(limit: number, tierValue: number | undefined, tierLimit: number | undefined): number {
  if (tierValue !== undefined && tierLimit === limit) return tierValue;
  const mib = (limit * SHARE) / MiB;
  const step = mib >= 1000 ? 100 : 10;
  return Math.floor(mib / step) * step * MiB;
}

function memoryLimit(container: ContainerModel): number | undefined {
  const limit = container.resources.limits.memory;
  const result = limit ? parseMemoryQuantity(limit.value) : undefined;
  return result?.ok && result.value > 0 ? result.value : undefined;
}

function* goContainers(ctx: K8sRuleContext): Generator<{ workload: WorkloadModel; container: ContainerModel; id: string }> {
  for (const workload of ctx.parsed.model.workloads) {
    const id = ctx.detections.get(workload)?.workload;
    if (!id || !GO_WORKLOADS.has(id)) continue;
    for (const container of workload.containers) if (!container.init) yield { workload, container, id };
  }
}

export const goMemLimitMissing: K8sRule = {
  id: 'k8s/gomemlimit-missing',
  defaultSeverity: 'warning',
  doc: 'A Go workload (gateway, OpenTelemetry Collector, agent; Alloy before v1.5, which sets it itself) with a memory limit but no GOMEMLIMIT: the garbage collector does not know the limit and the pod is OOM-killed instead of collecting harder. Seed 004 pairs 2Gi with 1800MiB.',
  sources: [SOURCE],
  check(ctx) {
    const findings: Finding[] = [];
    for (const { workload, container, id } of goContainers(ctx)) {
      const limit = memoryLimit(container);
      // Below 16MiB the limit itself is the problem (k8s/invalid-quantity reports `128m`-style typos).
      if (limit === undefined || limit < 16 * MiB || container.env.some((e) => e.name === 'GOMEMLIMIT')) continue;
      if (id === 'alloy') {
        const version = alloyVersion(container);
        // Alloy sets GOMEMLIMIT from the cgroup limit itself since v1.5 (grafana/alloy#651); unknown tags are assumed current.
        if (!version || version[0] > 1 || version[1] >= 5) continue;
      }
      // The opentelemetry-collector chart sets GOMEMLIMIT to 80% of the limit unless useGOMEMLIMIT is false.
      if (id === 'otel-collector' && workload.kind === 'HelmValues' && scalarText(get(container.node, 'useGOMEMLIMIT')) !== 'false') continue;
      const tier = ctx.detections.get(workload)?.tier;
      const value = formatGoMemLimit(recommended(limit, tier?.goMemLimit, tier?.limits?.memory));
      const item = ['name: GOMEMLIMIT', `value: "${value}"`];
      let fix: Fix | undefined;
      const title = `Add GOMEMLIMIT=${value}`;
      if (container.envNode) fix = appendToSeq(ctx.parsed.lines, container.envNode, item, title);
      else if (workload.kind !== 'HelmValues') fix = insertIntoMap(ctx.parsed.lines, container.node, ['env:', `  - ${item[0]}`, `    ${item[1]}`], title);
      findings.push({
        code: this.id,
        severity: 'warning',
        message: `${describe(workload)}${workload.kind === 'HelmValues' ? '' : `, container ${container.name}`} (${id}, Go) has a ${container.resources.limits.memory!.value} memory limit but no GOMEMLIMIT: the Go runtime does not see the limit and the pod is OOM-killed before the GC reacts. Set GOMEMLIMIT=${value} (about 88% of the limit, as seed 004 pairs 2Gi with 1800MiB).`,
        range: rangeOf(ctx, container.resources.limits.memory!.span),
        fixes: fix ? [fix] : [],
        citation: tier?.goMemLimit ? citeField(tier, 'goMemLimit') : SOURCE,
      });
    }
    return findings;
  },
};

export const goMemLimitValue: K8sRule = {
  id: 'k8s/gomemlimit-value',
  defaultSeverity: 'error',
  doc: 'GOMEMLIMIT that the Go runtime cannot parse (it then ignores it), that is not below the container memory limit, or that leaves under 5% for the runtime.',
  sources: [SOURCE],
  check(ctx) {
    const findings: Finding[] = [];
    for (const workload of ctx.parsed.model.workloads) {
      for (const container of workload.containers) {
        const env = container.env.find((e) => e.name === 'GOMEMLIMIT');
        if (!env?.value || /\{\{/.test(env.value.value)) continue;
        const parsed = parseGoMemLimit(env.value.value);
        const label = `${describe(workload)}${workload.kind === 'HelmValues' ? '' : `, container ${container.name}`}`;
        const limit = memoryLimit(container);
        const tier = ctx.detections.get(workload)?.tier;
        const target = limit !== undefined ? formatGoMemLimit(recommended(limit, tier?.goMemLimit, tier?.limits?.memory)) : undefined;
        if (!parsed.ok) {
          // With a memory limit the fix is the recommended value; without one, the same amount in a unit Go reads.
          const unitFixed = /^(\d+)\s*(K|M|G|T)(i|B|iB)?$/i.exec(env.value.value.trim());
          const replacement = target ?? (unitFixed ? `${unitFixed[1]}${unitFixed[2].toUpperCase()}iB` : undefined);
          findings.push({
            code: this.id, severity: 'error', message: `${label}: ${parsed.error}.`, range: rangeOf(ctx, env.value.span),
            fixes: replacement ? [replaceScalar(ctx.parsed.lines, env.value, replacement, `Use ${replacement}`)] : [],
          });
          continue;
        }
        if (limit === undefined || target === undefined) continue;
        const fix = replaceScalar(ctx.parsed.lines, env.value, target, `Set GOMEMLIMIT to ${target}`);
        if (parsed.value >= limit) {
          findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, env.value.span), fixes: [fix], citation: SOURCE,
            message: `${label}: GOMEMLIMIT ${env.value.value} is not below the memory limit ${container.resources.limits.memory!.value}, so the GC never runs harder before the OOM kill. Use ${target}.` });
        } else if (parsed.value > limit * MAX_SHARE) {
          findings.push({ code: this.id, severity: 'warning', range: rangeOf(ctx, env.value.span), fixes: [fix], citation: SOURCE,
            message: `${label}: GOMEMLIMIT ${env.value.value} is ${Math.round((parsed.value / limit) * 100)}% of the ${container.resources.limits.memory!.value} limit, leaving too little for stacks, cgo and buffers. Use ${target} (seed 004: 2Gi with 1800MiB).` });
        }
      }
    }
    return findings;
  },
};
