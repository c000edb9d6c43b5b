import type { Finding } from '../../types';
import { formatKubernetesMemory, parseCpuQuantity, parseMemoryQuantity } from '../../quantity';
import { citeField } from '../../capacity/catalog';
import { type K8sRule, describe, rangeOf } from '../context';
import { insertIntoMap } from '../edits';

/** Above this multiple of the tier's value the pod reserves capacity nobody planned for. */
const FAR_ABOVE = 4;

export const overProvisioned: K8sRule = {
  id: 'k8s/over-provisioned',
  defaultSeverity: 'info',
  doc: 'With a tier chosen, a CPU or memory request more than 4× the tier\'s: the scheduler reserves capacity the documents did not plan (and the cost they quote no longer holds). Perhaps a larger tier is meant.',
  sources: [{ document: '000_e875b2fa46e39bfd.txt', section: 'Deployment Sizes' }, { document: '004_8f602a648d2b47bd.txt', section: 'Enterprise Profile > Enterprise Resource Summary' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const workload of ctx.parsed.model.workloads) {
      const detection = ctx.detections.get(workload);
      const tier = detection?.tier;
      if (!tier) continue;
      for (const container of workload.containers.filter((c) => !c.init)) {
        for (const resource of ['cpu', 'memory'] as const) {
          const located = container.resources.requests[resource];
          const parsed = located ? (resource === 'cpu' ? parseCpuQuantity : parseMemoryQuantity)(located.value) : undefined;
          const planned = tier.requests?.[resource];
          if (!parsed?.ok || planned === undefined || parsed.value <= planned * FAR_ABOVE) continue;
          const bigger = ctx.analysis.catalog.tiers(detection!.workload!).find((t) => (t.requests?.[resource] ?? 0) >= parsed.value);
          findings.push({
            code: this.id, severity: 'info', range: rangeOf(ctx, located!.span), citation: citeField(tier, 'requests'),
            message: `${describe(workload)}: requests.${resource} ${located!.value} is over ${FAR_ABOVE}× the ${tier.tier} tier's ${resource === 'cpu' ? planned : formatKubernetesMemory(planned)}${bigger ? `; that is the ${bigger.tier} tier's size — is the tier right?` : '.'}`,
          });
        }
      }
    }
    return findings;
  },
};

export const missingMemoryLimit: K8sRule = {
  id: 'k8s/missing-memory-limit',
  defaultSeverity: 'warning',
  doc: 'With a tier chosen, a container with resources but no memory limit: nothing bounds it but the node, GOMEMLIMIT and the Alloy memory_limiter have nothing to be sized against, and ClickHouse sizes itself from the node\'s RAM. With a tier, the fix adds its limit.',
  sources: [{ document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const workload of ctx.parsed.model.workloads) {
      const detection = ctx.detections.get(workload);
      // Only with a tier: it says what the limit should be. Without one, leaving memory limits out is a
      // deliberate choice in many charts (Grafana's own autoscaling examples set requests only).
      if (!detection?.workload || !detection.tier?.limits?.memory) continue;
      for (const container of workload.containers.filter((c) => !c.init)) {
        const resources = container.resources;
        // Only where resources are written at all: missing-requests covers containers without any.
        if (resources.limits.memory || !resources.resourcesNode || (!resources.requests.memory && !resources.requests.cpu && !resources.limits.cpu)) continue;
        const limit = detection.tier?.limits?.memory;
        const title = limit ? `Add limits.memory: ${formatKubernetesMemory(limit)} (${detection.tier!.tier} tier)` : '';
        const fix = !limit ? undefined : resources.limitsNode ? insertIntoMap(ctx.parsed.lines, resources.limitsNode, [`memory: ${formatKubernetesMemory(limit)}`], title)
          : insertIntoMap(ctx.parsed.lines, resources.resourcesNode, ['limits:', `  memory: ${formatKubernetesMemory(limit)}`], title);
        findings.push({
          code: this.id, severity: 'warning', range: rangeOf(ctx, resources.keySpan ?? resources.span), fixes: fix ? [fix] : [],
          citation: limit ? citeField(detection.tier!, 'limits') : undefined,
          message: `${describe(workload)}${workload.kind === 'HelmValues' ? '' : `, container ${container.name}`} (${detection.workload}) has no memory limit: only the node bounds it, and memory settings inside it have nothing to be sized against.${limit ? ` The ${detection.tier!.tier} tier sets ${formatKubernetesMemory(limit)}.` : ''}`,
        });
      }
    }
    return findings;
  },
};
