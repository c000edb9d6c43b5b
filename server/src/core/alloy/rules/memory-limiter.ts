import type { Finding, Fix } from '../../types';
import { formatAlloyBytes, formatBytesHuman, formatKubernetesMemory } from '../../quantity';
import { citeField } from '../../capacity/catalog';
import type { BlockStmt } from '../ast';
import { type AlloyRule, type AlloyRuleContext, componentsNamed, headerOf, rangeOf, replaceFix } from '../rule-context';
import { bytesArg, durationArg, known, numberArg } from './values';
import { navigationSpan } from './spans';
import { COLLECTOR_NAMES } from './unknown-argument';
import { recommended } from '../recommended';
import { formatDuration } from '../../quantity';

/** The memory_limiter docs' default spike limit, and the band outside which the spike setting is suspicious. */
const SPIKE_SHARE = 0.2;
const SPIKE_BAND: [number, number] = [0.1, 0.4];
/**
 * The share of the container's memory limit the limiter may take, leaving the rest for the Go runtime,
 * receivers and exporter queues. Headroom's own margin: neither the capacity documents nor Alloy's
 * memory_limiter page state one (that page only recommends spike_limit ≈ 20% of limit), so messages say
 * "Headroom uses" rather than cite it. The hover reads it from here.
 */
export const CONTAINER_SHARE = 0.8;

function limits(block: BlockStmt) {
  return {
    limit: bytesArg(block, 'limit'),
    spike: bytesArg(block, 'spike_limit'),
    percentage: numberArg(block, 'limit_percentage'),
  };
}

function hasCollectorNames(block: BlockStmt): boolean {
  const aliases = Object.keys(COLLECTOR_NAMES['otelcol.processor.memory_limiter']);
  return block.body.some((s) => s.kind === 'attribute' && aliases.includes(s.name));
}

export const memoryLimiterLimits: AlloyRule = {
  id: 'alloy/memory-limiter-limits',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'otelcol.processor.memory_limiter must set exactly one of limit or limit_percentage, greater than zero; spike_limit must be below limit; check_interval must be above zero. Alloy refuses to start otherwise.',
  sources: [{ document: 'grafana/alloy docs', section: 'otelcol.processor.memory_limiter > Arguments' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const block of componentsNamed(ctx, 'otelcol.processor.memory_limiter')) {
      // limit_mib and friends are reported (and fixed) by alloy/unknown-argument; judging limits now would double-report.
      if (hasCollectorNames(block)) continue;
      const { limit, spike, percentage } = limits(block);
      const error = (message: string, span = navigationSpan(block), fixes: Fix[] = []) =>
        findings.push({ code: this.id, severity: 'error', message: `${headerOf(block)}: ${message}`, range: rangeOf(ctx, span), fixes });
      const limitSet = known(limit) && limit.value > 0;
      const percentageSet = known(percentage) && percentage.value > 0;
      if (limitSet && percentageSet) {
        error('sets both limit and limit_percentage; Alloy accepts only one. Keep limit for containers with a fixed memory limit.',
          percentage!.state === 'set' ? percentage!.attribute.span : navigationSpan(block));
      } else if (!limitSet && !percentageSet && !['unknown', 'invalid'].includes(limit?.state ?? '') && !['unknown', 'invalid'].includes(percentage?.state ?? '')) {
        const example = recommended(ctx.analysis.catalog, ctx.tier, 'memoryLimiter', 'limit');
        error(`sets neither limit nor limit_percentage above zero, so it limits nothing and Alloy refuses to start. Set limit${example ? `, e.g. "${formatAlloyBytes(example.value)}" (${example.from})` : ''}.`);
      }
      if (known(limit) && known(spike) && spike.value >= limit.value && spike.state === 'set') {
        const target = Math.round(limit.value * SPIKE_SHARE);
        error(`spike_limit ${formatBytesHuman(spike.value)} must be below limit ${formatBytesHuman(limit.value)}; Alloy refuses to start. The default is 20% of limit (${formatAlloyBytes(target)}).`,
          spike.attribute.span, [replaceFix(ctx, `Set spike_limit = "${formatAlloyBytes(target)}"`, spike.attribute.value.span, `"${formatAlloyBytes(target)}"`)]);
      }
      const interval = durationArg(block, 'check_interval');
      if (interval?.state === 'set' && interval.value <= 0) {
        const wanted = recommended(ctx.analysis.catalog, ctx.tier, 'memoryLimiter', 'checkInterval');
        const text = wanted ? `"${formatDuration(wanted.value)}"` : undefined;
        error(`check_interval must be above zero${text ? `; ${wanted!.from} uses ${text}` : ''}.`, interval.attribute.span,
          text ? [replaceFix(ctx, `Set check_interval = ${text}`, interval.attribute.value.span, text)] : []);
      }
    }
    return findings;
  },
};

