import { closest } from '../../directives';
import type { AttributeStmt, BlockStmt } from '../ast';
import type { Finding, Fix } from '../../types';
import { type AlloyRule, type AlloyRuleContext, replaceFix, rangeOf } from '../rule-context';
import { forEachKnownBlock, type SchemaVisit } from './walk';

/**
 * OpenTelemetry Collector YAML names that people carry into Alloy (seed 000 does), with the Alloy
 * argument and how the value converts: `limit_mib = 1000` means `limit = "1000MiB"`.
 */
export const COLLECTOR_NAMES: Record<string, Record<string, { alloy: string; unit?: 'MiB' }>> = {
  'otelcol.processor.batch': { batch_size: { alloy: 'send_batch_size' } },
  'otelcol.processor.memory_limiter': {
    limit_mib: { alloy: 'limit', unit: 'MiB' },
    spike_limit_mib: { alloy: 'spike_limit', unit: 'MiB' },
  },
};

export const unknownArgument: AlloyRule = {
  id: 'alloy/unknown-argument',
  defaultSeverity: 'error',
  doc: 'An argument or block that the component does not have: Alloy refuses to load the config ("unrecognized attribute name"). Names come from the Alloy 1.18 reference pages (docs/sources/reference/components/).',
  sources: [{ document: 'grafana/alloy docs', section: 'reference/components' }],
  check(ctx) {
    const findings: Finding[] = [];
    forEachKnownBlock(ctx, (visit) => {
      if (visit.spec.open) return;
      for (const statement of visit.block.body) {
        if (statement.kind === 'attribute' && !(statement.name in visit.spec.args)) {
          findings.push(unknownAttribute(ctx, visit, statement));
        } else if (statement.kind === 'block' && !(statement.name in visit.spec.blocks)) {
          findings.push(unknownBlock(ctx, visit, statement));
        }
      }
    });
    return findings;
  },
};

function unknownAttribute(ctx: AlloyRuleContext, visit: SchemaVisit, attribute: AttributeStmt): Finding {
  const collector = visit.block === visit.componentBlock ? COLLECTOR_NAMES[visit.component.name]?.[attribute.name] : undefined;
  const fixes: Fix[] = [];
  let message: string;
  if (collector) {
    const value = attribute.value;
    if (collector.unit && value.kind === 'number' && typeof value.value === 'number') {
      fixes.push(replaceFix(ctx, `Replace with ${collector.alloy} = "${value.raw}${collector.unit}"`, attribute.span, `${collector.alloy} = "${value.raw}${collector.unit}"`));
    } else if (!collector.unit) {
      fixes.push(replaceFix(ctx, `Rename to ${collector.alloy}`, attribute.nameSpan, collector.alloy));
    }
    message = `${visit.path} has no argument "${attribute.name}": that is the OpenTelemetry Collector YAML name; Alloy calls it ${collector.alloy}${collector.unit ? ` and takes a size string such as "1000MiB"` : ''}. Alloy refuses to load the config as it is.`;
  } else {
    const suggestion = closest(attribute.name, Object.keys(visit.spec.args));
    if (suggestion) fixes.push(replaceFix(ctx, `Rename to ${suggestion}`, attribute.nameSpan, suggestion));
    message = `${visit.path} has no argument "${attribute.name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; Alloy refuses to load the config. Arguments: ${Object.keys(visit.spec.args).join(', ') || 'none'}.`;
  }
  return { code: 'alloy/unknown-argument', severity: 'error', message, range: rangeOf(ctx, attribute.nameSpan), fixes };
}

function unknownBlock(ctx: AlloyRuleContext, visit: SchemaVisit, block: BlockStmt): Finding {
  const suggestion = closest(block.name, Object.keys(visit.spec.blocks));
  const fixes = suggestion ? [replaceFix(ctx, `Rename to ${suggestion}`, block.nameSpan, suggestion)] : [];
  const blocks = Object.keys(visit.spec.blocks);
  return {
    code: 'alloy/unknown-block',
    severity: 'error',
    message: `${visit.path} has no block "${block.name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; Alloy refuses to load the config. Blocks: ${blocks.join(', ') || 'none'}.`,
    range: rangeOf(ctx, block.nameSpan),
    fixes,
  };
}
