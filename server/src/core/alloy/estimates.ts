import type { AnalysisContext } from '../context';
import { formatBytesHuman, formatDuration, formatKubernetesMemory } from '../quantity';
import type { CodeLensResult, InlayHintResult, Range } from '../types';
import type { BlockStmt } from './ast';
import type { AlloyParsed } from './parser';
import type { ComponentIndex } from './components';
import type { TierSelection } from './tier';
import { bytesArg, durationArg, known, numberArg } from './rules/values';

// Inline capacity estimates for the components that size a pipeline. Each label is short; the
// tooltip says where the numbers come from.

export function inlayHints(parsed: AlloyParsed, index: ComponentIndex, range: Range, tier: TierSelection | undefined): InlayHintResult[] {
  const hints: InlayHintResult[] = [];
  const startLine = range.start.line;
  const endLine = range.end.line;
  for (const block of index.components.values()) {
    const line = parsed.lines.positionAt(block.openBrace.end).line;
    if (line < startLine || line > endLine) continue;
    const label = estimate(block, tier);
    if (!label) continue;
    hints.push({ position: parsed.lines.positionAt(parsed.lines.lineEnd(line)), label: label.text, tooltip: label.tooltip, paddingLeft: true });
  }
  return hints;
}

function estimate(block: BlockStmt, tier: TierSelection | undefined): { text: string; tooltip: string } | undefined {
  if (block.name === 'otelcol.processor.batch') {
    const size = numberArg(block, 'send_batch_size', 2000);
    const max = numberArg(block, 'send_batch_max_size', 3000);
    const timeout = durationArg(block, 'timeout', 200);
    if (!known(size) || !known(max) || !known(timeout)) return undefined;
    return {
      text: `≈ flush at ${size.value} items or every ${formatDuration(timeout.value)} · ≤ ${max.value === 0 ? 'unbounded' : max.value} items/request`,
      tooltip: 'Headroom: a batch is sent when send_batch_size items are waiting or timeout has passed since the last send; send_batch_max_size splits larger batches (0 = no limit). Alloy 1.18 defaults: 2000 / 3000 / 200ms.',
    };
  }
  if (block.name === 'otelcol.processor.memory_limiter') {
    const limit = bytesArg(block, 'limit');
    if (!known(limit) || limit.value <= 0) return undefined;
    const spike = bytesArg(block, 'spike_limit');
    const spikeBytes = known(spike) ? spike.value : limit.value * 0.2;
    const container = tier?.tier.limits?.memory ?? tier?.tier.requests?.memory;
    const share = container ? ` · ${Math.round((limit.value / container) * 100)}% of ${formatKubernetesMemory(container)} (${tier!.tier.tier} tier)` : '';
    return {
      text: `≈ refuses data above ${formatBytesHuman(limit.value - spikeBytes)}${share}`,
      tooltip: 'Headroom: the soft limit is limit − spike_limit (spike_limit defaults to 20% of limit). Above it the processor refuses data; above limit it forces GC.',
    };
  }
  if (block.name === 'otelcol.receiver.otlp' && tier?.tier.throughput) {
    const { value, unit } = tier.tier.throughput;
    return {
      text: `≈ sized for ${value.toLocaleString('en-US')} ${unit} (${tier.tier.tier} tier)`,
      tooltip: `Headroom: ${tier.tier.source.document} § ${tier.tier.source.section}${tier.tier.notes?.length ? ` — ${tier.tier.notes.join('; ')}` : ''}`,
    };
  }
  return undefined;
}

/** One lens at the top of the file: the tier it is checked against and what that tier is sized for. */
export function codeLenses(parsed: AlloyParsed, ctx: AnalysisContext, tier: TierSelection | undefined): CodeLensResult[] {
  if (!tier) return [];
  const t = tier.tier;
  const parts = [`Headroom: ${t.workload} tier ${t.tier} (from ${tier.how})`];
  if (t.throughput) parts.push(`≤ ${t.throughput.value.toLocaleString('en-US')} ${t.throughput.unit}`);
  if (t.replicas) parts.push(`${t.replicas} replica${t.replicas === 1 ? '' : 's'}`);
  if (t.monthlyCost !== undefined) parts.push(`≈ $${t.monthlyCost.toLocaleString('en-US')}/month (deployment, ${t.source.document})`);
  void ctx;
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, title: parts.join(' · ') }];
}
