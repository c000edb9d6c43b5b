import type { Finding, Fix } from '../../types';
import { citeField } from '../../capacity/catalog';
import type { HpaModel } from '../model';
import { type K8sRule, type K8sRuleContext, rangeOf } from '../context';
import { replaceScalar } from '../edits';
import { loadRequirements } from '../../capacity/requirements';

const label = (hpa: HpaModel) => (hpa.helm ? `${hpa.helm.path}` : `HorizontalPodAutoscaler ${hpa.name}`);

export const hpaBounds: K8sRule = {
  id: 'hpa/bounds',
  defaultSeverity: 'error',
  doc: 'maxReplicas below minReplicas, minReplicas below 1, or maxReplicas missing: the API server rejects the HPA ("must be greater than or equal to minReplicas").',
  sources: [{ document: 'kubernetes', section: 'autoscaling/v2 validation' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const hpa of ctx.parsed.model.hpas) {
      const { minReplicas: min, maxReplicas: max } = hpa;
      if (min && max && max.value < min.value) {
        const lines = ctx.parsed.lines;
        const swap: Fix = {
          title: `Swap: minReplicas ${max.value}, maxReplicas ${min.value}`, isPreferred: true,
          edits: [
            { range: lines.range(min.span.start, min.span.end), newText: `${min.quote}${max.value}${min.quote}` },
            { range: lines.range(max.span.start, max.span.end), newText: `${max.quote}${min.value}${max.quote}` },
          ],
        };
        findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, max.span), fixes: [swap, replaceScalar(lines, max, String(min.value), `Set maxReplicas to ${min.value}`, false)],
          message: `${label(hpa)}: maxReplicas ${max.value} is below minReplicas ${min.value}; the API server rejects it.` });
      }
      if (min && min.value < 1) {
        findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, min.span), fixes: [replaceScalar(ctx.parsed.lines, min, '1', 'Set minReplicas to 1')],
          message: `${label(hpa)}: minReplicas ${min.value} needs the alpha HPAScaleToZero gate and an Object or External metric; otherwise it must be at least 1.` });
      }
      if (!max && !hpa.helm) {
        findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, hpa.nameSpan), message: `${label(hpa)} has no maxReplicas, which is required.` });
      }
    }
    return findings;
  },
};

export const hpaV1FieldInV2: K8sRule = {
  id: 'hpa/v1-field',
  defaultSeverity: 'error',
  doc: 'targetCPUUtilizationPercentage exists only in autoscaling/v1; under v2beta1, v2beta2 or v2 it is an unknown field (rejected by strict validation, otherwise dropped, leaving the default 80% CPU target).',
  sources: [{ document: 'kubernetes', section: 'autoscaling/v2 HorizontalPodAutoscalerSpec' }],
  check(ctx) {
    return ctx.parsed.model.hpas.filter((hpa) => !hpa.helm && hpa.apiVersion !== 'autoscaling/v1' && hpa.targetCPUUtilizationPercentage).map((hpa) => {
      const field = hpa.targetCPUUtilizationPercentage!;
      const lines = ctx.parsed.lines;
      const keyLine = lines.positionAt(field.keySpan.start);
      const indent = lines.lineText(keyLine.line).slice(0, keyLine.character);
      const metrics = hpa.apiVersion === 'autoscaling/v2beta1'
        ? ['metrics:', '- type: Resource', '  resource:', '    name: cpu', `    targetAverageUtilization: ${field.value}`]
        : ['metrics:', '- type: Resource', '  resource:', '    name: cpu', '    target:', '      type: Utilization', `      averageUtilization: ${field.value}`];
      const fixes: Fix[] = hpa.metrics.length === 0 ? [{
        title: `Replace with a ${hpa.apiVersion} cpu Resource metric`, isPreferred: true,
        edits: [{ range: lines.range(field.keySpan.start, field.span.end), newText: metrics.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join('\n') }],
      }] : [];
      return {
        code: this.id, severity: 'error' as const, range: rangeOf(ctx, field.keySpan), fixes,
        message: `${label(hpa)}: targetCPUUtilizationPercentage is an autoscaling/v1 field; ${hpa.apiVersion} does not have it, so the ${field.value}% target is rejected or silently dropped. Express it as a Resource metric.`,
      };
    });
  },
};

