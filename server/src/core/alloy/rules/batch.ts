import type { Finding, Fix } from '../../types';
import { formatDuration } from '../../quantity';
import { citeField } from '../../capacity/catalog';
import { type AlloyRule, componentsNamed, headerOf, insertAttributeFix, rangeOf, replaceFix } from '../rule-context';
import { batchDefaults, durationArg, known, numberArg } from './values';
import { navigationSpan } from './spans';
import { COLLECTOR_NAMES } from './unknown-argument';
import { recommended } from '../recommended';
import type { BlockStmt } from '../ast';

/** Above this a batch waits long enough to hold noticeable memory and add visible latency. */
const LONG_TIMEOUT_MS = 10_000;

export const batchMaxBelowSize: AlloyRule = {
  id: 'alloy/batch-max-below-size',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'otelcol.processor.batch: send_batch_max_size, when not 0, must be >= send_batch_size, or Alloy fails to start ("send_batch_max_size must be greater or equal to send_batch_size when not 0"). Since v1.11 the default max is 3000, so send_batch_size = 8192 alone fails too.',
  sources: [{ document: 'grafana/alloy docs', section: 'otelcol.processor.batch > Arguments' }],
  check(ctx) {
    const findings: Finding[] = [];
    const defaults = batchDefaults(ctx.version);
    for (const block of componentsNamed(ctx, 'otelcol.processor.batch')) {
      const size = numberArg(block, 'send_batch_size', defaults.size);
      const max = numberArg(block, 'send_batch_max_size', defaults.max);
      if (!known(size) || !known(max) || max.value === 0 || max.value >= size.value) continue;
      const recommendedMax = ctx.tier?.tier.batch?.sendBatchMaxSize;
      const newMax = recommendedMax !== undefined && recommendedMax >= size.value ? recommendedMax : size.value;
      const fixes: Fix[] = [];
      if (max.state === 'set') {
        fixes.push(replaceFix(ctx, `Set send_batch_max_size = ${newMax}`, max.attribute.value.span, String(newMax)));
        fixes.push(replaceFix(ctx, 'Set send_batch_max_size = 0 (no upper bound)', max.attribute.value.span, '0', false));
      } else {
        fixes.push(insertAttributeFix(ctx, block, 'send_batch_max_size', String(newMax), `Add send_batch_max_size = ${newMax}`));
      }
      const span = max.state === 'set' ? max.attribute.span : size.state === 'set' ? size.attribute.span : navigationSpan(block);
      findings.push({
        code: this.id,
        severity: 'error',
        message: `${headerOf(block)}: send_batch_max_size ${max.value}${max.state === 'default' ? ' (the default since Alloy v1.11)' : ''} is below send_batch_size ${size.value}; Alloy refuses to start. Set send_batch_max_size to at least ${size.value}${recommendedMax ? ` (the ${ctx.tier!.tier.tier} tier recommends ${recommendedMax})` : ''}, or 0 for no limit.`,
        range: rangeOf(ctx, span),
        fixes,
        citation: recommendedMax ? citeField(ctx.tier!.tier, 'batch') : undefined,
      });
    }
    return findings;
  },
};

