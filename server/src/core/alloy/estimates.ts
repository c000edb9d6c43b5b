import type { AnalysisContext } from '../context';
import { formatBytesHuman, formatDuration, formatKubernetesMemory } from '../quantity';
import type { CodeLensResult, InlayHintResult, Range } from '../types';
import { cite } from '../capacity/figures';
import { OTLP_RPS_BY_MEMORY, benchmarkThroughput } from '../capacity/formulas';
import { describeBand } from '../capacity/load';
import { describeSustained, sustainedBy } from '../capacity/sustains';
import type { BlockStmt } from './ast';
import type { AlloyParsed } from './parser';
import type { ComponentIndex } from './components';
import type { TierSelection } from './tier';
import { batchDefaults, bytesArg, durationArg, known, numberArg } from './rules/values';
import { resolveAlloyVersion } from './schema/versions';

// Inline capacity estimates for the components that size a pipeline. Each label is short; the
// tooltip says where the numbers come from.

export function inlayHints(parsed: AlloyParsed, index: ComponentIndex, range: Range, tier: TierSelection | undefined, ctx: AnalysisContext): InlayHintResult[] {
  const hints: InlayHintResult[] = [];
  const startLine = range.start.line;
  const endLine = range.end.line;
  for (const block of index.components.values()) {
    const line = parsed.lines.positionAt(block.openBrace.end).line;
    if (line < startLine || line > endLine) continue;
    const label = estimate(block, tier, index, ctx);
    if (!label) continue;
    hints.push({ position: parsed.lines.positionAt(parsed.lines.lineEnd(line)), label: label.text, tooltip: label.tooltip, paddingLeft: true });
  }
  return hints;
}

/** `1,000–10,000 OTLP requests/minute`: what the tier is sized for, as its document bounds it. */
export function sizedFor(tier: TierSelection['tier']): string | undefined {
  const band = tier.load?.find((b) => b.metric === 'otlpRequestsPerMinute') ?? tier.load?.[0];
  return band ? describeBand(band) : undefined;
}

function estimate(block: BlockStmt, tier: TierSelection | undefined, index: ComponentIndex, ctx: AnalysisContext): { text: string; tooltip: string } | undefined {
  if (block.name === 'otelcol.processor.batch') {
    const version = resolveAlloyVersion(ctx.config.alloyVersion);
    const defaults = batchDefaults(version);
    const size = numberArg(block, 'send_batch_size', defaults.size);
    const max = numberArg(block, 'send_batch_max_size', defaults.max);
    const timeout = durationArg(block, 'timeout', defaults.timeoutMs);
    if (!known(size) || !known(max) || !known(timeout)) return undefined;
    return {
      text: `≈ flush at ${size.value} items or every ${formatDuration(timeout.value)} · ≤ ${max.value === 0 ? 'unbounded' : max.value} items/request`,
      tooltip: `Headroom: a batch is sent when send_batch_size items are waiting or timeout has passed since the last send; send_batch_max_size splits larger batches (0 = no limit). Alloy ${version} defaults: ${defaults.size} / ${defaults.max} / ${formatDuration(defaults.timeoutMs)}.`,
    };
  }
  if (block.name === 'otelcol.processor.memory_limiter') {
    const limit = bytesArg(block, 'limit');
    if (!known(limit) || limit.value <= 0) return undefined;
    const spike = bytesArg(block, 'spike_limit');
    const spikeBytes = known(spike) ? spike.value : limit.value * 0.2;
    // Only a memory limit is a ceiling: the kernel OOM-kills at the limit, a request reserves, it does not cap.
    const container = tier?.tier.limits?.memory;
    const share = container ? ` · ${Math.round((limit.value / container) * 100)}% of the ${formatKubernetesMemory(container)} limit (${tier!.tier.tier} tier)` : '';
    return {
      text: `≈ refuses data above ${formatBytesHuman(limit.value - spikeBytes)}${share}`,
      tooltip: 'Headroom: the soft limit is limit − spike_limit (spike_limit defaults to 20% of limit). Above it the processor refuses data; above limit it forces GC.',
    };
  }
  if (block.name === 'otelcol.receiver.otlp') {
    if (tier) {
      const band = sizedFor(tier.tier);
      if (!band) return undefined;
      const reasons = tier.selection?.reasons.length ? ` Chosen from the load: ${tier.selection.reasons.join('; ')}.` : '';
      return { text: `≈ ${tier.tier.tier} tier: ${band}`, tooltip: `Headroom: ${cite(tier.tier.source)}.${reasons}` };
    }
    return sustainedEstimate(index, ctx);
  }
  return undefined;
}

/**
 * No tier and no load: what the pipeline sustains, from the memory it may use (the Alloy pod's limit or
 * request in the workspace, else the memory limiter's limit) and seed 000's OTLP ingestion benchmark.
 */
function sustainedEstimate(index: ComponentIndex, ctx: AnalysisContext): { text: string; tooltip: string } | undefined {
  for (const facts of ctx.workspace.all()) {
    for (const workload of facts.workloads) {
      if (workload.workload !== 'alloy') continue;
      const container = workload.containers.find((c) => c.limits.memory !== undefined || c.requests.memory !== undefined);
      if (!container) continue;
      const sustained = sustainedBy(ctx.catalog, 'alloy', { replicas: workload.replicas, requests: container.requests, limits: container.limits });
      if (sustained) return { text: describeSustained(sustained), tooltip: `Headroom estimate for ${workload.kind} ${workload.name}: ${sustained.how}. No tier or load is stated; add \`// headroom: load otlp=<requests>/min\` to check against one.` };
    }
  }
  const limiter = [...index.components.values()].find((b) => b.name === 'otelcol.processor.memory_limiter');
  const limit = limiter ? bytesArg(limiter, 'limit') : undefined;
  if (!known(limit) || limit.value <= 0) return undefined;
  const { rps, capped } = benchmarkThroughput(OTLP_RPS_BY_MEMORY, limit.value);
  return {
    text: `≈ ${capped ? '≥ ' : ''}${(rps * 60).toLocaleString('en-US')} OTLP requests/minute per pod`,
    tooltip: `Headroom estimate: the memory limiter lets this pipeline use up to ${formatBytesHuman(limit.value)}; seed 000's OTLP benchmark measured ${rps.toLocaleString('en-US')} req/s at that memory in use (${cite(OTLP_RPS_BY_MEMORY.source)}). No tier or load is stated; add \`// headroom: load otlp=<requests>/min\` to check against one.`,
  };
}

/** One lens at the top of the file: the tier it is checked against and what that tier is sized for. */
export function codeLenses(_parsed: AlloyParsed, _ctx: AnalysisContext, tier: TierSelection | undefined): CodeLensResult[] {
  if (!tier) return [];
  const t = tier.tier;
  const parts = [`Headroom: ${t.workload} tier ${t.tier} (from ${tier.how})`];
  const band = sizedFor(t);
  if (band) parts.push(band);
  if (t.replicas) parts.push(`${t.replicas} replica${t.replicas === 1 ? '' : 's'}`);
  if (t.monthlyCost !== undefined) parts.push(`≈ $${t.monthlyCost.toLocaleString('en-US')}/month (deployment, ${t.fieldSources?.monthlyCost?.document ?? t.source.document})`);
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, title: parts.join(' · ') }];
}