export const hpaBehavior: K8sRule = {
  id: 'hpa/behavior',
  defaultSeverity: 'error',
  doc: 'behavior out of range: stabilizationWindowSeconds must be 0–3600, policy periodSeconds 1–1800 and value above 0; the API server rejects others.',
  sources: [{ document: 'kubernetes', section: 'autoscaling/v2 HPAScalingRules' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const hpa of ctx.parsed.model.hpas) {
      for (const rules of hpa.behavior) {
        const window = rules.stabilizationWindowSeconds;
        if (window && (window.value < 0 || window.value > 3600)) {
          const fixed = String(Math.min(3600, Math.max(0, window.value)));
          findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, window.span), fixes: [replaceScalar(ctx.parsed.lines, window, fixed, `Set ${fixed}`)],
            message: `${label(hpa)}: behavior.${rules.direction}.stabilizationWindowSeconds ${window.value} must be between 0 and 3600.` });
        }
        for (const policy of rules.policies) {
          if (policy.periodSeconds && (policy.periodSeconds.value <= 0 || policy.periodSeconds.value > 1800)) {
            const fixed = String(Math.min(1800, Math.max(1, policy.periodSeconds.value)));
            findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, policy.periodSeconds.span), fixes: [replaceScalar(ctx.parsed.lines, policy.periodSeconds, fixed, `Set ${fixed}`)],
              message: `${label(hpa)}: behavior.${rules.direction} policy periodSeconds ${policy.periodSeconds.value} must be between 1 and 1800.` });
          }
          if (policy.value && policy.value.value <= 0) {
            findings.push({ code: this.id, severity: 'error', range: rangeOf(ctx, policy.value.span),
              message: `${label(hpa)}: behavior.${rules.direction} policy value ${policy.value.value} must be above 0 (use selectPolicy: Disabled to stop scaling in that direction).` });
          }
        }
      }
    }
    return findings;
  },
};

/** The workload an HPA scales: in this file, else anywhere in the workspace index. */
function targetOf(ctx: K8sRuleContext, hpa: HpaModel) {
  if (!hpa.target || hpa.helm) return undefined;
  const local = ctx.parsed.model.workloads.find((w) => w.kind === hpa.target!.kind && w.name === hpa.target!.name && (w.namespace ?? hpa.namespace) === (hpa.namespace ?? w.namespace));
  if (local) return { uri: ctx.parsed.doc.uri, name: local.name, kind: local.kind, containers: local.containers.filter((c) => !c.init).map((c) => ({ name: c.name, requests: { cpu: (c.resources.requests.cpu ?? c.resources.limits.cpu) !== undefined, memory: (c.resources.requests.memory ?? c.resources.limits.memory) !== undefined }, range: rangeOf(ctx, c.span) })) };
  for (const facts of ctx.analysis.workspace.all()) {
    if (facts.uri === ctx.parsed.doc.uri) continue;
    const remote = facts.workloads.find((w) => w.kind === hpa.target!.kind && w.name === hpa.target!.name && (w.namespace ?? hpa.namespace) === (hpa.namespace ?? w.namespace));
    if (remote) return { uri: facts.uri, name: remote.name, kind: remote.kind, containers: remote.containers.map((c) => ({ name: c.name, requests: { cpu: c.requests.cpu !== undefined, memory: c.requests.memory !== undefined }, range: c.range })) };
  }
  return undefined;
}

export const hpaMissingRequests: K8sRule = {
  id: 'hpa/missing-requests',
  defaultSeverity: 'error',
  doc: 'A Utilization target on cpu or memory while a container of the target workload has no request for it: utilisation is a share of the request, so the HPA "will not take any action for that metric" (Kubernetes HPA docs). Checked when the target is in the same file or another open or scanned file.',
  sources: [{ document: 'kubernetes', section: 'tasks/run-application/horizontal-pod-autoscale' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const hpa of ctx.parsed.model.hpas) {
      const target = targetOf(ctx, hpa);
      if (!target) continue;
      const resources = new Map<string, { span: HpaModel['nameSpan'] }>();
      for (const metric of hpa.metrics) if (metric.type === 'Resource' && metric.targetType === 'Utilization' && metric.resource) resources.set(metric.resource, { span: metric.span });
      if (hpa.targetCPUUtilizationPercentage || (hpa.metrics.length === 0 && hpa.apiVersion !== 'helm-values')) resources.set('cpu', { span: hpa.targetCPUUtilizationPercentage?.keySpan ?? hpa.nameSpan });
      for (const [resource, { span }] of resources) {
        if (resource !== 'cpu' && resource !== 'memory') continue;
        const without = target.containers.filter((c) => !c.requests[resource]);
        if (without.length === 0) continue;
        findings.push({
          code: this.id,
          severity: 'error',
          range: rangeOf(ctx, span),
          message: `${label(hpa)} scales ${target.kind} ${target.name} on ${resource} utilisation, but container${without.length === 1 ? '' : 's'} ${without.map((c) => c.name).join(', ')} ${without.length === 1 ? 'has' : 'have'} no ${resource} request: utilisation cannot be computed, so the HPA never acts on it.`,
          related: without.map((c) => ({ uri: target.uri, range: c.range, message: `container ${c.name} without a ${resource} request` })),
        });
      }
    }
    return findings;
  },
};

