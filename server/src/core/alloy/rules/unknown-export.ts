import { closest } from '../../directives';
import type { Finding } from '../../types';
import { formatAlloyType, parseAlloyType } from '../schema/alloy-types';
import { type AlloyRule, rangeOf, replaceFix } from '../rule-context';
import { referenceChains } from './references';

// What a component exports is its Exports struct (built-in components) or its export blocks (custom
// components); `component.label.name` must name one of them (grafana/alloy v1.18.1
// docs/sources/get-started/expressions/referencing_exports.md).

export const unknownExport: AlloyRule = {
  id: 'alloy/unknown-export',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'A reference to an export the component does not have: discovery.kubernetes.pods.target (the export is targets), otelcol.receiver.otlp.default.input (receivers export nothing), an export a declare block does not define. Alloy refuses to load the config.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'component Exports struct tags; docs/sources/get-started/expressions/referencing_exports.md' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const chain of referenceChains(ctx)) {
      const reference = ctx.typer.reference(chain.expr);
      if (!reference?.spec || reference.open || !reference.exportName || !reference.exportSpan) continue;
      const exports = Object.keys(reference.spec.exports);
      if (exports.includes(reference.exportName)) continue;
      const suggestion = closest(reference.exportName, exports);
      const listed = exports.map((name) => `${name} (${formatAlloyType(parseAlloyType(reference.spec!.exports[name]))})`).join(', ');
      const what = reference.spec.origin === 'declare' ? `its declare block has no export "${reference.exportName}"` : `${reference.spec.name} has no export "${reference.exportName}"`;
      findings.push({
        code: this.id,
        severity: 'error',
        message: `${reference.key}.${reference.exportName}: ${what}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; Alloy refuses to load the config. ${exports.length > 0 ? `Exports: ${listed}.` : `${reference.spec.name} exports nothing.`}`,
        range: rangeOf(ctx, reference.exportSpan),
        fixes: suggestion ? [replaceFix(ctx, `Change to ${suggestion}`, reference.exportSpan, suggestion)] : [],
      });
    }
    return findings;
  },
};
