import type { Finding } from '../../types';
import { type AlloyRule, headerOf, insertAttributeFix, rangeOf } from '../rule-context';
import { forEachKnownBlock } from './walk';
import { navigationSpan } from './spans';
import { recommended } from '../recommended';
import { formatDuration } from '../../quantity';

export const missingRequired: AlloyRule = {
  id: 'alloy/missing-required',
  defaultSeverity: 'error',
  doc: 'A required argument or block is missing (for example memory_limiter check_interval, or the output block every otelcol processor needs): Alloy refuses to load the config ("missing required attribute").',
  sources: [{ document: 'grafana/alloy docs', section: 'reference/components' }],
  check(ctx) {
    const findings: Finding[] = [];
    forEachKnownBlock(ctx, ({ component, block, spec, path }) => {
      if (spec.open) return;
      for (const [name, arg] of Object.entries(spec.args)) {
        if (!arg.required || block.body.some((s) => s.kind === 'attribute' && s.name === name)) continue;
        // The sizing model's value for a missing required argument, where a document recommends one.
        const model = component.name === 'otelcol.processor.memory_limiter' && name === 'check_interval'
          ? recommended(ctx.analysis.catalog, ctx.tier, 'memoryLimiter', 'checkInterval') : undefined;
        const value = model ? `"${formatDuration(model.value)}"` : undefined;
        findings.push({
          code: 'alloy/missing-required',
          severity: 'error',
          message: `${path} needs the argument ${name}: ${arg.doc}${value ? ` ${model!.from} uses ${name} = ${value}.` : ''}`,
          range: rangeOf(ctx, navigationSpan(block)),
          fixes: value ? [insertAttributeFix(ctx, block, name, value, `Add ${name} = ${value}`)] : [],
          ...(model ? { citation: model.citation } : {}),
        });
      }
      for (const [name, child] of Object.entries(spec.blocks)) {
        if (!child.required || block.body.some((s) => s.kind === 'block' && s.name === name)) continue;
        findings.push({
          code: 'alloy/missing-required',
          severity: 'error',
          message: `${headerOf(block)} needs ${/^[aeiou]/.test(name) ? "an" : "a"} ${name} block: ${child.doc} Alloy refuses to load the config without it.`,
          range: rangeOf(ctx, navigationSpan(block)),
        });
      }
    });
    return findings;
  },
};
