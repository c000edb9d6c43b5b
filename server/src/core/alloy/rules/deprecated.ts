import type { Finding, Fix } from '../../types';
import { availableIn } from '../schema/versions';
import type { ArgSpec } from '../schema/types';
import { type AlloyRule, rangeOf, replaceFix } from '../rule-context';
import { forEachKnownBlock } from './walk';

export const deprecatedArgument: AlloyRule = {
  id: 'alloy/deprecated',
  scope: 'block',
  defaultSeverity: 'warning',
  doc: 'An argument or block its reference page marks deprecated: Alloy still accepts it, but a later release may remove it (sending_queue.blocking was removed in 1.11). The replacement is offered as a rename when the page names one.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'docs/sources/reference/components/ (deprecation notes)' }],
  check(ctx) {
    const findings: Finding[] = [];
    forEachKnownBlock(ctx, ({ spec, block, where }) => {
      if (spec.open) return;
      for (const statement of block.body) {
        const entry = statement.kind === 'attribute' ? spec.args[statement.name] : spec.blocks[statement.name];
        // Removed in the chosen release: alloy/unknown-argument reports it as an error instead.
        if (!entry?.deprecated || !availableIn(entry, ctx.version)) continue;
        const replacement = entry.deprecated !== 'deprecated' ? entry.deprecated : undefined;
        const sibling = replacement && (statement.kind === 'attribute' ? spec.args[replacement] : spec.blocks[replacement]);
        // A rename is a fix only when the replacement takes the same value (blocking → block_on_overflow,
        // not enable_protobuf_negotiation = true → scrape_protocols).
        const sameShape = sibling && (statement.kind === 'block' || (sibling as ArgSpec).type === (entry as ArgSpec).type);
        const fixes: Fix[] = sibling && sameShape && availableIn(sibling, ctx.version) && !block.body.some((s) => s.name === replacement)
          ? [replaceFix(ctx, `Rename to ${replacement}`, statement.nameSpan, replacement!)]
          : [];
        const instead = !replacement ? '' : statement.kind === 'attribute' && spec.blocks[replacement] ? `; use the ${replacement} block instead` : `; use ${replacement} instead`;
        findings.push({
          code: this.id,
          severity: 'warning',
          message: `${where} ${statement.name} is deprecated${instead}. Alloy still accepts it, but a later release may remove it.`,
          range: rangeOf(ctx, statement.nameSpan),
          fixes,
        });
      }
    });
    return findings;
  },
};
