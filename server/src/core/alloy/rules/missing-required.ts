import type { Finding } from '../../types';
import { availableIn } from '../schema/versions';
import type { ArgSpec, BlockSpec } from '../schema/types';
import { type AlloyRule, headerOf, insertAttributeFix, rangeOf } from '../rule-context';
import { forEachKnownBlock } from './walk';
import { navigationSpan } from './spans';
import { recommended } from '../recommended';
import { formatDuration } from '../../quantity';

// Alloy's decoder reports `missing required attribute "x"` / `missing required block "x"`
// (grafana/alloy v1.18.1 syntax/vm/struct_decoder.go); required = a struct tag without `optional`,
// or an `argument` block of a declare without `optional = true`.

/** The required arguments and blocks of a spec, found once per spec (specs are shared and never change). */
const requiredOf = new WeakMap<BlockSpec, { args: [string, ArgSpec][]; blocks: [string, BlockSpec][] }>();
function required(spec: BlockSpec): { args: [string, ArgSpec][]; blocks: [string, BlockSpec][] } {
  let entry = requiredOf.get(spec);
  if (!entry) {
    entry = {
      args: Object.entries(spec.args).filter(([, arg]) => arg.required),
      blocks: Object.entries(spec.blocks).filter(([, block]) => block.required),
    };
    requiredOf.set(spec, entry);
  }
  return entry;
}

export const missingRequired: AlloyRule = {
  id: 'alloy/missing-required',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'A required argument or block is missing (memory_limiter check_interval, the output block every otelcol processor needs, an argument a declare block does not make optional): Alloy refuses to load the config ("missing required attribute").',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'syntax/vm/struct_decoder.go; component Arguments struct tags' }],
  check(ctx) {
    const findings: Finding[] = [];
    forEachKnownBlock(ctx, ({ component, block, spec, where, path }) => {
      if (spec.open) return;
      const { args, blocks } = required(spec);
      if (args.length === 0 && blocks.length === 0) return;
      for (const [name, arg] of args) {
        if (!availableIn(arg, ctx.version) || block.body.some((s) => s.kind === 'attribute' && s.name === name)) continue;
        // The sizing model's value for a missing required argument, where a document recommends one.
        const model = path.length === 0 && component.name === 'otelcol.processor.memory_limiter' && name === 'check_interval'
          ? recommended(ctx.analysis.catalog, ctx.tier, 'memoryLimiter', 'checkInterval') : undefined;
        const value = model ? `"${formatDuration(model.value)}"` : undefined;
        findings.push({
          code: this.id,
          severity: 'error',
          message: `${where} needs the argument ${name}${arg.doc ? `: ${arg.doc}` : ` (${arg.type})`}.${value ? ` ${model!.from} uses ${name} = ${value}.` : ''} Alloy refuses to load the config without it.`,
          range: rangeOf(ctx, navigationSpan(block)),
          fixes: value ? [insertAttributeFix(ctx, block, name, value, `Add ${name} = ${value}`)] : [],
          ...(model ? { citation: model.citation } : {}),
        });
      }
      for (const [name, child] of blocks) {
        if (!availableIn(child, ctx.version) || block.body.some((s) => s.kind === 'block' && s.name === name)) continue;
        findings.push({
          code: this.id,
          severity: 'error',
          message: `${headerOf(block)} needs ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} block${child.doc ? `: ${child.doc}` : ''}. Alloy refuses to load the config without it.`,
          range: rangeOf(ctx, navigationSpan(block)),
        });
      }
    });
    return findings;
  },
};
