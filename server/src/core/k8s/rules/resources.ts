import type { Finding, Fix } from '../../types';
import { formatKubernetesCpu, formatKubernetesMemory, parseCpuQuantity, parseMemoryQuantity, type QuantityResult } from '../../quantity';
import { citeField } from '../../capacity/catalog';
import type { ContainerModel, Located, WorkloadModel } from '../model';
import { type K8sRule, type K8sRuleContext, describe, rangeOf } from '../context';
import { insertIntoMap, replaceScalar } from '../edits';
import { loadRequirements } from '../../capacity/requirements';
import type { TierChoice } from '../../capacity/choose';
import type { TierRecommendation } from '../../capacity/catalog-types';
import type { Citation } from '../../types';

type Resource = 'cpu' | 'memory';
const PARSE: Record<Resource, (text: string) => QuantityResult> = { cpu: parseCpuQuantity, memory: parseMemoryQuantity };
const FORMAT: Record<Resource, (value: number) => string> = { cpu: formatKubernetesCpu, memory: formatKubernetesMemory };

function quantity(resource: Resource, located: Located<string> | undefined): number | undefined {
  if (!located) return undefined;
  const result = PARSE[resource](located.value);
  return result.ok ? result.value : undefined;
}

function* containers(ctx: K8sRuleContext): Generator<{ workload: WorkloadModel; container: ContainerModel }> {
  for (const workload of ctx.parsed.model.workloads) for (const container of workload.containers) yield { workload, container };
}

const where = (workload: WorkloadModel, container: ContainerModel) =>
  workload.kind === 'HelmValues' ? describe(workload) : `${describe(workload)}, container ${container.name}`;