export const hpaTier: K8sRule = {
  id: 'hpa/tier',
  defaultSeverity: 'warning',
  doc: 'When the scaled workload\'s tier (or load) is known and a document gives that workload an HPA: minReplicas below the documented minimum, maxReplicas too low to reach the replicas the load needs, and utilisation targets that differ from the value the document sets for that workload (no target is checked where the document sets none).',
  sources: [
    { document: '000_e875b2fa46e39bfd.txt', section: 'Scaling Strategies > Horizontal Scaling' },
    { document: '001_ceeee9e23b0c10f7.txt', section: 'Horizontal Scaling Strategy > Auto-Scaling Configuration' },
    { document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling > Gateway Scaling' },
  ],
  check(ctx) {
    const findings: Finding[] = [];
    for (const hpa of ctx.parsed.model.hpas) {
      const detection = ctx.detections.get(hpa);
      const tier = detection?.tier;
      // Only a document's own HPA for this workload and tier is a recommendation; none is invented.
      if (!tier?.hpa) continue;
      const documented = tier.hpa;
      const why = `${detection!.workload}, ${tier.tier} tier from ${detection!.tierHow}`;
      if (hpa.minReplicas && documented.minReplicas !== undefined && hpa.minReplicas.value < documented.minReplicas) {
        findings.push({ code: this.id, severity: 'warning', range: rangeOf(ctx, hpa.minReplicas.span), citation: citeField(tier, 'hpa.minReplicas'),
          fixes: [replaceScalar(ctx.parsed.lines, hpa.minReplicas, String(documented.minReplicas), `Set minReplicas to ${documented.minReplicas}`)],
          message: `${label(hpa)}: minReplicas ${hpa.minReplicas.value} is below the documented HPA minimum of ${documented.minReplicas} (${why}).` });
      }
      const needed = loadRequirements(detection!.workload!, detection!.choice?.load ?? {}, tier).find((r) => r.field === 'hpa.maxReplicas');
      if (hpa.maxReplicas && needed && hpa.maxReplicas.value < needed.value) {
        findings.push({ code: this.id, severity: 'warning', range: rangeOf(ctx, hpa.maxReplicas.span), citation: needed.citation,
          fixes: [replaceScalar(ctx.parsed.lines, hpa.maxReplicas, String(needed.value), `Set maxReplicas to ${needed.value}`)],
          message: `${label(hpa)}: maxReplicas ${hpa.maxReplicas.value} cannot reach the load: ${needed.why}.` });
      }
      const targets: { resource: 'cpu' | 'memory'; located: NonNullable<HpaModel['minReplicas']> }[] = [];
      if (hpa.targetCPUUtilizationPercentage) targets.push({ resource: 'cpu', located: hpa.targetCPUUtilizationPercentage });
      if (hpa.targetMemoryUtilizationPercentage) targets.push({ resource: 'memory', located: hpa.targetMemoryUtilizationPercentage });
      for (const metric of hpa.metrics) {
        if (metric.averageUtilization && (metric.resource === 'cpu' || metric.resource === 'memory')) targets.push({ resource: metric.resource, located: metric.averageUtilization });
      }
      for (const { resource, located } of targets) {
        const field = resource === 'cpu' ? 'cpuUtilization' : 'memoryUtilization';
        const wanted = documented[field];
        if (wanted === undefined || located.value === wanted) continue;
        findings.push({ code: this.id, severity: 'info', range: rangeOf(ctx, located.span), citation: citeField(tier, `hpa.${field}`),
          fixes: [replaceScalar(ctx.parsed.lines, located, String(wanted), `Set the ${resource} target to ${wanted}%`)],
          message: `${label(hpa)}: ${resource} target ${located.value}%; the document's HPA for ${detection!.workload} targets ${wanted}% (${why}). ${located.value > wanted ? 'Higher, pods run hotter before new ones start.' : 'Lower, the HPA adds pods before they are as busy as sized.'}` });
      }
    }
    return findings;
  },
};
