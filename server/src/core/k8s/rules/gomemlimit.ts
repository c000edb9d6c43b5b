import type { Finding, Fix } from '../../types';
import type { TierCatalog, TierRecommendation } from '../../capacity/catalog-types';
import { formatGoMemLimit, formatKubernetesMemory, goMemLimitCorrection, goMemLimitIsOff, parseGoMemLimit, parseMemoryQuantity } from '../../quantity';
import { citeField } from '../../capacity/catalog';
import type { ContainerModel, WorkloadModel } from '../model';
import { type K8sRule, type K8sRuleContext, describe, rangeOf } from '../context';
import { GO_WORKLOADS, alloyVersion } from '../detect';
import { appendToSeq, insertIntoMap, replaceScalar } from '../edits';
import { get, scalarText } from '../model';

const MiB = 2 ** 20;
/** Above this share the runtime has no room left for goroutine stacks, cgo and the page cache. */
const MAX_SHARE = 0.95;
const SOURCE = { document: '004_8f602a648d2b47bd.txt', section: 'Performance Tuning > Gateway Environment Variables' };

/** A memory limit and the GOMEMLIMIT a capacity document pairs with it. */
interface Pairing {
  tier: TierRecommendation;
  limit: number;
  goMemLimit: number;
}

/**
 * The pairing a recommendation follows: the tier's own when it is for this limit; else the same workload's
 * in the catalog; else the catalog's largest (seed 004's gateway: 1800MiB for 2Gi). The share is computed
 * from it, never written down.
 */
function pairingFor(catalog: TierCatalog, workload: string, tier: TierRecommendation | undefined): Pairing | undefined {
  const pairings = catalog.workloads().flatMap((w) => catalog.tiers(w))
    .filter((t) => t.goMemLimit !== undefined && t.limits?.memory !== undefined)
    .map((t) => ({ tier: t, limit: t.limits!.memory!, goMemLimit: t.goMemLimit! }));
  return pairings.find((p) => p.tier === tier) ?? pairings.find((p) => p.tier.workload === workload)
    ?? [...pairings].sort((a, b) => b.limit - a.limit)[0];
}

/** The recommendation: the pairing's own GOMEMLIMIT for its limit, else the pairing's share of this limit, rounded down. */
function recommended(limit: number, pairing: Pairing | undefined): number | undefined {
  if (!pairing) return undefined;
  if (pairing.limit === limit) return pairing.goMemLimit;
  const mib = (limit * pairing.goMemLimit) / pairing.limit / MiB;
  const step = mib >= 1000 ? 100 : 10;
  return Math.floor(mib / step) * step * MiB;
}

const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** Why the value: its share of this limit, and the document's pairing it follows. */
function rationale(value: number, limit: number, limitText: string, pairing: Pairing): string {
  const pair = `the ${pairing.tier.tier} ${pairing.tier.workload} tier pairs ${formatKubernetesMemory(pairing.limit)} with ${formatGoMemLimit(pairing.goMemLimit)}`;
  return `${percent(value, limit)} of the ${limitText} limit; ${pair}`;
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
  doc: 'A Go workload (gateway, OpenTelemetry Collector, agent; Alloy before v1.5, which sets it itself) with a memory limit but no GOMEMLIMIT: the garbage collector does not know the limit and the pod is OOM-killed instead of collecting harder. The value offered follows the capacity documents\' pairing of a memory limit with a GOMEMLIMIT (seed 004: 2Gi with 1800MiB, 128Mi with 100MiB).',
  sources: [SOURCE],
  check(ctx) {
    const findings: Finding[] = [];
    for (const { workload, container, id } of goContainers(ctx)) {
      const limit = memoryLimit(container);
      // Below 16MiB the limit itself is the problem (k8s/invalid-quantity reports `128m`-style typos).
      if (limit === undefined || limit < 16 * MiB || container.env.some((e) => e.name === 'GOMEMLIMIT')) continue;
      if (id === 'alloy') {
        const version = alloyVersion(container);
        // Alloy sets GOMEMLIMIT to 90% of the cgroup memory limit itself since v1.5.0 (grafana/alloy#1188,
        // commit 282005f5, first tagged v1.5.0); unknown tags are assumed current.
        if (!version || version[0] > 1 || version[1] >= 5) continue;
      }
      // The opentelemetry-collector chart sets GOMEMLIMIT to 80% of the limit unless useGOMEMLIMIT is false.
      if (id === 'otel-collector' && workload.kind === 'HelmValues' && scalarText(get(container.node, 'useGOMEMLIMIT')) !== 'false') continue;
      const tier = ctx.detections.get(workload)?.tier;
      const pairing = pairingFor(ctx.analysis.catalog, id, tier);
      const bytes = recommended(limit, pairing);
      if (bytes === undefined || !pairing) continue;
      const value = formatGoMemLimit(bytes);
      const limitText = container.resources.limits.memory!.value;
      const item = ['name: GOMEMLIMIT', `value: "${value}"`];
      let fix: Fix | undefined;
      const title = `Add GOMEMLIMIT=${value}`;
      if (container.envNode) fix = appendToSeq(ctx.parsed.lines, container.envNode, item, title);
      else if (workload.kind !== 'HelmValues') fix = insertIntoMap(ctx.parsed.lines, container.node, ['env:', `  - ${item[0]}`, `    ${item[1]}`], title);
      findings.push({
        code: this.id,
        severity: 'warning',
        message: `${describe(workload)}${workload.kind === 'HelmValues' ? '' : `, container ${container.name}`} (${id}, Go) has a ${limitText} memory limit but no GOMEMLIMIT: the Go runtime does not see the limit and the pod is OOM-killed before the GC reacts. Set GOMEMLIMIT=${value} (${rationale(bytes, limit, limitText, pairing)}).`,
        range: rangeOf(ctx, container.resources.limits.memory!.span),
        fixes: fix ? [fix] : [],
        citation: citeField(pairing.tier, 'goMemLimit'),
      });
    }
    return findings;
  },
};