export const memoryLimiterSpike: AlloyRule = {
  id: 'alloy/memory-limiter-spike',
  scope: 'block',
  defaultSeverity: 'warning',
  doc: 'spike_limit far from 20% of limit (below 10% or above 40%): too small and a burst between checks passes the hard limit; too large and the soft limit refuses data long before memory is short. The default is 20%.',
  sources: [{ document: 'grafana/alloy docs', section: 'otelcol.processor.memory_limiter > Arguments' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const block of componentsNamed(ctx, 'otelcol.processor.memory_limiter')) {
      const { limit, spike } = limits(block);
      if (!known(limit) || !known(spike) || spike.state !== 'set' || limit.value <= 0 || spike.value >= limit.value) continue;
      const share = spike.value / limit.value;
      if (share >= SPIKE_BAND[0] && share <= SPIKE_BAND[1]) continue;
      const target = formatAlloyBytes(Math.round(limit.value * SPIKE_SHARE));
      findings.push({
        code: this.id,
        severity: 'warning',
        message: `${headerOf(block)}: spike_limit is ${Math.round(share * 100)}% of limit; ${share < SPIKE_BAND[0] ? 'a burst between checks can pass the hard limit and force GC' : 'the soft limit (limit − spike_limit) refuses data long before memory runs short'}. Use about 20%: "${target}".`,
        range: rangeOf(ctx, spike.attribute.span),
        fixes: [replaceFix(ctx, `Set spike_limit = "${target}"`, spike.attribute.value.span, `"${target}"`)],
      });
    }
    return findings;
  },
};

/**
 * The memory limit the Alloy config runs under: an Alloy workload's container limit in the workspace,
 * else the chosen tier's limit. Only a limit counts: the kernel OOM-kills at the limit, while a request
 * reserves memory and caps nothing.
 */
export function containerMemory(ctx: AlloyRuleContext): { bytes: number; from: string; uri?: string; fact?: { range: Finding['range'] } } | undefined {
  for (const facts of ctx.analysis.workspace.all()) {
    for (const workload of facts.workloads) {
      if (workload.workload !== 'alloy') continue;
      const container = workload.containers.find((c) => c.limits.memory !== undefined);
      if (container) {
        return { bytes: container.limits.memory!, from: `the memory limit of ${workload.kind} ${workload.name} (container ${container.name})`, uri: facts.uri, fact: { range: container.range } };
      }
    }
  }
  const tier = ctx.tier?.tier;
  const bytes = tier?.limits?.memory;
  return tier && bytes ? { bytes, from: `the ${tier.tier} tier's memory limit (${formatKubernetesMemory(bytes)})` } : undefined;
}

export const memoryLimiterVsContainer: AlloyRule = {
  id: 'alloy/memory-limiter-vs-container',
  scope: 'block',
  defaultSeverity: 'warning',
  doc: 'memory_limiter limit must stay below the memory limit of the container that runs Alloy (its pod in the workspace, else the chosen tier\'s limit), with room (Headroom uses 20%) for the Go runtime, receivers and exporter queues; otherwise the kernel kills the pod before the limiter acts. A memory request is not a ceiling and is not compared.',
  sources: [{ document: '000_e875b2fa46e39bfd.txt', section: 'Deployment Sizes' }],
  check(ctx) {
    const container = containerMemory(ctx);
    if (!container) return [];
    const findings: Finding[] = [];
    for (const block of componentsNamed(ctx, 'otelcol.processor.memory_limiter')) {
      const { limit } = limits(block);
      if (!known(limit) || limit.state !== 'set' || limit.value <= container.bytes * CONTAINER_SHARE) continue;
      const target = formatAlloyBytes(Math.floor(container.bytes * CONTAINER_SHARE / 2 ** 20) * 2 ** 20);
      const fixes: Fix[] = [replaceFix(ctx, `Set limit = "${target}"`, limit.attribute.value.span, `"${target}"`)];
      findings.push({
        code: this.id,
        severity: limit.value >= container.bytes ? 'error' : 'warning',
        message: `${headerOf(block)}: limit ${formatBytesHuman(limit.value)} is ${limit.value >= container.bytes ? 'not below' : 'too close to'} ${container.from}; the pod is OOM-killed before the limiter acts. Use at most ${Math.round(CONTAINER_SHARE * 100)}%: "${target}".`,
        range: rangeOf(ctx, limit.attribute.span),
        fixes,
        citation: ctx.tier && !container.uri ? citeField(ctx.tier.tier, 'limits.memory') : undefined,
        related: container.uri && container.fact ? [{ uri: container.uri, range: container.fact.range, message: 'the container running this Alloy config' }] : undefined,
      });
    }
    return findings;
  },
};
