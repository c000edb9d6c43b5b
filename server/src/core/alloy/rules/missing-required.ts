import type { Finding } from '../../types';
import { availableIn } from '../schema/versions';
import { type AlloyRule, headerOf, insertAttributeFix, rangeOf } from '../rule-context';
import { forEachKnownBlock } from './walk';
import { navigationSpan } from './spans';

/** Values Headroom inserts for a missing required argument, when there is a documented recommendation. */
const RECOMMENDED: Record<string, string> = {
  // docs/sources/reference/components/otelcol/otelcol.processor.memory_limiter.md recommends "1s".
  'otelcol.processor.memory_limiter.check_interval': '"1s"',
};

// Alloy's decoder reports `missing required attribute "x"` / `missing required block "x"`
// (grafana/alloy v1.18.1 syntax/vm/struct_decoder.go); required = a struct tag without `optional`,
// or an `argument` block of a declare without `optional = true`.

export const missingRequired: AlloyRule = {
  id: 'alloy/missing-required',
  defaultSeverity: 'error',
  doc: 'A required argument or block is missing (memory_limiter check_interval, the output block every otelcol processor needs, an argument a declare block does not make optional): Alloy refuses to load the config ("missing required attribute").',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'syntax/vm/struct_decoder.go; component Arguments struct tags' }],
  check(ctx) {
    const findings: Finding[] = [];
    forEachKnownBlock(ctx, ({ component, block, spec, where, path }) => {
      if (spec.open) return;
      for (const [name, arg] of Object.entries(spec.args)) {
        if (!arg.required || !availableIn(arg, ctx.version) || block.body.some((s) => s.kind === 'attribute' && s.name === name)) continue;
        const recommended = path.length === 0 ? RECOMMENDED[`${component.name}.${name}`] : undefined;
        findings.push({
          code: this.id,
          severity: 'error',
          message: `${where} needs the argument ${name}${arg.doc ? `: ${arg.doc}` : ` (${arg.type})`}.${recommended ? ` The docs recommend ${name} = ${recommended}.` : ''} Alloy refuses to load the config without it.`,
          range: rangeOf(ctx, navigationSpan(block)),
          fixes: recommended ? [insertAttributeFix(ctx, block, name, recommended, `Add ${name} = ${recommended}`)] : [],
        });
      }
      for (const [name, child] of Object.entries(spec.blocks)) {
        if (!child.required || !availableIn(child, ctx.version) || block.body.some((s) => s.kind === 'block' && s.name === name)) continue;
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