export const invalidQuantity: K8sRule = {
  id: 'k8s/invalid-quantity',
  defaultSeverity: 'error',
  doc: 'A CPU or memory quantity the API server rejects (`2GB`, `1g`, `512mi`, `1K`, a negative value), or one it accepts that is almost certainly not what was meant: `m` on memory is milli-bytes (`128m` = 0.128 bytes), `Mi`/`Gi` on CPU, CPU below 1m (`100u`, counted as 1m), and a suffix or sign with no number (`Mi`, `+`: Kubernetes reads it as 0, as when a template value renders empty).',
  sources: [
    { document: 'kubernetes staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go', section: 'ParseQuantity, MilliValue' },
    { document: 'kubernetes pkg/apis/core/validation/validation.go', section: 'ValidateResourceQuantityValue' },
  ],
  check(ctx) {
    const findings: Finding[] = [];
    for (const { workload, container } of containers(ctx)) {
      for (const section of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory'] as const) {
          const located = container.resources[section][resource];
          if (!located || /\{\{/.test(located.value)) continue;
          const result = PARSE[resource](located.value);
          const label = `${where(workload, container)}: resources.${section}.${resource}`;
          if (!result.ok) {
            const suggestion = resource === 'memory' ? /^(\d+(?:\.\d+)?)\s*([kmgtKMGT])[bB]?$/i.exec(located.value.trim()) : undefined;
            const fixes: Fix[] = suggestion ? [replaceScalar(ctx.parsed.lines, located, `${suggestion[1]}${suggestion[2].toUpperCase()}i`, `Use ${suggestion[1]}${suggestion[2].toUpperCase()}i`)] : [];
            findings.push({ code: this.id, severity: 'error', message: `${label}: ${result.error}; the API server rejects the object.`, range: rangeOf(ctx, located.span), fixes });
          } else if (result.suspicious?.kind === 'milli-bytes') {
            const fixed = `${located.value.trim().slice(0, -1)}Mi`;
            findings.push({ code: this.id, severity: 'warning', message: `${label}: ${result.suspicious.message}`, range: rangeOf(ctx, located.span), fixes: [replaceScalar(ctx.parsed.lines, located, fixed, `Use ${fixed}`)] });
          } else if (result.suspicious) {
            findings.push({ code: this.id, severity: 'warning', message: `${label}: ${result.suspicious.message}.`, range: rangeOf(ctx, located.span) });
          } else if (resource === 'cpu' && /[KMGTPE]i$/.test(located.value.trim())) {
            findings.push({ code: this.id, severity: 'warning', message: `${label}: "${located.value}" uses a memory suffix on CPU: that is ${result.value} cores. Write CPU as cores (2) or millicores (500m).`, range: rangeOf(ctx, located.span) });
          }
        }
      }
    }
    return findings;
  },
};

export const requestsAboveLimits: K8sRule = {
  id: 'k8s/requests-above-limits',
  defaultSeverity: 'error',
  doc: 'A request above its limit: the API server rejects the pod ("must be less than or equal to cpu limit"). None of kube-linter, Polaris or kube-score checks it.',
  sources: [{ document: 'kubernetes', section: 'core/v1 ResourceRequirements' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const { workload, container } of containers(ctx)) {
      for (const resource of ['cpu', 'memory'] as const) {
        const request = container.resources.requests[resource];
        const limit = container.resources.limits[resource];
        const requested = quantity(resource, request);
        const limited = quantity(resource, limit);
        if (requested === undefined || limited === undefined || requested <= limited) continue;
        findings.push({
          code: this.id,
          severity: 'error',
          message: `${where(workload, container)}: requests.${resource} ${request!.value} is above limits.${resource} ${limit!.value}; the API server rejects the pod. Raise the limit or lower the request.`,
          range: rangeOf(ctx, request!.span),
          fixes: [
            replaceScalar(ctx.parsed.lines, limit!, request!.value, `Raise limits.${resource} to ${request!.value}`),
            replaceScalar(ctx.parsed.lines, request!, limit!.value, `Lower requests.${resource} to ${limit!.value}`, false),
          ],
        });
      }
    }
    return findings;
  },
};

export const missingRequests: K8sRule = {
  id: 'k8s/missing-requests',
  defaultSeverity: 'warning',
  doc: 'A container of a workload Headroom sizes (Alloy, gateway, ClickHouse, collector…) with no CPU or memory request: the scheduler places it blind, and an HPA utilisation target on it never acts. With a tier chosen, the fix adds the tier\'s requests; where the document gives the tier only limits (seed 004\'s default gateway), it adds those limits, which Kubernetes then uses as the requests.',
  sources: [{ document: 'kubernetes', section: 'tasks/run-application/horizontal-pod-autoscale' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const { workload, container } of containers(ctx)) {
      const detection = ctx.detections.get(workload);
      if (!detection?.workload || container.init) continue;
      // A request left out defaults to the limit when there is one (core/v1 ResourceRequirements).
      const missing = (['cpu', 'memory'] as const).filter((r) => !container.resources.requests[r] && !container.resources.limits[r]);
      if (missing.length === 0) continue;
      const tier = detection.tier;
      const fixes: Fix[] = [];
      const from = (section: 'requests' | 'limits') => missing.map((r) => [r, tier?.[section]?.[r]] as const).filter(([, v]) => v !== undefined) as [Resource, number][];
      // The tier's requests where the document gives them; else its limits, inserted as limits: never a limit passed off as a request.
      const section: 'requests' | 'limits' = from('requests').length === missing.length || from('limits').length < missing.length ? 'requests' : 'limits';
      const values = from(section);
      if (tier && values.length === missing.length) {
        const lines = values.map(([r, v]) => `${r}: ${FORMAT[r](v)}`);
        const title = `Add ${section} from the ${tier.tier} tier`;
        const node = section === 'requests' ? container.resources.requestsNode : container.resources.limitsNode;
        const fix = node ? insertIntoMap(ctx.parsed.lines, node, lines, title)
          : container.resources.resourcesNode ? insertIntoMap(ctx.parsed.lines, container.resources.resourcesNode, [`${section}:`, ...lines.map((l) => `  ${l}`)], title)
            : insertIntoMap(ctx.parsed.lines, container.node, ['resources:', `  ${section}:`, ...lines.map((l) => `    ${l}`)], title);
        if (fix) fixes.push(fix);
      }
      const said = !tier || values.length === 0 ? ''
        : section === 'requests' ? ` The ${tier.tier} tier requests ${values.map(([r, v]) => `${r} ${FORMAT[r](v)}`).join(', ')}.`
          : ` The ${tier.tier} tier gives no requests, only limits ${values.map(([r, v]) => `${r} ${FORMAT[r](v)}`).join(', ')}; set as limits, Kubernetes uses them as the requests too.`;
      findings.push({
        code: this.id,
        severity: 'warning',
        message: `${where(workload, container)} (${detection.workload}) has no ${missing.join(' or ')} request: the scheduler cannot place it by size and an HPA utilisation target cannot act.${said}`,
        range: rangeOf(ctx, container.resources.keySpan ?? container.resources.span),
        fixes,
        citation: tier && values.length > 0 ? citeField(tier, `${section}.${values[0][0]}`) : undefined,
      });
    }
    return findings;
  },
};

/** What a field must reach: the tier's value, raised by what the stated load requires (documents' formulas). */
function target(tier: TierRecommendation, choice: TierChoice | undefined, workload: string, field: 'replicas' | `${'requests' | 'limits'}.${Resource}`): { value: number; citation: Citation; why?: string } | undefined {
  const [section, resource] = field.split('.') as ['requests' | 'limits' | 'replicas', Resource | undefined];
  const own = section === 'replicas' ? tier.replicas : tier[section]?.[resource!];
  const fromLoad = choice?.load ? loadRequirements(workload, choice.load, tier).find((r) => r.field === field) : undefined;
  if (fromLoad && (own === undefined || fromLoad.value > own)) return { value: fromLoad.value, citation: fromLoad.citation, why: fromLoad.why };
  return own === undefined ? undefined : { value: own, citation: citeField(tier, field) };
}

export const underProvisioned: K8sRule = {
  id: 'k8s/under-provisioned',
  defaultSeverity: 'warning',
  doc: 'With a tier chosen, CPU or memory requests and limits below the tier\'s recommendation (and replicas below its replica count): the documents sized this tier for its throughput with these numbers.',
  sources: [{ document: '000_e875b2fa46e39bfd.txt', section: 'Deployment Sizes' }, { document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const { workload, container } of containers(ctx)) {
      const detection = ctx.detections.get(workload);
      const tier = detection?.tier;
      if (!tier || container.init) continue;
      for (const section of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory'] as const) {
          const located = container.resources[section][resource];
          const current = quantity(resource, located);
          const wanted = target(tier, detection!.choice, detection!.workload!, `${section}.${resource}`);
          if (current === undefined || !wanted || current >= wanted.value) continue;
          const recommended = wanted.value;
          findings.push({
            code: this.id,
            severity: 'warning',
            message: `${where(workload, container)}: ${section}.${resource} ${located!.value} is below ${wanted.why ? `what the load needs, ${FORMAT[resource](recommended)}: ${wanted.why}` : `the ${tier.tier} tier's ${FORMAT[resource](recommended)} for ${detection!.workload}`} (tier from ${detection!.tierHow}).`,
            range: rangeOf(ctx, located!.span),
            fixes: [replaceScalar(ctx.parsed.lines, located!, FORMAT[resource](recommended), `Raise ${section}.${resource} to ${FORMAT[resource](recommended)}`)],
            citation: wanted.citation,
          });
        }
      }
    }
    for (const workload of ctx.parsed.model.workloads) {
      const detection = ctx.detections.get(workload);
      const tier = detection?.tier;
      const wanted = tier ? target(tier, detection!.choice, detection!.workload!, 'replicas') : undefined;
      if (!tier || !wanted || !workload.replicas || workload.replicas.value >= wanted.value) continue;
      findings.push({
        code: this.id,
        severity: 'warning',
        message: `${describe(workload)}: ${workload.replicas.value} replica${workload.replicas.value === 1 ? '' : 's'}, below ${wanted.why ? `what the load needs, ${wanted.value}: ${wanted.why}` : `the ${tier.tier} tier's ${wanted.value} for ${detection!.workload}`}.`,
        range: rangeOf(ctx, workload.replicas.span),
        fixes: [replaceScalar(ctx.parsed.lines, workload.replicas, String(wanted.value), `Set replicas to ${wanted.value}`)],
        citation: wanted.citation,
      });
    }
    return findings;
  },
};
