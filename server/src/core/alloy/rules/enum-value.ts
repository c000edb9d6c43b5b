import { closest } from '../../directives';
import type { Finding } from '../../types';
import { type AlloyRule, rangeOf, replaceFix } from '../rule-context';
import { attributesOf, forEachKnownBlock } from './walk';

// Allowed values come from the argument's Go type (an UnmarshalText that accepts only listed
// constants, e.g. relabel actions, otelcol compression) or from its reference page ("Must be one of…").

export const enumValue: AlloyRule = {
  id: 'alloy/enum-value',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'A string argument set to a value outside the ones Alloy accepts (relabel action, compression, debug_metrics level, discovery role…): an error when the argument\'s Go type refuses other values while decoding, a warning when only the reference page lists them.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'UnmarshalText of the argument types; reference pages, Arguments tables' }],
  check(ctx) {
    const findings: Finding[] = [];
    forEachKnownBlock(ctx, ({ spec, block, where }) => {
      if (spec.open) return;
      for (const attribute of attributesOf(block)) {
        const arg = spec.args[attribute.name];
        const allowed = arg?.enum;
        const value = attribute.value;
        if (!allowed || value.kind !== 'string' || allowed.includes(String(value.value))) continue;
        const text = String(value.value);
        const caseOnly = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
        const suggestion = caseOnly ?? closest(text, allowed.filter((a) => a !== ''));
        // Values the decoder checks are errors; values only the reference page lists are warnings.
        findings.push({
          code: this.id,
          severity: arg.enumFromDocs ? 'warning' : 'error',
          message: `${where} ${attribute.name} is ${value.raw}, which ${arg.enumFromDocs ? 'is not one of the values its reference page lists' : 'Alloy does not accept'}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed: ${allowed.map((a) => `"${a}"`).join(', ')}.`,
          range: rangeOf(ctx, value.span),
          fixes: suggestion ? [replaceFix(ctx, `Change to "${suggestion}"`, value.span, JSON.stringify(suggestion))] : [],
        });
      }
    });
    return findings;
  },
};