export const batchTimeout: AlloyRule = {
  id: 'alloy/batch-timeout',
  scope: 'block',
  defaultSeverity: 'warning',
  doc: 'otelcol.processor.batch timeout of 0 sends every item as it arrives (no batching); a timeout above 10s holds data in memory and delays it.',
  sources: [{ document: 'grafana/alloy docs', section: 'otelcol.processor.batch > Arguments' }],
  check(ctx) {
    const findings: Finding[] = [];
    const defaults = batchDefaults(ctx.version);
    for (const block of componentsNamed(ctx, 'otelcol.processor.batch')) {
      const timeout = durationArg(block, 'timeout', defaults.timeoutMs);
      if (!timeout || timeout.state !== 'set') continue;
      const model = recommended(ctx.analysis.catalog, ctx.tier, 'batch', 'timeout');
      if (!model) continue;
      const target = model.value;
      const fix = replaceFix(ctx, `Set timeout = "${formatDuration(target)}"`, timeout.attribute.value.span, `"${formatDuration(target)}"`);
      if (timeout.value <= 0) {
        findings.push({
          code: this.id, severity: 'warning', range: rangeOf(ctx, timeout.attribute.span), fixes: [fix],
          message: `${headerOf(block)}: timeout ${formatDuration(timeout.value)} flushes every item as it arrives, so nothing is batched. Use "${formatDuration(target)}" (${model.from}).`,
          citation: model.citation,
        });
      } else if (timeout.value > LONG_TIMEOUT_MS) {
        findings.push({
          code: this.id, severity: 'warning', range: rangeOf(ctx, timeout.attribute.span), fixes: [fix],
          message: `${headerOf(block)}: timeout ${formatDuration(timeout.value)} keeps partial batches in memory for over 10s and delays delivery by as much. Use "${formatDuration(target)}" (${model.from}).`,
          citation: model.citation,
        });
      }
    }
    return findings;
  },
};

export const batchTier: AlloyRule = {
  id: 'alloy/batch-tier',
  scope: 'block',
  defaultSeverity: 'info',
  doc: 'When a tier is chosen (or a load stated), otelcol.processor.batch settings are compared with the tier\'s recommendation (seed 000 gives one River configuration for every deployment size).',
  sources: [{ document: '000_e875b2fa46e39bfd.txt', section: 'Performance Tuning > Alloy Configuration Optimization > River Configuration' }],
  check(ctx) {
    const tier = ctx.tier?.tier;
    const recommended = tier?.batch;
    if (!tier || !recommended) return [];
    const findings: Finding[] = [];
    const defaults = batchDefaults(ctx.version);
    for (const block of componentsNamed(ctx, 'otelcol.processor.batch')) {
      const checks: [string, ReturnType<typeof numberArg>, number | undefined, (n: number) => string][] = [
        ['send_batch_size', numberArg(block, 'send_batch_size', defaults.size), recommended.sendBatchSize, String],
        ['send_batch_max_size', numberArg(block, 'send_batch_max_size', defaults.max), recommended.sendBatchMaxSize, String],
        ['timeout', durationArg(block, 'timeout', defaults.timeoutMs), recommended.timeout, (n) => `"${formatDuration(n)}"`],
      ];
      for (const [name, current, target, render] of checks) {
        if (target === undefined || !known(current) || current.value === target) continue;
        // `batch_size = 8192` is being renamed by alloy/unknown-argument; adding send_batch_size too would duplicate it.
        if (current.state === 'default' && hasCollectorAlias(block, name)) continue;
        const shown = name === 'timeout' ? `"${formatDuration(current.value)}"` : String(current.value);
        const fix = current.state === 'set'
          ? replaceFix(ctx, `Set ${name} = ${render(target)}`, current.attribute.value.span, render(target))
          : insertAttributeFix(ctx, block, name, render(target), `Add ${name} = ${render(target)}`);
        findings.push({
          code: this.id,
          severity: 'info',
          message: `${headerOf(block)}: ${name} is ${shown}${current.state === 'default' ? ' (Alloy default)' : ''}; the ${tier.tier} tier (chosen by ${ctx.tier!.how}) recommends ${render(target)}.`,
          range: rangeOf(ctx, current.state === 'set' ? current.attribute.span : navigationSpan(block)),
          fixes: [fix],
          citation: citeField(tier, `batch.${name === 'send_batch_size' ? 'sendBatchSize' : name === 'send_batch_max_size' ? 'sendBatchMaxSize' : 'timeout'}`),
        });
      }
    }
    return findings;
  },
};

function hasCollectorAlias(block: BlockStmt, alloyName: string): boolean {
  const aliases = Object.entries(COLLECTOR_NAMES[block.name] ?? {}).filter(([, v]) => v.alloy === alloyName).map(([k]) => k);
  return block.body.some((s) => s.kind === 'attribute' && aliases.includes(s.name));
}