export const goMemLimitValue: K8sRule = {
  id: 'k8s/gomemlimit-value',
  defaultSeverity: 'error',
  doc: 'GOMEMLIMIT that the Go runtime cannot parse: it throws "malformed GOMEMLIMIT" while it starts and the process exits, so the container crash-loops (golang/go src/runtime/mgcpacer.go readGOMEMLIMIT). Also GOMEMLIMIT off or empty (no soft limit, as if unset), not below the container memory limit, or leaving under 5% of it for the runtime.',
  sources: [{ document: 'golang/go src/runtime/mgcpacer.go', section: 'readGOMEMLIMIT' }, SOURCE],
  check(ctx) {
    const findings: Finding[] = [];
    for (const workload of ctx.parsed.model.workloads) {
      for (const container of workload.containers) {
        const env = container.env.find((e) => e.name === 'GOMEMLIMIT');
        if (!env?.value || /\{\{/.test(env.value.value)) continue;
        const text = env.value.value;
        const parsed = parseGoMemLimit(text);
        const label = `${describe(workload)}${workload.kind === 'HelmValues' ? '' : `, container ${container.name}`}`;
        const limit = memoryLimit(container);
        const limitText = container.resources.limits.memory?.value;
        const detection = ctx.detections.get(workload);
        const pairing = limit !== undefined ? pairingFor(ctx.analysis.catalog, detection?.workload ?? '', detection?.tier) : undefined;
        const bytes = limit !== undefined ? recommended(limit, pairing) : undefined;
        const target = bytes !== undefined ? formatGoMemLimit(bytes) : undefined;
        const why = bytes !== undefined && limit !== undefined && pairing ? ` (${rationale(bytes, limit, limitText!, pairing)})` : '';
        const setTarget = target ? replaceScalar(ctx.parsed.lines, env.value, target, `Set GOMEMLIMIT to ${target}`, false) : undefined;
        if (!parsed.ok) {
          // A correction that keeps the written amount is offered first when the value means one thing only.
          const correction = goMemLimitCorrection(text);
          const fixes = [
            ...(correction ? [replaceScalar(ctx.parsed.lines, env.value, correction, `Use ${correction}`)] : []),
            ...(setTarget && target !== correction ? [setTarget] : []),
          ];
          findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, env.value.span), fixes,
            message: `${label}: ${parsed.error}.${correction ? ` ${text} means ${correction}.` : ''}` });
          continue;
        }
        if (goMemLimitIsOff(text)) {
          if (limit === undefined || !target) continue;
          findings.push({ code: this.id, severity: 'warning', range: rangeOf(ctx, env.value.span), fixes: setTarget ? [{ ...setTarget, isPreferred: true }] : [], citation: citeField(pairing!.tier, 'goMemLimit'),
            message: `${label}: GOMEMLIMIT "${text}" means no soft limit, as if it were unset: the Go runtime does not see the ${limitText} limit and the pod is OOM-killed before the GC reacts. Use ${target}${why}.` });
          continue;
        }
        if (limit === undefined || target === undefined) continue;
        const fix = { ...setTarget!, isPreferred: true };
        if (parsed.value >= limit) {
          findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, env.value.span), fixes: [fix], citation: citeField(pairing!.tier, 'goMemLimit'),
            message: `${label}: GOMEMLIMIT ${text} is not below the memory limit ${limitText}, so the GC never runs harder before the OOM kill. Use ${target}${why}.` });
        } else if (parsed.value > limit * MAX_SHARE) {
          findings.push({ code: this.id, severity: 'warning', range: rangeOf(ctx, env.value.span), fixes: [fix], citation: citeField(pairing!.tier, 'goMemLimit'),
            message: `${label}: GOMEMLIMIT ${text} is ${percent(parsed.value, limit)} of the ${limitText} limit, leaving too little for stacks, cgo and buffers. Use ${target}${why}.` });
        }
      }
    }
    return findings;
  },
};
